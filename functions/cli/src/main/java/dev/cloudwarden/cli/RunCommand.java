package dev.cloudwarden.cli;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.IdentityOps;
import dev.cloudwarden.api.CloudScope;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.InvalidPolicyException;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoder;
import dev.cloudwarden.core.trigger.EventDecoders;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cloudwarden run}: one audit against a real cloud or an emulator; the report on stdout.
 *
 * <p>Everything the user gives is checked before any client exists (options, the policy, the event file, the region
 * and the endpoint), and a problem is one sentence on stderr and exit code 2. With an event file, the one call made
 * before the event is acted on asks which account the credentials act in (STS GetCallerIdentity, which needs no
 * permission): an event from another account is refused, exit 2. The run has a deadline ({@code --timeout}): no call
 * starts after it and one in flight is cut off at it, and the report still says what was and was not done (exit 1).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one of the policy's operations once and prints the report (JSON) on stdout.",
                "Exit codes: 0 complete, 1 failed, refused, partial or out of time, 2 invalid input."})
final class RunCommand implements Callable<Integer> {
    enum Format { json, text }

    /**
     * The default {@code --timeout}: the longest a Lambda invocation may run. Each operation is made to finish within
     * one invocation of its function, so a run from the command line that takes longer is stuck (an endpoint that
     * accepts and never answers), not slow; a run that needs longer can say so.
     */
    static final String DEFAULT_TIMEOUT = "15m";

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "policy file, YAML or JSON",
            converter = Converters.FileName.class)
    Path policyFile;

    @Option(names = "--event", paramLabel = "FILE", converter = Converters.FileName.class,
            description = "an EventBridge event (scheduled, CloudTrail via EventBridge, EBS snapshot notification, EC2 instance state change) to handle as the function would")
    Path eventFile;

    @Option(names = "--operation", paramLabel = "OP",
            description = "the operation to run: security-group-audit, tag-compliance, snapshot-lifecycle or patch-baselines; default: the policy's only one")
    String operation;

    @Option(names = "--dry-run", description = "plan and report only; change nothing")
    boolean dryRun;

    @Option(names = "--endpoint", paramLabel = "URL", converter = Converters.Endpoint.class,
            description = "API endpoint override, e.g. an emulator: an absolute http(s) URL")
    URI endpoint;

    @Option(names = "--ca-cert", paramLabel = "FILE", converter = Converters.FileName.class,
            description = "a PEM certificate to trust for --endpoint (a local server's test certificate)")
    Path caCert;

    @Option(names = "--account", paramLabel = "ID",
            description = "the Azure subscription (GCP project) to run in; default: the policy's account, then the cloud's own "
                    + "variable (AZURE_SUBSCRIPTION_ID). On AWS the credentials name it")
    String account;

    @Option(names = "--region", paramLabel = "R",
            description = "region; default: the event's, the policy's, then AWS_REGION / AWS_DEFAULT_REGION")
    String region;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = DEFAULT_TIMEOUT, converter = Converters.Timeout.class,
            description = "the run's deadline, such as 30s, 10m or 1h (default " + DEFAULT_TIMEOUT + ", a Lambda invocation's limit):"
                    + " no call starts after it, the report says what was not done, exit 1")
    Duration timeout;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or text")
    Format format;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.At.class,
            description = "run as of this moment (UTC, such as 2026-11-30T10:00:00Z) instead of now: the snapshot window, "
                    + "retention ages, mark-for-op due dates and scan ages count from it")
    Instant at;

    private final PrintWriter out;
    private final PrintWriter err;

    RunCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Instant deadline = Instant.now().plus(timeout);
        Policy policy;
        String chosen;
        Optional<DecodedEvent> event;
        try {
            // a policy is judged as of --at too: its schedules must fire within a year of that moment
            policy = PolicyLoader.load(notADirectory(policyFile, "--policy"), at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC));
            policy.warnings().forEach(w -> err.println(Printable.of("cloudwarden: warning: " + policyFile + " " + w)));
            chosen = Operations.choose(policy, Optional.ofNullable(operation));
            event = eventFile == null ? Optional.empty() : Optional.of(readEvent(eventFile, policy, chosen));
        } catch (InvalidPolicyException | UnsupportedEventException | IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        CloudNames names;
        try {
            names = Providers.find(policy.cloud()).names();
        } catch (IllegalStateException e) { // no provider module for the policy's cloud in this build
            return invalid(e.getMessage());
        }
        Optional<String> resolved = resolveRegion(policy, event, names);
        if (resolved.isEmpty()) {
            return invalid("no region: pass --region, set region in the policy" + variables(names.regionVariables()));
        }
        // an Azure event names no location (its resource's id is enough); an AWS event its region, which must be the run's
        if (event.isPresent() && !event.get().region().isBlank() && !event.get().region().equals(resolved.get())) {
            return invalid("event file " + eventFile + " is for region " + event.get().region() + " but --region is " + resolved.get());
        }
        if (event.isPresent()) {
            try {
                event.get().requireFiredBy(Optional.ofNullable(at).orElseGet(Instant::now));
            } catch (UnsupportedEventException e) {
                return invalid("event file " + eventFile + ": " + e.getMessage());
            }
        }
        CloudScope scope = new CloudScope(resolved.get(), resolveAccount(policy, names), List.of(), List.of());
        ProviderConfig config = new ProviderConfig(scope, Optional.ofNullable(endpoint), ProviderConfig.DEFAULT_APPLICATION,
                Optional.of(deadline), Optional.ofNullable(caCert));
        RunRequest request = event
                .map(e -> e.request(e.scope().isSweep() ? Trigger.SCHEDULE : Trigger.EVENT, dryRun))
                .orElseGet(() -> RunRequest.sweep(Trigger.MANUAL, dryRun))
                .withDeadline(deadline);
        request = at == null ? request : request.withAsOf(at);
        CloudProvider provider;
        try {
            provider = LocalAudit.provider(policy, chosen, config);
        } catch (IllegalArgumentException | IllegalStateException e) { // a region the cloud cannot use; no provider module
            return invalid(e.getMessage());
        }
        RunReport report;
        try (provider) {
            if (event.isPresent()) {
                Optional<Integer> refused = refuseAnotherAccounts(event.get(), provider);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            report = LocalAudit.run(policy, chosen, provider, request, Clock.systemUTC());
        }
        if (format == Format.text) {
            TextSummary.print(report, out);
        } else {
            out.println(ReportJson.toJson(report, true));
        }
        out.flush();
        if (!report.complete()) {
            err.println(Printable.of("cloudwarden: run " + report.status().id() + ": " + report.error().orElse("")));
            if (!Instant.now().isBefore(deadline)) {
                err.println("cloudwarden: the run reached its deadline (--timeout " + Converters.Timeout.format(timeout)
                        + "): the report says what was and was not done");
            }
            return ExitCode.INCOMPLETE;
        }
        return ExitCode.COMPLETE;
    }

    /**
     * Refuses an event from another account than the one the credentials act in, before anything else is called:
     * acting on it would act on the resources it names in the caller's own account. Asking costs one call (STS
     * GetCallerIdentity); when even that fails, the event is not acted on either.
     */
    private Optional<Integer> refuseAnotherAccounts(DecodedEvent event, CloudProvider provider) {
        IdentityOps identity = provider.identity().orElseThrow(() -> new IllegalStateException(
                "the " + provider.cloud().id() + " provider cannot tell which account its credentials act in"));
        String own;
        try {
            own = identity.account();
        } catch (CloudException e) {
            err.println(Printable.of("cloudwarden: cannot tell which account the credentials act in, so the event is not acted on: "
                    + e.getMessage()));
            return Optional.of(ExitCode.INCOMPLETE);
        }
        try {
            event.requireAccount(own, "the credentials act");
        } catch (UnsupportedEventException e) {
            return Optional.of(invalid("event file " + eventFile + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    private int invalid(String message) {
        err.println(Printable.of("cloudwarden: " + message));
        return ExitCode.INVALID_INPUT;
    }

    private static Path notADirectory(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory, not a file");
        }
        return file;
    }

    /** The event in {@code file}, read by the decoder of the policy's cloud exactly as that cloud's function reads it. */
    private static DecodedEvent readEvent(Path file, Policy policy, String operation) {
        notADirectory(file, "--event");
        EventDecoder decoder;
        try {
            decoder = EventDecoders.find(policy.cloud());
        } catch (IllegalStateException e) { // this build carries no decoder of that cloud's events
            throw new UnsupportedEventException("event file " + file + ": " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decoder.read(in, operation);
        } catch (NoSuchFileException e) {
            throw new UnsupportedEventException("event file " + file + " does not exist");
        } catch (IOException e) {
            throw new UnsupportedEventException("event file " + file + " cannot be read: " + e.getMessage());
        } catch (UnsupportedEventException e) {
            throw new UnsupportedEventException("event file " + file + ": " + e.getMessage());
        }
    }

    /** --region, the event's, the policy's, then the variables the cloud's own tools read (AWS_REGION …). */
    private Optional<String> resolveRegion(Policy policy, Optional<DecodedEvent> event, CloudNames names) {
        return Optional.ofNullable(region)
                .or(() -> event.map(DecodedEvent::region).filter(r -> !r.isBlank()))
                .or(policy::region)
                .or(() -> fromEnvironment(names.regionVariables()))
                .filter(r -> !r.isBlank());
    }

    /** --account, the policy's, then the cloud's own variable (AZURE_SUBSCRIPTION_ID); empty where credentials imply it. */
    private Optional<String> resolveAccount(Policy policy, CloudNames names) {
        return Optional.ofNullable(account).or(policy::account).or(() -> fromEnvironment(names.accountVariables()))
                .filter(a -> !a.isBlank());
    }

    private static Optional<String> fromEnvironment(List<String> variables) {
        return variables.stream().map(System::getenv).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static String variables(List<String> names) {
        return names.isEmpty() ? "" : ", or set " + names.getFirst();
    }
}
