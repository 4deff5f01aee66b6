package dev.cloudwarden.azurefunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.cloudwarden.runtime.FunctionRunner;

/**
 * Azure Functions entry point for Event Grid: a subscription's system topic's {@code ResourceWriteSuccess} of a network
 * security group or one of its rules, in either schema; audits that NSG, within seconds of the write. Fails the
 * invocation for any other event, or one from another subscription (nothing called: Event Grid retries it, then
 * dead-letters it), and for an incomplete run. An event whose caller is the function's own managed identity
 * ({@code CLOUDWARDEN_OWN_PRINCIPAL_ID}: its own remediation, coming back) is skipped.
 */
public final class SecurityGroupEventAudit {
    static final String NAME = "securityGroupEventAudit";

    private final FunctionRunner function;

    public SecurityGroupEventAudit() {
        this(Wiring.shared());
    }

    SecurityGroupEventAudit(FunctionRunner function) {
        this.function = function;
    }

    @FunctionName(NAME)
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        Wiring.run(function, event, Wiring.EVENTS::eventGrid, NAME);
    }
}
