package dev.cloudwarden.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudScope;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.SecurityFindingsExport;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventFields;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every function handler shares, whatever the cloud, built once per container (instance): settings, the cloud's
 * provider (its clients reused by every invocation) and the one operation this function runs. {@link #handle} turns
 * an event into a report. The cloud and the platform are the entry point's to name ({@link Platform}); this class
 * names neither.
 *
 * <p>With the platform's findings export switched on ({@code CLOUDWARDEN_SECURITY_HUB=true} on AWS) every run's
 * findings are then exported to the cloud's security-findings service in the function's region
 * ({@link SecurityFindingsExport}: one finding there per report finding, dry-runs included; a sweep also archives the
 * operation's findings it no longer finds, an event run never does). The report is logged first, then one line of the
 * platform's export type ({@code security-hub-export}) with the counts, every failure and the export's own API calls
 * (they are not in the report's {@code apiCalls}, which is complete before the export starts). An export that did not
 * file everything fails the invocation ({@link FindingsExportException}), so that it is retried and ends in the
 * dead-letter queue.
 *
 * <p>An event is acted on only when it is for the function's own region and its own account, the account the platform
 * names for the invocation ({@link Invocation#account()}; no API call needed). When the platform cannot say, the
 * function acts on no event at all: an event that cannot be checked must not be acted on in whatever account the
 * credentials happen to reach. Every refusal (an event the decoder does not accept, whatever went wrong inside it, or
 * one for another region or account) is logged as an {@code event-rejected} line and fails the invocation before any call.
 * An event that names no region (Azure's) is checked by its account alone; a sweep that names no account (an Azure
 * timer's tick) is the function's own. An event whose caller is the function's own identity
 * ({@code CLOUDWARDEN_OWN_PRINCIPAL_ID}: its own change, coming back) is logged as {@code event-skipped} and not run.
 */
public final class FunctionRunner {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private final Platform platform;
    private final FunctionSettings settings;
    private final CloudProvider provider;
    private final Operation operation;
    private final Optional<SecurityFindingsExport> findingsExport;
    private final JsonLog log;

    /** Settings from {@code env}, structured logs to {@code logOut}; fails at start on settings it cannot use. */
    public FunctionRunner(Platform platform, Map<String, String> env, PrintStream logOut) {
        this.platform = platform;
        this.log = new JsonLog(logOut);
        try {
            this.settings = FunctionSettings.from(env, platform);
        } catch (InvalidSettingsException e) {
            log.initFailed(e.problems());
            throw e;
        }
        log.policyWarnings(settings.policy().warnings());
        if (settings.policy().cloud() != platform.events().cloud()) {
            throw new IllegalStateException("this is the " + platform.cloudName() + " function, but the policy is for cloud '"
                    + settings.policy().cloud().id() + "'");
        }
        ProviderConfig config = new ProviderConfig(new CloudScope(settings.region(), settings.account(), List.of(), List.of()),
                settings.endpoint(), ProviderConfig.DEFAULT_APPLICATION, Optional.empty(), settings.endpointCertificate())
                .forOperation(settings.operation());
        this.provider = Providers.find(platform.events().cloud()).create(config);
        this.operation = Operations.create(settings.policy(), settings.operation(), provider, Clock.systemUTC());
        this.findingsExport = settings.exportFindings()
                ? Optional.of(new SecurityFindingsExport(provider.securityFindings().orElseThrow(() -> new IllegalStateException(
                        platform.findingsExport().orElseThrow().switchVariable() + "=true, but the " + platform.cloudName()
                        + " provider offers no security findings: " + platform.findingsExport().orElseThrow().whenAbsent()))))
                : Optional.empty();
    }

    /**
     * Decodes the event with {@code decoder} and checks it is for this function's region and account (a refusal is
     * logged and rethrown before any call), runs the operation, logs and writes the report; fails when the run is
     * incomplete.
     *
     * @param handler the handler's name, for the log
     */
    public void handle(InputStream in, BiFunction<JsonNode, String, DecodedEvent> decoder, OutputStream out, String handler,
                       Invocation invocation) {
        DecodedEvent event;
        try {
            event = platform.events().json().decode(in, decoder, operation.id());
            // an event that names no location (Azure's: a subscription's system topic is global) is checked by its account alone
            if (!event.region().isEmpty() && !event.region().equals(settings.region())) {
                throw new UnsupportedEventException("event " + EventFields.safe(event.id()) + " is for region " + event.region()
                        + " but this function serves " + settings.region() + "; deploy one function per region");
            }
            // a sweep that names no account (an Azure timer's tick) is the function's own schedule, in its own account
            if (!event.account().isEmpty() || !event.scope().isSweep()) {
                event.requireAccount(invocation.account(), "this function runs");
            }
            event.requireFiredBy(Instant.now());
        } catch (UnsupportedEventException e) {
            log.rejected(handler, e.getMessage());
            throw e;
        }
        if (settings.ownPrincipal().isPresent() && event.creator().map(Creator::principal)
                .filter(p -> p.equalsIgnoreCase(settings.ownPrincipal().get())).isPresent()) {
            // the function's own change coming back as an event: what it wrote is what it decided, so nothing to audit
            log.skipped(handler, event, "the event's caller is the function's own identity (CLOUDWARDEN_OWN_PRINCIPAL_ID)");
            return;
        }
        handle(event, out, invocation);
    }

    /**
     * The account (subscription, project) the settings name for the function to act in: the policy's, else the cloud's
     * own variable for it; empty where the credentials imply it (AWS). An entry point whose platform does not name the
     * invocation's account answers {@link Invocation#account()} with this.
     */
    public Optional<String> account() {
        return settings.account();
    }

    private void handle(DecodedEvent event, OutputStream out, Invocation invocation) {
        // a sweep comes from a schedule; anything narrower from an event about those resources
        RunReport.Trigger trigger = event.scope().isSweep() ? RunReport.Trigger.SCHEDULE : RunReport.Trigger.EVENT;
        RunRequest request = event.request(trigger, settings.dryRun());
        var remaining = invocation.remainingMillis();
        if (remaining.isPresent()) {
            request = request.withDeadline(deadline(remaining.getAsLong()));
        }
        RunReport report = operation.run(request);
        log.report(report, event);
        Optional<String> exportFailure = findingsExport.flatMap(export -> export(export, report, event));
        if (!report.complete()) {
            throw new RunIncompleteException("run " + report.runId() + " " + report.status().id()
                    + ": " + report.error().orElse("") + exportFailure.map(f -> "; " + f).orElse(""));
        }
        if (exportFailure.isPresent()) {
            throw new FindingsExportException(exportFailure.get());
        }
        ReportJson.write(report, out, false);
    }

    /** Exports the report's findings and logs how it went; says why when not everything was exported. */
    private Optional<String> export(SecurityFindingsExport export, RunReport report, DecodedEvent event) {
        Platform.FindingsExport service = platform.findingsExport().orElseThrow();
        ApiCalls before = provider.apiCalls();
        SecurityFindingsExport.Result result = export.export(report);
        log.exported(service.logType(), report, result, provider.apiCalls().since(before), event);
        return result.complete() ? Optional.empty()
                : Optional.of("run " + report.runId() + ": the " + service.service() + " export is incomplete: " + result.summary());
    }

    /**
     * When the run must stop starting changes: before the invocation's time runs out, leaving enough to log
     * and return the report (30 s, or a tenth of a short timeout). What is not started is reported, and the
     * next run (the platform's retry of the failed invocation, or the next schedule) carries it out.
     */
    static Instant deadline(long remainingMillis) {
        Duration remaining = Duration.ofMillis(Math.max(0, remainingMillis));
        Duration margin = remaining.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? remaining.dividedBy(10) : MAX_MARGIN;
        return Instant.now().plus(remaining).minus(margin);
    }
}
