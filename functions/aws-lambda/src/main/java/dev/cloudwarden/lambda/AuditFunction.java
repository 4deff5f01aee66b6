package dev.cloudwarden.lambda;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.SecurityFindingsExport;
import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The wiring every handler shares, built once per container: settings, the AWS provider (its clients
 * reused by every invocation) and the one operation this function runs. {@link #handle} turns a
 * decoded event into a report.
 *
 * <p>With {@code CLOUDWARDEN_SECURITY_HUB=true} every run's findings are then exported to AWS Security Hub in the
 * function's region ({@link SecurityFindingsExport}: ASFF, one Security Hub finding per report finding, dry-runs
 * included; a sweep also archives the operation's findings it no longer finds, an event run never does). The report
 * is logged first, then one {@code security-hub-export} line with the counts, every failure and the export's own
 * API calls (securityhub:DescribeHub once per container, securityhub:BatchImportFindings per 100 findings,
 * securityhub:GetFindings per 100 active findings on a sweep; they are not in the report's {@code apiCalls}, which
 * is complete before the export starts). An export that did not file everything fails the invocation
 * ({@link SecurityHubExportException}), so that it is retried and ends in the dead-letter queue.
 *
 * <p>An event is acted on only when it is for the function's own region and its own account, the account named in
 * the invoked function's ARN in the Lambda context (no API call needed). Without a context the function cannot tell its
 * account, so it acts on no event at all: the Lambda runtime always passes one, and an event that cannot be checked
 * must not be acted on in whatever account the credentials happen to reach. Every refusal (an event the decoder does
 * not accept, whatever went wrong inside it, or one for another region or account) is logged as an
 * {@code event-rejected} line and fails the invocation before any call.
 */
final class AuditFunction {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final FunctionSettings settings;
    private final CloudProvider provider;
    private final Operation operation;
    private final Optional<SecurityFindingsExport> securityHub;
    private final JsonLog log;

    AuditFunction(Map<String, String> env, PrintStream logOut) {
        this.log = new JsonLog(logOut);
        try {
            this.settings = FunctionSettings.from(env);
        } catch (InvalidSettingsException e) {
            log.initFailed(e.problems());
            throw e;
        }
        log.policyWarnings(settings.policy().warnings());
        if (settings.policy().cloud() != CloudId.AWS) {
            throw new IllegalStateException("this is the AWS function, but the policy is for cloud '"
                    + settings.policy().cloud().id() + "'");
        }
        ProviderConfig config = new ProviderConfig(settings.region(), settings.endpoint()).forOperation(settings.operation());
        this.provider = Providers.find(CloudId.AWS).create(config);
        this.operation = Operations.create(settings.policy(), settings.operation(), provider, Clock.systemUTC());
        this.securityHub = settings.securityHub()
                ? Optional.of(new SecurityFindingsExport(provider.securityFindings().orElseThrow(() -> new IllegalStateException(
                        "CLOUDWARDEN_SECURITY_HUB=true, but the AWS provider offers no security findings: the Security Hub SDK module"
                        + " (software.amazon.awssdk:securityhub) is not in this deployment"))))
                : Optional.empty();
    }

    /**
     * Decodes the event with {@code decoder} and checks it is for this function's region and account (a refusal is
     * logged and rethrown before any call), runs the audit, logs and writes the report; fails when the run is incomplete.
     */
    void handle(InputStream in, BiFunction<JsonNode, String, AuditEvent> decoder, OutputStream out, String handler, Context context) {
        AuditEvent event;
        try {
            event = EventDecoder.decode(in, decoder, operation.id());
            if (!event.region().equals(settings.region())) {
                throw new UnsupportedEventException("event " + EventDecoder.safe(event.id()) + " is for region " + event.region()
                        + " but this function serves " + settings.region() + "; deploy one function per region");
            }
            event.requireAccount(functionAccount(context), "this function runs");
            event.requireFiredBy(Instant.now());
        } catch (UnsupportedEventException e) {
            log.rejected(handler, e.getMessage());
            throw e;
        }
        handle(event, out, context);
    }

    /**
     * The account the function runs in: the fifth field of the invoked function's ARN
     * ({@code arn:aws:lambda:us-east-1:123456789012:function:name}). No context, or an ARN without an account, and
     * the function cannot check an event's account, so it refuses the event.
     */
    static String functionAccount(Context context) {
        if (context == null) {
            throw new UnsupportedEventException("no Lambda context: the function cannot tell which account it runs in, so it acts"
                    + " on no event (the Lambda runtime always passes one)");
        }
        String arn = String.valueOf(context.getInvokedFunctionArn());
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[4].matches("[0-9]{12}")) {
            throw new UnsupportedEventException("the Lambda context's function ARN " + EventDecoder.quote(arn)
                    + " names no account, so the function cannot check the event's account and acts on no event");
        }
        return parts[4];
    }

    private void handle(AuditEvent event, OutputStream out, Context context) {
        // a sweep comes from a schedule; anything narrower from an event about those resources
        RunReport.Trigger trigger = event.scope().isSweep() ? RunReport.Trigger.SCHEDULE : RunReport.Trigger.EVENT;
        RunRequest request = event.request(trigger, settings.dryRun());
        if (context != null) {
            request = request.withDeadline(deadline(context.getRemainingTimeInMillis()));
        }
        RunReport report = operation.run(request);
        log.report(report, event);
        Optional<String> exportFailure = securityHub.flatMap(export -> export(export, report, event));
        if (!report.complete()) {
            throw new RunIncompleteException("run " + report.runId() + " " + report.status().id()
                    + ": " + report.error().orElse("") + exportFailure.map(f -> "; " + f).orElse(""));
        }
        if (exportFailure.isPresent()) {
            throw new SecurityHubExportException(exportFailure.get());
        }
        ReportJson.write(report, out, false);
    }

    /** Exports the report's findings and logs how it went; says why when not everything was exported. */
    private Optional<String> export(SecurityFindingsExport export, RunReport report, AuditEvent event) {
        ApiCalls before = provider.apiCalls();
        SecurityFindingsExport.Result result = export.export(report);
        log.exported(report, result, provider.apiCalls().since(before), event);
        return result.complete() ? Optional.empty()
                : Optional.of("run " + report.runId() + ": the Security Hub export is incomplete: " + result.summary());
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
