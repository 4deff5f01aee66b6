package dev.cloudwarden.cli;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.InvalidPolicyException;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.policy.PolicyLoader;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.lambda.AuditEvent;
import dev.cloudwarden.lambda.EventDecoder;
import dev.cloudwarden.lambda.UnsupportedEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloudwarden run}: one audit against a real cloud or an emulator; the report on stdout. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one of the policy's operations once and prints the report (JSON) on stdout.",
                "Exit codes: 0 complete, 1 failed, refused or partial, 2 invalid input."})
final class RunCommand implements Callable<Integer> {
    enum Format { json, text }

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy file, YAML or JSON")
    Path policyFile;

    @Option(names = "--event", paramLabel = "FILE",
            description = "an EventBridge event (scheduled, CloudTrail via EventBridge, EBS snapshot notification, EC2 instance state change) to handle as the function would")
    Path eventFile;

    @Option(names = "--operation", paramLabel = "OP",
            description = "the operation to run: security-group-audit, tag-compliance, snapshot-lifecycle or patch-baselines; default: the policy's only one")
    String operation;

    @Option(names = "--dry-run", description = "plan and report only; change nothing")
    boolean dryRun;

    @Option(names = "--endpoint", paramLabel = "URL", description = "API endpoint override, e.g. an emulator")
    URI endpoint;

    @Option(names = "--region", paramLabel = "R",
            description = "region; default: the event's, the policy's, then AWS_REGION / AWS_DEFAULT_REGION")
    String region;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or text")
    Format format;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "run as of this moment (UTC, such as 2026-11-30T10:00:00Z) instead of now: the snapshot window, "
                    + "retention ages, mark-for-op due dates and scan ages count from it")
    String at;

    private final PrintWriter out;
    private final PrintWriter err;

    RunCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Policy policy;
        String chosen;
        Optional<AuditEvent> event;
        try {
            policy = PolicyLoader.load(policyFile);
            chosen = Operations.choose(policy, Optional.ofNullable(operation));
            event = eventFile == null ? Optional.empty() : Optional.of(readEvent(eventFile, chosen));
        } catch (InvalidPolicyException | UnsupportedEventException | IllegalArgumentException e) {
            err.println("cloudwarden: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        Optional<String> resolved = resolveRegion(policy, event);
        if (resolved.isEmpty()) {
            err.println("cloudwarden: no region: pass --region, set region in the policy, or set AWS_REGION");
            return ExitCode.INVALID_INPUT;
        }
        if (event.isPresent() && !event.get().region().equals(resolved.get())) {
            err.println("cloudwarden: event file " + eventFile + " is for region " + event.get().region()
                    + " but --region is " + resolved.get());
            return ExitCode.INVALID_INPUT;
        }
        Optional<Instant> asOf;
        try {
            asOf = Optional.ofNullable(at).map(RunCommand::instant);
            Instant now = asOf.orElseGet(Instant::now);
            event.ifPresent(e -> e.requireFiredBy(now));
        } catch (IllegalArgumentException | UnsupportedEventException e) {
            err.println("cloudwarden: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        ProviderConfig config = new ProviderConfig(resolved.get(), Optional.ofNullable(endpoint));
        RunRequest request = event
                .map(e -> e.request(e.scope().isSweep() ? Trigger.SCHEDULE : Trigger.EVENT, dryRun))
                .orElseGet(() -> RunRequest.sweep(Trigger.MANUAL, dryRun));
        request = asOf.map(request::withAsOf).orElse(request);
        RunReport report;
        try {
            report = LocalAudit.run(policy, chosen, config, request);
        } catch (IllegalStateException e) { // no provider module for the policy's cloud
            err.println("cloudwarden: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        if (format == Format.text) {
            TextSummary.print(report, out);
        } else {
            out.println(ReportJson.toJson(report, true));
        }
        out.flush();
        if (!report.complete()) {
            err.println("cloudwarden: run " + report.status().id() + ": "
                    + report.error().orElse(""));
            return ExitCode.INCOMPLETE;
        }
        return ExitCode.COMPLETE;
    }

    /** {@code --at}: an instant in UTC as ISO-8601 writes it. */
    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at: expected an instant in UTC such as 2026-11-30T10:00:00Z, got '" + text + "'");
        }
    }

    private static AuditEvent readEvent(Path file, String operation) {
        try (InputStream in = Files.newInputStream(file)) {
            var json = EventDecoder.parse(in);
            return EventDecoder.any(json, operation);
        } catch (IOException e) {
            throw new UnsupportedEventException("event file " + file + " cannot be read: " + e.getMessage());
        } catch (UnsupportedEventException e) {
            throw new UnsupportedEventException("event file " + file + ": " + e.getMessage());
        }
    }

    private Optional<String> resolveRegion(Policy policy, Optional<AuditEvent> event) {
        return Optional.ofNullable(region)
                .or(() -> event.map(AuditEvent::region))
                .or(policy::region)
                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                .filter(r -> !r.isBlank());
    }
}
