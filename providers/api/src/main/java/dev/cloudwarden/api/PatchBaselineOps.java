package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The patch desired state, kept as baselines: which updates each operating system's machines must have, the patch
 * groups (machines by tag or label) each baseline serves, and each operating system's default. SSM Patch Manager keeps
 * it so (patch baselines, patch groups, default baselines); Azure Update Manager as maintenance configurations and
 * their assignments (a dynamic scope by tag is a patch group; no default); GCP OS Config as patch deployments with
 * instance filters by label. What one cloud's service cannot keep, its {@link CloudNames#patchFields()} leaves out, so
 * a policy asking for it is refused before anything runs. Writes are single calls, each safe to repeat (a retried
 * run converges).
 */
public interface PatchBaselineOps {

    /**
     * The reference a baseline is reported under; {@code id} is empty for one not created yet, which is then
     * reported under its name. No call is made.
     */
    ResourceRef baselineResource(String id, String name);

    /** The account's own baselines (not the cloud's predefined ones). */
    List<BaselineSummary> listBaselines();

    /** One baseline's whole content and the patch groups registered to it; empty when it no longer exists. */
    Optional<FoundBaseline> getBaseline(String baselineId);

    /** Creates a baseline with this content; returns its id. */
    String createBaseline(PatchBaseline content);

    /** Replaces the whole content of a baseline with {@code content}. */
    void updateBaseline(String baselineId, PatchBaseline content);

    /** Makes {@code baselineId} the baseline of {@code patchGroup}; a group has one baseline per operating system. */
    void registerPatchGroup(String baselineId, String patchGroup);

    /**
     * The baseline registered for {@code patchGroup} on {@code operatingSystem}; empty when none is (the
     * operating system's default then judges the group's instances).
     */
    Optional<String> patchGroupBaseline(String patchGroup, String operatingSystem);

    /** Removes {@code patchGroup} from {@code baselineId}; a registration already gone is a success. */
    void deregisterPatchGroup(String baselineId, String patchGroup);

    /**
     * The default baseline of an operating system, the one that judges machines in no patch group, as the cloud names
     * it (SSM names its own predefined baselines by ARN); see {@link #idOf}. Empty where the cloud has no default.
     */
    String defaultBaseline(String operatingSystem);

    /**
     * The id, as {@link #listBaselines} spells ids, of the baseline a reference the cloud answered with names: SSM
     * answers a default by ARN ({@code arn:aws:ssm:…:patchbaseline/pb-…}) and lists baselines by id. No call is made.
     */
    default String idOf(String reference) {
        return reference;
    }

    /** Makes {@code baselineId} the default of its operating system. */
    void setDefaultBaseline(String baselineId);

    /** A baseline as listed. */
    record BaselineSummary(String id, String name, String operatingSystem, boolean isDefault) {
        public BaselineSummary {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(operatingSystem, "operatingSystem");
        }
    }

    /** A baseline as it stands in the cloud: its id, its content, the patch groups registered to it. */
    record FoundBaseline(String id, PatchBaseline content, List<String> patchGroups) {
        public FoundBaseline {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(content, "content");
            patchGroups = patchGroups.stream().sorted().toList();
        }
    }
}
