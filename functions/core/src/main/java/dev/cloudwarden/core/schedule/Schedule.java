package dev.cloudwarden.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
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
