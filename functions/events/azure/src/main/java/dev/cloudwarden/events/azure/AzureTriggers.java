package dev.cloudwarden.events.azure;

import java.util.List;
import java.util.Optional;

/** Every operation's trigger on Azure: the one list a new operation adds its trigger class to. */
public final class AzureTriggers {
    public static final List<AzureTrigger> ALL = List.of(new FirewallAuditTrigger());

    private AzureTriggers() {
    }

    /** The trigger of {@code operation}; empty for an operation nothing on Azure triggers but its timer. */
    public static Optional<AzureTrigger> of(String operation) {
        return ALL.stream().filter(t -> t.operation().equals(operation)).findFirst();
    }
}
