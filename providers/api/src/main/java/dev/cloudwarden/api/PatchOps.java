package dev.cloudwarden.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Patch baselines, the patch groups they serve, each operating system's default baseline, and the
 * instances they judge: SSM Patch Manager on AWS. Reads are paged streams; writes are single calls, each
 * safe to repeat (a retried run converges).
 */
public interface PatchOps {

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

    /** The default baseline of an operating system: the one that judges instances in no patch group. */
    String defaultBaseline(String operatingSystem);

    /** Makes {@code baselineId} the default of its operating system. */
    void setDefaultBaseline(String baselineId);

    /** The instances the patch service manages, with their tags (the patch group is a tag). */
    List<ManagedInstance> managedInstances();

    /** The last scan or install result of every instance of a patch group. */
    List<PatchState> patchStates(String patchGroup);

    /**
     * Starts a scan (no install) of these instances against their baselines, at most {@code maxConcurrency}
     * at a time and stopping after {@code maxErrors} failures (the cloud's own spelling: "10", "10%");
     * returns the command id.
     */
    String startScan(List<String> instanceIds, String maxConcurrency, String maxErrors);

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

    /**
     * An instance the patch service manages.
     *
     * @param platform   the operating system family the agent reports (Linux, Windows, MacOS)
     * @param online     whether its agent answered lately (SSM ping status Online)
     */
    record ManagedInstance(ResourceRef resource, String platform, String platformName, boolean online, Optional<Instant> lastPing) {
        public ManagedInstance {
            Objects.requireNonNull(resource, "resource");
            platform = Objects.requireNonNullElse(platform, "");
            platformName = Objects.requireNonNullElse(platformName, "");
            lastPing = Objects.requireNonNullElse(lastPing, Optional.empty());
        }

        public String id() {
            return resource.id();
        }
    }

    /**
     * What the last patch operation of one instance found.
     *
     * @param operation           {@code Scan} or {@code Install}
     * @param criticalNonCompliant missing patches at the critical compliance level
     * @param securityNonCompliant missing security patches
     */
    record PatchState(String instanceId, String patchGroup, String baselineId, String operation, Instant operationEnd,
                      int installed, int installedPendingReboot, int missing, int failed, int criticalNonCompliant,
                      int securityNonCompliant, int otherNonCompliant) {
        public PatchState {
            Objects.requireNonNull(instanceId, "instanceId");
            patchGroup = Objects.requireNonNullElse(patchGroup, "");
            baselineId = Objects.requireNonNullElse(baselineId, "");
            operation = Objects.requireNonNullElse(operation, "");
            Objects.requireNonNull(operationEnd, "operationEnd");
        }
    }
}
