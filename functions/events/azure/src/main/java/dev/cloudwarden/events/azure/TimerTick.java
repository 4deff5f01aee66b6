package dev.cloudwarden.events.azure;

import static dev.cloudwarden.core.trigger.EventFields.kind;
import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An Azure Functions timer's tick: the timer's state as the Functions host hands it to the function,
 * {@code {"Schedule": {…}, "ScheduleStatus": {"Last", "Next", "LastUpdated"}, "IsPastDue": false}}. The host passes the
 * status as it stood before this run: {@code Next} is when this run was due (for a run past due, the first one missed),
 * which the run stands for. The status is null when the host does not monitor the schedule (one that fires more often
 * than once a minute); the run then stands for its own time. A run fired by hand through the host's admin endpoint
 * names the next time on the schedule instead, and is refused as not yet due when that is further ahead than the
 * clocks' skew ({@link DecodedEvent#requireFiredBy}).
 */
final class TimerTick {
    static final String SCHEDULE_STATUS = "ScheduleStatus";
    static final String IS_PAST_DUE = "IsPastDue";

    private TimerTick() {
    }

    /** Whether {@code event} is a timer's state rather than an event: an object with {@code IsPastDue} or {@code ScheduleStatus}. */
    static boolean shaped(JsonNode event) {
        return event != null && event.isObject() && (event.has(IS_PAST_DUE) || event.has(SCHEDULE_STATUS)) && !GridEvent.shaped(event);
    }

    /** The tick, for any operation: sweep. No subscription, no location: the function's own. */
    static DecodedEvent decode(JsonNode tick) {
        JsonNode pastDue = tick.path(IS_PAST_DUE);
        if (!pastDue.isMissingNode() && !pastDue.isBoolean()) {
            throw new UnsupportedEventException("timer field '" + IS_PAST_DUE + "' is " + kind(pastDue) + ", expected true or false");
        }
        JsonNode schedule = tick.path("Schedule");
        if (!schedule.isMissingNode() && !schedule.isNull() && !schedule.isObject()) {
            throw new UnsupportedEventException("timer field 'Schedule' is " + kind(schedule) + ", expected an object");
        }
        JsonNode status = tick.path(SCHEDULE_STATUS);
        if (!status.isMissingNode() && !status.isNull() && !status.isObject()) {
            throw new UnsupportedEventException("timer field '" + SCHEDULE_STATUS + "' is " + kind(status) + ", expected an object");
        }
        String next = string(status, "Next", SCHEDULE_STATUS + ".Next");
        Optional<Instant> firing = Optional.empty();
        if (!next.isBlank()) {
            try {
                firing = Optional.of(OffsetDateTime.parse(next).toInstant());
            } catch (DateTimeParseException e) {
                throw new UnsupportedEventException("timer tick has no valid '" + SCHEDULE_STATUS + ".Next' (when this run was due, with its"
                        + " offset, such as 2026-12-07T03:00:00+00:00): " + quote(next));
            }
        }
        String cause = pastDue.asBoolean(false) ? "timer, past due" : "timer";
        return new DecodedEvent("timer", "", "", Scope.REGION, Optional.empty(), cause, Optional.empty(), Optional.empty(), firing);
    }
}
