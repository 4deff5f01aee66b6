package dev.cloudwarden.core;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Picks the operation a function or a command runs from the ones the policy declares. */
public final class Operations {
    private Operations() {
    }

    /** The ids of the operations the policy declares, in a stable order. */
    public static List<String> declared(Policy policy) {
        List<String> ids = new ArrayList<>();
        policy.securityGroupAudit().ifPresent(p -> ids.add(FirewallAudit.OPERATION));
        policy.tagCompliance().ifPresent(p -> ids.add(TagCompliance.OPERATION));
        policy.snapshotLifecycle().ifPresent(p -> ids.add(SnapshotLifecycle.OPERATION));
        policy.patchBaselines().ifPresent(p -> ids.add(PatchBaselines.OPERATION));
        return ids;
    }

    /**
     * The id of the operation to run: {@code requested} when given, else the policy's only operation.
     *
     * @throws IllegalArgumentException naming the declared operations when the choice is unknown or ambiguous
     */
    public static String choose(Policy policy, Optional<String> requested) {
        List<String> declared = declared(policy);
        if (requested.isPresent()) {
            if (!declared.contains(requested.get())) {
                throw new IllegalArgumentException("operation '" + requested.get() + "' is not declared in the policy; it declares "
                        + String.join(", ", declared));
            }
            return requested.get();
        }
        if (declared.size() > 1) {
            throw new IllegalArgumentException("the policy declares " + String.join(", ", declared)
                    + ": name the operation to run");
        }
        return declared.getFirst();
    }

    /** The operation {@code id}, wired to {@code provider}; {@code id} must come from {@link #choose}. */
    public static Operation create(Policy policy, String id, CloudProvider provider, Clock clock) {
        return switch (id) {
            case FirewallAudit.OPERATION -> new FirewallAudit(provider, policy.securityGroupAudit().orElseThrow(), policy.dryRun(), clock);
            case TagCompliance.OPERATION -> new TagCompliance(provider, policy.tagCompliance().orElseThrow(), policy.dryRun(), clock);
            case SnapshotLifecycle.OPERATION -> new SnapshotLifecycle(provider, policy.snapshotLifecycle().orElseThrow(), policy.dryRun(), clock);
            case PatchBaselines.OPERATION -> new PatchBaselines(provider, policy.patchBaselines().orElseThrow(), policy.dryRun(), clock);
            default -> throw new IllegalArgumentException("unknown operation '" + id + "'");
        };
    }
}
