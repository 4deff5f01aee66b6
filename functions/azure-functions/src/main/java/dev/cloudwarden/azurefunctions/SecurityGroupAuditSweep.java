package dev.cloudwarden.azurefunctions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.cloudwarden.runtime.FunctionRunner;

/**
 * Azure Functions entry point for the timer: runs the function's operation over the whole subscription in its location,
 * on the NCRONTAB schedule in the app setting {@code CLOUDWARDEN_SCHEDULE} ({@code 0 0 3 * * *}). Fails the invocation
 * for a tick it cannot read (nothing called) or an incomplete run (the report, logged, says what was and was not done).
 */
public final class SecurityGroupAuditSweep {
    static final String NAME = "securityGroupAuditSweep";

    private final FunctionRunner function;

    public SecurityGroupAuditSweep() {
        this(Wiring.shared());
    }

    SecurityGroupAuditSweep(FunctionRunner function) {
        this.function = function;
    }

    @FunctionName(NAME)
    public void run(@TimerTrigger(name = "timer", schedule = "%CLOUDWARDEN_SCHEDULE%") String timer, ExecutionContext context) {
        Wiring.run(function, timer, (event, operation) -> Wiring.EVENTS.timer(event), NAME);
    }
}
