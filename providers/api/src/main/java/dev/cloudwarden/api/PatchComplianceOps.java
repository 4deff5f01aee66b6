package dev.cloudwarden.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Patch compliance, the same on every cloud: the machines the patch service manages, what each one's last assessment
 * found, and an assessment started on demand. SSM Patch Manager: managed nodes, instance patch states, the
 * AWS-RunPatchBaseline document with Operation=Scan. Azure Update Manager: machines and their
 * {@code patchassessmentresources}, {@code assessPatches}. GCP OS Config: instances with the agent, their inventory and
 * vulnerability reports. Reads are paged streams; the one write starts work and returns its id.
 */
public interface PatchComplianceOps {

    /** The machines the patch service manages, with their tags or labels (which desired state judges them is one). */
    List<ManagedInstance> managedInstances();

    /**
     * The last assessment or install result of every machine of a patch group: the machines a desired state targets
     * by their patch-group tag (SSM's patch group, an Update Manager dynamic scope, an OS Config instance filter).
     */
    List<PatchState> patchStates(String patchGroup);

    /**
     * Starts an assessment (no install) of these machines, at most {@code maxConcurrency} at a time and stopping after
     * {@code maxErrors} failures, where the cloud paces its work so; returns the id of the work started.
     */
    String startScan(List<String> instanceIds, Rate maxConcurrency, Rate maxErrors);

    /**
     * A machine the patch service manages.
     *
     * @param platform the operating system family its agent reports (Linux, Windows, MacOS)
     * @param online   whether its agent answered lately (SSM ping status Online; Azure and GCP: the agent reported)
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
     * What the last patch operation of one machine found.
     *
     * @param baselineId           the desired state that judged it (an SSM baseline, an Azure maintenance configuration,
     *                             a GCP patch deployment); empty when the cloud does not say
     * @param operation            {@code Scan} (an assessment) or {@code Install}
     * @param criticalNonCompliant missing patches of critical severity
     * @param securityNonCompliant missing patches classified as security updates
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
