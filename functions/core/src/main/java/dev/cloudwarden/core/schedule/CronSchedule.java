package dev.cloudwarden.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)}, EventBridge's six fields, read in a time
 * zone (UTC unless the plan names one). EventBridge cron is Quartz cron without the seconds field (the same
 * {@code ?}, {@code L}, {@code W}, {@code #}, day-of-week 1 = SUN), so it is evaluated as a Quartz
 * expression with seconds 0 by cron-utils; this class only checks the EventBridge shape first, so that
 * errors name EventBridge's fields.
 */
public record CronSchedule(String expression, ZoneId zone, ExecutionTime firings) implements Schedule {
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final String FIELDS = "minutes hours day-of-month month day-of-week year";
    private static final int MAX_STEPS = 10_000;

    static CronSchedule parse(String text, ZoneId zone) {
        String body = text.substring("cron(".length(), text.length() - 1).strip();
        String[] fields = body.split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (" + FIELDS + "), got " + fields.length + " in \"" + text + "\"");
        }
        if (!fields[2].equals("?") && !fields[4].equals("?")) {
            throw new IllegalArgumentException("one of day-of-month and day-of-week must be ? in EventBridge cron, got \""
                    + fields[2] + "\" and \"" + fields[4] + "\" in \"" + text + "\"");
        }
        try {
            return new CronSchedule(text, zone, ExecutionTime.forCron(QUARTZ.parse("0 " + body)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid cron expression \"" + text + "\" (" + FIELDS + "): "
                    + e.getMessage().replace("Failed to parse cron expression. ", ""), e);
        }
    }

    @Override
    public Optional<Instant> nextFiring(Instant t) {
        try {
            return firings.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant).filter(next -> next.isAfter(t));
        } catch (DateTimeException e) { // cron-utils on an expression naming a day no month has, such as 31W in February
            throw new IllegalArgumentException(expression + " cannot be evaluated: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Window> windowAt(Instant t) {
        // cron-utils answers the last firing strictly before its argument; firings fall on whole seconds
        ZonedDateTime after = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        Optional<ZonedDateTime> last = firings.lastExecution(after);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        // cron-utils can answer an earlier firing than the last one (seen past a year field's end): walk
        // forward to the firing that really is the last before t, a bounded number of steps
        ZonedDateTime start = last.get();
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = firings.nextExecution(start);
            if (next.isEmpty() || next.get().toInstant().isAfter(t)) {
                return Optional.of(new Window(start.toInstant(), next.map(ZonedDateTime::toInstant).orElse(Instant.MAX)));
            }
            start = next.get();
        }
        throw new IllegalStateException("cron " + expression + ": no window holding " + t + " within " + MAX_STEPS
                + " firings of " + last.get());
    }
}
