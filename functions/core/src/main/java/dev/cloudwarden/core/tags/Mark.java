package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.tags.TagCompliancePolicy.MarkForOp.Action;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The value of a mark-for-op tag: {@code stop@2026-11-28T10:00:00Z} while pending, then
 * {@code stop-done@2026-11-28T10:05:12Z} once performed. Always an instant in UTC with its {@code Z}:
 * a due date is never read in a local time zone, so no run can act a day early or late.
 *
 * @param at the due date while pending; when it was performed once done
 */
public record Mark(Action action, Instant at, boolean done) {
    private static final String DONE = "-done";

    public static Mark pending(Action action, Instant due) {
        return new Mark(action, due.truncatedTo(ChronoUnit.SECONDS), false);
    }

    public static Mark done(Action action, Instant at) {
        return new Mark(action, at.truncatedTo(ChronoUnit.SECONDS), true);
    }

    /** Reads a tag value; empty when it is not one this operation wrote (it is then never acted on). */
    public static Optional<Mark> parse(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String verb = value.substring(0, at);
        boolean done = verb.endsWith(DONE);
        String actionId = done ? verb.substring(0, verb.length() - DONE.length()) : verb;
        for (Action action : Action.values()) {
            if (action.id().equals(actionId)) {
                try {
                    return Optional.of(new Mark(action, Instant.parse(value.substring(at + 1)), done));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public boolean dueBy(Instant now) {
        return !done && !at.isAfter(now);
    }

    /** The tag value, in characters AWS and Azure accept (GCP labels allow no ':' or '@' and will need their own spelling). */
    public String value() {
        return action.id().toLowerCase(Locale.ROOT) + (done ? DONE : "") + "@" + at;
    }

    /** What the mark means, for findings. */
    public String describe() {
        return done ? action.id() + " performed on " + at : action.id() + " due " + at;
    }
}
