package dev.cloudwarden.core.catalog;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.policy.OperationPolicy;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.SectionReader;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Every operation cloudwarden has, listed once, and the choice of the one a function or a command runs from those the
 * policy declares. A fifth operation is one more module here; the policy reader, the commands and the functions
 * learn of it from this list.
 */
public final class Operations {
    /** The operations, in the order a policy's sections are read and listed. */
    public static final List<OperationModule<?>> ALL = List.of(FirewallAudit.MODULE, TagCompliance.MODULE, SnapshotLifecycle.MODULE,
            PatchBaselines.MODULE);

    private Operations() {
    }

    /** The ids of every operation, in {@link #ALL}'s order. */
    public static List<String> ids() {
        return ALL.stream().map(OperationModule::id).toList();
    }

    /** Each operation's reader of its policy section. */
    static List<SectionReader<?>> sectionReaders() {
        return ALL.stream().<SectionReader<?>>map(OperationModule::reader).toList();
    }

    /** The ids of the operations the policy declares, in a stable order. */
    public static List<String> declared(Policy policy) {
        return ALL.stream().filter(m -> policy.section(m.reader().type()).isPresent()).map(OperationModule::id).toList();
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
        OperationModule<?> module = ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation '" + id + "'"));
        return create(module, policy, provider, clock);
    }

    private static <P extends OperationPolicy> Operation create(OperationModule<P> module, Policy policy, CloudProvider provider,
                                                               Clock clock) {
        P section = policy.section(module.reader().type()).orElseThrow(() -> new IllegalArgumentException(
                "operation '" + module.id() + "' is not declared in the policy"));
        return module.create(section, policy.dryRun(), provider, clock);
    }
}
