package dev.cloudwarden.core.policy;

import dev.cloudwarden.api.CloudId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment's policy file: which cloud, whether to change anything at all, and each operation's
 * settings (at least one). Read by {@link PolicyLoader}; the same file serves the CLI and every cloud's functions.
 *
 * @param dryRun when true no run of this policy changes anything, whatever the caller asks
 * @param region the default region when neither the command line nor the runtime names one
 */
public record Policy(int version, CloudId cloud, Optional<String> region, boolean dryRun,
                     Optional<FirewallAuditPolicy> securityGroupAudit, Optional<TagCompliancePolicy> tagCompliance,
                     Optional<SnapshotLifecyclePolicy> snapshotLifecycle, Optional<PatchBaselinesPolicy> patchBaselines,
                     List<PolicyError> warnings) {
    public static final int CURRENT_VERSION = 1;

    public Policy {
        Objects.requireNonNull(cloud, "cloud");
        region = Objects.requireNonNullElse(region, Optional.empty());
        securityGroupAudit = Objects.requireNonNullElse(securityGroupAudit, Optional.empty());
        tagCompliance = Objects.requireNonNullElse(tagCompliance, Optional.empty());
        snapshotLifecycle = Objects.requireNonNullElse(snapshotLifecycle, Optional.empty());
        patchBaselines = Objects.requireNonNullElse(patchBaselines, Optional.empty());
        warnings = List.copyOf(warnings);
        if (securityGroupAudit.isEmpty() && tagCompliance.isEmpty() && snapshotLifecycle.isEmpty() && patchBaselines.isEmpty()) {
            throw new IllegalArgumentException("a policy declares at least one operation");
        }
    }

    /** A policy without warnings. */
    public Policy(int version, CloudId cloud, Optional<String> region, boolean dryRun, Optional<FirewallAuditPolicy> securityGroupAudit,
                  Optional<TagCompliancePolicy> tagCompliance, Optional<SnapshotLifecyclePolicy> snapshotLifecycle,
                  Optional<PatchBaselinesPolicy> patchBaselines) {
        this(version, cloud, region, dryRun, securityGroupAudit, tagCompliance, snapshotLifecycle, patchBaselines, List.of());
    }
}
