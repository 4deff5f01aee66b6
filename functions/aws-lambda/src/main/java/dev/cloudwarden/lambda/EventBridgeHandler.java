package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Lambda entry point for every event a function's operation accepts, told apart by {@code detail-type}: the
 * schedule's sweep, CloudTrail calls, EBS snapshot notifications and instance state changes. This is the
 * handler the Terraform module deploys, so that one function (one role, one log group, warm containers shared)
 * serves all of an operation's triggers; each trigger's rule still matches only what the operation accepts,
 * and an event no decoder accepts fails the invocation with nothing called.
 */
public final class EventBridgeHandler implements RequestStreamHandler {
    private final FunctionRunner function;

    public EventBridgeHandler() {
        this(System.getenv(), System.out);
    }

    /** Settings from {@code env}, structured logs to {@code log}. */
    EventBridgeHandler(Map<String, String> env, PrintStream log) {
        this.function = Wiring.runner(env, log);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        function.handle(in, Wiring.EVENTS::decode, out, "EventBridgeHandler", Wiring.invocation(context));
    }
}
