package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lambda entry point for CloudTrail "AWS API Call via CloudTrail" events from EventBridge: runs the function's operation on the resources the call created or changed, within seconds of the change.
 * Returns the run report; fails the invocation for an unsupported event (nothing changed) or an
 * incomplete run (the report, logged, says what was and was not done).
 */
public final class CloudTrailEventHandler implements RequestStreamHandler {
    private final FunctionRunner function;

    public CloudTrailEventHandler() {
        this(System.getenv(), System.out);
    }

    /** Settings from {@code env}, structured logs to {@code log}. */
    CloudTrailEventHandler(Map<String, String> env, PrintStream log) {
        this.function = Wiring.runner(env, log);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        function.handle(in, Wiring.EVENTS::cloudTrail, out, "CloudTrailEventHandler", Wiring.invocation(context));
    }
}
