package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lambda entry point for EC2's "EC2 Instance State-change Notification" events from EventBridge, state
 * {@code running}: the patch-baselines function checks that the instance has a patch group (and gives it the
 * policy's default group). Returns the run report; fails the invocation for an unsupported event (nothing
 * changed) or an incomplete run.
 */
public final class InstanceStateHandler implements RequestStreamHandler {
    private final FunctionRunner function;

    public InstanceStateHandler() {
        this(System.getenv(), System.out);
    }

    /** Settings from {@code env}, structured logs to {@code log}. */
    InstanceStateHandler(Map<String, String> env, PrintStream log) {
        this.function = Wiring.runner(env, log);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        function.handle(in, Wiring.EVENTS::instanceStateChange, out, "InstanceStateHandler", Wiring.invocation(context));
    }
}
