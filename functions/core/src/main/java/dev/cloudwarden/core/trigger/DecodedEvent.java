package dev.cloudwarden.core.trigger;

import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A cloud event decoded into what an operation needs: what every {@link EventDecoder} returns, whatever the cloud.
 *
 * @param account   the account (subscription, project) the event is from, as the event says
 * @param region    the region the event is for
 * @param scope     the region for a scheduled sweep; the resources an audit-log call (CloudTrail) named otherwise
 * @param creator   who made a create call, for the tags that record it
 * @param cause     the API call behind an audit-log event, for the log ({@code RunInstances}); the schedule otherwise
 * @param errorCode set when the recorded call itself failed
 * @param jobResult what a notification says about cloud work that finished (EBS snapshot notifications)
 * @param firing    when the schedule fired, for a scheduled event (its {@code time}): the run stands for that firing
 */
public record DecodedEvent(String id, String account, String region, Scope scope, Optional<Creator> creator, String cause,
                         Optional<String> errorCode, Optional<JobResult> jobResult, Optional<Instant> firing) {
    /**
     * How far a schedule's firing may lie ahead of the clock that handles it: clocks of different machines disagree a
     * little, never by this much. A firing further ahead would take a window that has not begun, and every real run
     * until then would find its volumes "superseded".
     */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public DecodedEvent {
        Objects.requireNonNull(id, "id");
        account = Objects.requireNonNullElse(account, "");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(scope, "scope");
        creator = Objects.requireNonNullElse(creator, Optional.empty());
        errorCode = Objects.requireNonNullElse(errorCode, Optional.empty());
        jobResult = Objects.requireNonNullElse(jobResult, Optional.empty());
        firing = Objects.requireNonNullElse(firing, Optional.empty());
    }

    /** An event about an API call: no finished job, no firing. */
    public DecodedEvent(String id, String account, String region, Scope scope, Optional<Creator> creator, String cause,
                      Optional<String> errorCode) {
        this(id, account, region, scope, creator, cause, errorCode, Optional.empty(), Optional.empty());
    }

    /**
     * Refuses the event unless it is from {@code own}, the account cloudwarden acts in ({@code actor} says how that is
     * known: "this function runs", "the credentials act"): acting on another account's event would act on the
     * resources it names in the wrong account, or on nothing the event meant.
     *
     * @throws UnsupportedEventException naming both accounts
     */
    public void requireAccount(String own, String actor) {
        if (!own.equals(account)) {
            throw new UnsupportedEventException("event " + EventFields.safe(id) + " is from account " + EventFields.quote(account)
                    + ", but " + actor + " in account " + own + ": cloudwarden acts only on its own account's events");
        }
    }

    /** The request the function's operation runs for this event. */
    public RunRequest request(RunReport.Trigger trigger, boolean dryRun) {
        RunRequest request = new RunRequest(trigger, scope, creator, jobResult, dryRun);
        return firing.map(request::withFiring).orElse(request);
    }

    /**
     * Refuses a schedule's event that names a firing still to come at {@code now} (beyond {@link #MAX_CLOCK_SKEW}).
     *
     * @throws UnsupportedEventException naming the event, its time and now
     */
    public void requireFiredBy(Instant now) {
        if (firing.isPresent() && firing.get().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new UnsupportedEventException("scheduled event " + id + " names a firing at " + firing.get()
                    + ", which has not happened yet (it is " + now + "): a schedule's event stands for a firing that happened");
        }
    }
}
