package dev.cloudwarden.core.report;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Started when a run starts (run id, time, API calls so far), finished once its outcome is known: every
 * operation's reports get their run-level fields the same way. Finishing again (after a step that
 * follows the report, such as publishing it) keeps the run id and counts the calls made since.
 */
public final class ReportBuilder {
    private final String operation;
    private final CloudProvider provider;
    private final RunRequest request;
    private final boolean dryRun;
    private final Clock clock;
    private final Instant started;
    private final ApiCalls callsBefore;
    private final String runId = UUID.randomUUID().toString();
    private List<PlanWindow> windows = List.of();

    public ReportBuilder(String operation, CloudProvider provider, RunRequest request, boolean dryRun, Clock clock) {
        this.operation = operation;
        this.provider = provider;
        this.request = request;
        this.dryRun = dryRun;
        this.clock = clock;
        this.started = clock.instant();
        this.callsBefore = provider.apiCalls();
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant startedAt() {
        return started;
    }

    /** The schedule windows the run's plans act on, for the report's {@code run}. */
    public void actedOn(List<PlanWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    public RunReport finish(RunStatus status, Optional<String> error, int scanned, String account, List<Finding> findings) {
        return new RunReport(runId, operation, provider.cloud(), account, provider.region(),
                request.trigger(), request.scope(), dryRun, started, clock.instant(), status, error, scanned,
                findings, provider.apiCalls().since(callsBefore), request.asOf(), windows);
    }

    /** A run that stopped at discovery: nothing was evaluated or changed. */
    public RunReport discoveryFailed(Exception cause) {
        return finish(RunStatus.FAILED, Optional.of("discovery failed, nothing was evaluated or changed: "
                + cause.getMessage()), 0, "", List.of());
    }
}
