package dev.cloudwarden.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a snapshot plan takes its snapshots, in EventBridge's syntax ({@code cron(0 3 * * ? *)},
 * {@code rate(12 hours)}), so the same expression serves the policy and the schedule that triggers the
 * function. The schedule cuts time into {@link Window}s; what a run does depends only on the window its
 * clock falls in, never on when or how often it was triggered.
 */
public sealed interface Schedule permits CronSchedule, RateSchedule {

    /** The expression as written in the policy. */
    String expression();

    /** The window holding {@code t}; empty before the schedule's first firing. */
    Optional<Window> windowAt(Instant t);

    /**
     * The longest a plan may wait for its next firing, and then for the one after: a year (of 366 days, so that
     * a yearly schedule passes in a leap year).
     */
    Duration MAX_WAIT = Duration.ofDays(366);

    /** The longest expression EventBridge accepts. */
    int MAX_LENGTH = 256;

    /** The first firing strictly after {@code t}; empty when the schedule never fires again. */
    Optional<Instant> nextFiring(Instant t);

    /**
     * Refuses a schedule that would leave its plan idle without a word: one that never fires again
     * ({@code cron(0 3 * * ? 2020)}), fires first in the far future, or once in ages ({@code rate(999999 days)}).
     * The rule: the next firing after {@code now} is within a year, and so is the one after it.
     *
     * @throws IllegalArgumentException saying which firing is missing or too far
     */
    default void requireFiringWithinAYear(Instant now) {
        String rule = ": a plan must fire within a year, and again within a year after that";
        Optional<Instant> next = nextFiring(now);
        if (next.isEmpty()) {
            throw new IllegalArgumentException(expression() + " never fires again after " + now.truncatedTo(ChronoUnit.SECONDS)
                    + ", so the plan would never take a snapshot" + rule);
        }
        if (next.get().isAfter(now.plus(MAX_WAIT))) {
            throw new IllegalArgumentException(expression() + " fires next at " + next.get() + ", more than a year after "
                    + now.truncatedTo(ChronoUnit.SECONDS) + rule);
        }
        Optional<Instant> after = nextFiring(next.get());
        if (after.isEmpty()) {
            throw new IllegalArgumentException(expression() + " fires once more, at " + next.get() + ", and never again" + rule);
        }
        if (after.get().isAfter(next.get().plus(MAX_WAIT))) {
            throw new IllegalArgumentException(expression() + " fires at " + next.get() + " and then not before " + after.get()
                    + ", more than a year later" + rule);
        }
    }

    /** The window before {@code window}; empty when {@code window} is the first. */
    default Optional<Window> before(Window window) {
        return windowAt(window.start().minusSeconds(1));
    }

    /**
     * Parses an EventBridge schedule expression; {@code zone} is the time zone cron fields are read in
     * (EventBridge Scheduler's {@code ScheduleExpressionTimezone}; rules use UTC).
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    static Schedule parse(String expression, ZoneId zone) {
        if (expression.length() > MAX_LENGTH) { // cron-utils takes seconds on a cron of some thousand L's
            throw new IllegalArgumentException("a schedule expression has at most " + MAX_LENGTH
                    + " characters (EventBridge's limit), got " + expression.length());
        }
        String text = expression.strip();
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return CronSchedule.parse(text, zone);
        }
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return RateSchedule.parse(text);
        }
        throw new IllegalArgumentException("expected cron(minutes hours day-of-month month day-of-week year) or "
                + "rate(N minutes|hours|days), in EventBridge syntax, got \"" + expression + "\"");
    }
}
