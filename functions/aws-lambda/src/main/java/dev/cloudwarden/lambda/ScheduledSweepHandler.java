package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lambda entry point for EventBridge scheduled events (cron or rate rules): runs the function's operation over the whole region.
 * Returns the run report; fails the invocation for an unsupported event (nothing changed) or an
 * incomplete run (the report, logged, says what was and was not done).
 */
public final class ScheduledSweepHandler implements RequestStreamHandler {
    private final FunctionRunner function;

    public ScheduledSweepHandler() {
        this(System.getenv(), System.out);
    }

    /** Settings from {@code env}, structured logs to {@code log}. */
    ScheduledSweepHandler(Map<String, String> env, PrintStream log) {
        this.function = Wiring.runner(env, log);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        function.handle(in, (event, operation) -> Wiring.EVENTS.scheduled(event), out, "ScheduledSweepHandler", Wiring.invocation(context));
    }
}
