package dev.cloudwarden.api;

import java.util.List;

/** Patch baselines and compliance. Implemented per cloud in the patch-baselines issue. */
public interface PatchOps {
    List<PatchBaseline> listBaselines();

    /** Creates the baseline, or updates the one of the same name so that it equals {@code baseline}. */
    void putBaseline(PatchBaseline baseline);

    /** Instances that report missing or failed patches, with the baseline that judged them. */
    List<ResourceRef> nonCompliantInstances();
}
