package dev.cloudwarden.lambda;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The wiring every handler shares, built once per container: settings, the AWS provider (its clients
 * reused by every invocation) and the one operation this function runs. {@link #handle} turns a
 * decoded event into a report.
 */
final class AuditFunction {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final FunctionSettings settings;
    private final CloudProvider provider;
    private final Operation operation;
    private final JsonLog log;

    AuditFunction(Map<String, String> env, PrintStream logOut) {
        this.settings = FunctionSettings.from(env);
        if (settings.policy().cloud() != CloudId.AWS) {
            throw new IllegalStateException("this is the AWS function, but the policy is for cloud '"
                    + settings.policy().cloud().id() + "'");
        }
        ProviderConfig config = new ProviderConfig(settings.region(), settings.endpoint()).forOperation(settings.operation());
        this.provider = Providers.find(CloudId.AWS).create(config);
        this.operation = Operations.create(settings.policy(), settings.operation(), provider, Clock.systemUTC());
        this.log = new JsonLog(logOut);
    }

    /**
     * Decodes the event with {@code decoder} (an unsupported one is logged and rethrown before any
     * call), runs the audit, logs and writes the report; fails when the run is incomplete.
     */
    void handle(InputStream in, BiFunction<JsonNode, String, AuditEvent> decoder, OutputStream out, String handler, Context context) {
        AuditEvent event;
        try {
            event = decoder.apply(EventDecoder.parse(in), operation.id());
        } catch (UnsupportedEventException e) {
            log.rejected(handler, e.getMessage());
            throw e;
        }
        handle(event, out, context);
    }

    private void handle(AuditEvent event, OutputStream out, Context context) {
        if (!event.region().equals(settings.region())) {
            throw new UnsupportedEventException("event " + event.id() + " is for region " + event.region()
                    + " but this function serves " + settings.region() + "; deploy one function per region");
        }
        // a sweep comes from a schedule; anything narrower from an event about those resources
        RunReport.Trigger trigger = event.scope().isSweep() ? RunReport.Trigger.SCHEDULE : RunReport.Trigger.EVENT;
        RunRequest request = event.request(trigger, settings.dryRun());
        if (context != null) {
            request = request.withDeadline(deadline(context.getRemainingTimeInMillis()));
        }
        RunReport report = operation.run(request);
        log.report(report, event);
        if (!report.complete()) {
            throw new RunIncompleteException("run " + report.runId() + " " + report.status().id()
                    + ": " + report.error().orElse(""));
        }
        ReportJson.write(report, out, false);
    }

    /**
     * When the run must stop starting changes: before the invocation's time runs out, leaving enough to log
     * and return the report (30 s, or a tenth of a short timeout). What is not started is reported, and the
     * next run (EventBridge's retry of the failed invocation, or the next schedule) carries it out.
     */
    static Instant deadline(long remainingMillis) {
        Duration remaining = Duration.ofMillis(Math.max(0, remainingMillis));
        Duration margin = remaining.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? remaining.dividedBy(10) : MAX_MARGIN;
        return Instant.now().plus(remaining).minus(margin);
    }
}
