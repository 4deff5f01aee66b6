package dev.cloudwarden.api;

import java.util.Optional;

/**
 * One cloud, connected for one region. Each capability is offered as an Optional: a cloud or a
 * module that lacks one says so instead of failing at the first call.
 */
public interface CloudProvider extends AutoCloseable {
    CloudId cloud();

    /** The region (AWS), location (Azure) or region (GCP) this provider was created for. */
    String region();

    /** How this cloud spells tags, regions, topics and cloudwarden's own bookkeeping tags. */
    CloudNames names();

    default Optional<FirewallOps> firewalls() {
        return Optional.empty();
    }

    default Optional<SnapshotOps> snapshots() {
        return Optional.empty();
    }

    default Optional<TagOps> tags() {
        return Optional.empty();
    }

    /** Patch compliance: managed machines, their last assessment, assessments on demand. */
    default Optional<PatchComplianceOps> patchCompliance() {
        return Optional.empty();
    }

    /** The patch desired state, kept as baselines (SSM baselines, Update Manager maintenance configurations …). */
    default Optional<PatchBaselineOps> patchBaselines() {
        return Optional.empty();
    }

    default Optional<ComputeOps> compute() {
        return Optional.empty();
    }

    default Optional<NotificationOps> notifications() {
        return Optional.empty();
    }

    /** The cloud's security findings service (AWS Security Hub …), for exporting a run's findings. */
    default Optional<SecurityFindingsOps> securityFindings() {
        return Optional.empty();
    }

    /** Who the credentials are: the account their calls act in, for refusing another account's events. */
    default Optional<IdentityOps> identity() {
        return Optional.empty();
    }

    /** Every API request sent so far, retries included, by operation. */
    ApiCalls apiCalls();

    @Override
    void close();
}
