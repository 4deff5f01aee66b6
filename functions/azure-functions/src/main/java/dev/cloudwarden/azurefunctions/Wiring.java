package dev.cloudwarden.azurefunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.events.azure.AzureEventDecoder;
import dev.cloudwarden.runtime.FunctionRunner;
import dev.cloudwarden.runtime.Invocation;
import dev.cloudwarden.runtime.Platform;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * What Azure and Azure Functions are to the shared {@link FunctionRunner}, said once for every handler: Azure's events
 * (a timer's tick, Event Grid's resource events), the location in {@code CLOUDWARDEN_LOCATION} (the host's own
 * {@code REGION_NAME} is a display name, {@code West Europe}, not a location), the policy in the app's root, no findings
 * export, and the subscription the function acts in: the settings' (the policy's {@code account}, else
 * {@code AZURE_SUBSCRIPTION_ID}), which every event must be from.
 *
 * <p>The Java worker makes a new instance of a function's class for each invocation, so the runner (settings, provider,
 * SDK clients) is held here, built on the first invocation and reused by every later one in the JVM.
 */
final class Wiring {
    /** The decoder every handler reads its events with. */
    static final AzureEventDecoder EVENTS = new AzureEventDecoder();
    static final Platform AZURE_FUNCTIONS = new Platform(EVENTS, "Azure", "CLOUDWARDEN_LOCATION",
            // the host runs the app from its deployed content, on Linux plans in /home/site/wwwroot
            "/home/site/wwwroot/policy.yaml", Optional.empty());

    private Wiring() {
    }

    /** The runner of this JVM: settings from its environment, structured logs to stdout (which the host logs). */
    static FunctionRunner shared() {
        return Shared.RUNNER;
    }

    /** A runner with settings from {@code env}, structured logs to {@code log}. */
    static FunctionRunner runner(Map<String, String> env, PrintStream log) {
        return new FunctionRunner(AZURE_FUNCTIONS, env, log);
    }

    /**
     * Runs {@code payload}, the trigger's binding as text, through {@code runner}: decoded by {@code decoder}, refused
     * (thrown, before any call) unless it is one the handler takes, from the function's subscription. The report is
     * logged, not returned: neither trigger has an output binding.
     */
    static void run(FunctionRunner runner, String payload, BiFunction<JsonNode, String, DecodedEvent> decoder, String handler) {
        byte[] bytes = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        runner.handle(new ByteArrayInputStream(bytes), decoder, OutputStream.nullOutputStream(), handler, new SettingsInvocation(runner));
    }

    /** Built when first asked for: a class the JVM initialises once, so no lock and no mutable state. */
    private static final class Shared {
        static final FunctionRunner RUNNER = runner(System.getenv(), System.out);
    }

    /**
     * One invocation: the host's {@code ExecutionContext} names neither the subscription nor the time left, so the
     * account is the one the settings name, the one the provider acts in; none, and the function acts on no event.
     */
    record SettingsInvocation(FunctionRunner runner) implements Invocation {
        @Override
        public String account() {
            return runner.account().orElseThrow(() -> new UnsupportedEventException("no subscription set (the policy's account or"
                    + " AZURE_SUBSCRIPTION_ID): the function cannot check the event's subscription, so it acts on no event"));
        }

        @Override
        public OptionalLong remainingMillis() {
            return OptionalLong.empty();
        }
    }
}
