package dev.cloudwarden.core;

import dev.cloudwarden.core.report.RunReport.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an entry point asks of the engine, decoded from a cron tick, a cloud event or a command line.
 *
 * @param scope     the whole region, or the resources an event names
 * @param creator   who created the event's resources, for operations that record it (create events only)
 * @param jobResult what the event says about cloud work that finished (snapshot notifications only)
 * @param dryRun    plan and report only; the policy's own {@code dryRun: true} also forces this
 * @param deadline  when the run must stop starting changes (a Lambda invocation's time limit): what is not
 *                  started by then is reported as not done, for the next run; empty: no limit
 * @param firing    the schedule firing the run stands for (a scheduled event's {@code time}): the snapshot lifecycle
 *                  takes that firing's window, whenever the delivery arrives; empty: the window of {@link #now}
 * @param asOf      the moment the run acts as of, in place of the clock's reading (the CLI's {@code --at}): windows,
 *                  retention ages, mark-for-op due dates and scan ages count from it; empty: the clock's reading
 */
public record RunRequest(Trigger trigger, Scope scope, Optional<Creator> creator, Optional<JobResult> jobResult,
                         boolean dryRun, Optional<Instant> deadline, Optional<Instant> firing, Optional<Instant> asOf) {
    public RunRequest {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(scope, "scope");
        creator = Objects.requireNonNullElse(creator, Optional.empty());
        jobResult = Objects.requireNonNullElse(jobResult, Optional.empty());
        deadline = Objects.requireNonNullElse(deadline, Optional.empty());
        firing = Objects.requireNonNullElse(firing, Optional.empty());
        asOf = Objects.requireNonNullElse(asOf, Optional.empty());
    }

    /** A request without a deadline, acting on the clock's now. */
    public RunRequest(Trigger trigger, Scope scope, Optional<Creator> creator, Optional<JobResult> jobResult, boolean dryRun) {
        this(trigger, scope, creator, jobResult, dryRun, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same request, to stop starting changes at {@code deadline}. */
    public RunRequest withDeadline(Instant deadline) {
        return new RunRequest(trigger, scope, creator, jobResult, dryRun, Optional.of(deadline), firing, asOf);
    }

    /** The same request, standing for the schedule's firing at {@code firing}. */
    public RunRequest withFiring(Instant firing) {
        return new RunRequest(trigger, scope, creator, jobResult, dryRun, deadline, Optional.of(firing), asOf);
    }

    /** The same request, acting as of {@code asOf} instead of the clock's reading. */
    public RunRequest withAsOf(Instant asOf) {
        return new RunRequest(trigger, scope, creator, jobResult, dryRun, deadline, firing, Optional.of(asOf));
    }

    /** The moment the run acts as of: {@link #asOf}, else the clock's reading. */
    public Instant now(Clock clock) {
        return asOf.orElseGet(clock::instant);
    }

    public static RunRequest sweep(Trigger trigger, boolean dryRun) {
        return new RunRequest(trigger, Scope.REGION, Optional.empty(), Optional.empty(), dryRun);
    }

    public static RunRequest single(Trigger trigger, String resourceId, boolean dryRun) {
        return new RunRequest(trigger, Scope.resources(List.of(resourceId)), Optional.empty(), Optional.empty(), dryRun);
    }

    /** The resources of one event, with their creator when the event is a create call. */
    public static RunRequest resources(Trigger trigger, List<String> ids, Optional<Creator> creator, boolean dryRun) {
        return new RunRequest(trigger, Scope.resources(ids), creator, Optional.empty(), dryRun);
    }

    /** The resources a finished cloud job produced, as its event reports them. */
    public static RunRequest jobFinished(Trigger trigger, List<String> ids, JobResult result, boolean dryRun) {
        return new RunRequest(trigger, Scope.resources(ids), Optional.empty(), Optional.of(result), dryRun);
    }
}
