package dev.cloudwarden.events.aws;

import java.util.List;
import java.util.Optional;

/** Every operation's trigger on AWS: the one list a new operation adds its trigger class to. */
public final class AwsTriggers {
    public static final List<AwsTrigger> ALL = List.of(
            new FirewallAuditTrigger(), new TagComplianceTrigger(), new SnapshotLifecycleTrigger(), new PatchBaselinesTrigger());

    private AwsTriggers() {
    }

    /** The trigger of {@code operation}; empty for an operation nothing on AWS triggers but its schedule. */
    public static Optional<AwsTrigger> of(String operation) {
        return ALL.stream().filter(t -> t.operation().equals(operation)).findFirst();
    }

    /** The one trigger that takes the notifications of {@code detailType}. */
    static AwsTrigger taking(String detailType) {
        List<AwsTrigger> taking = ALL.stream().filter(t -> t.notifications().contains(detailType)).toList();
        if (taking.size() != 1) {
            throw new IllegalStateException("expected one operation to take '" + detailType + "', found " + taking.size());
        }
        return taking.getFirst();
    }
}
