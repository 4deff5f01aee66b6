package dev.cloudwarden.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(N unit)}: windows of a fixed length, aligned to the UTC epoch ({@code rate(1 day)} windows are
 * UTC days). EventBridge fires a rate rule at intervals counted from the rule's creation, which no run can
 * know; the epoch is a fixed origin every run shares, and each firing still lands in exactly one window.
 */
public record RateSchedule(String expression, Duration period) implements Schedule {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d{1,6})\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    public RateSchedule {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate is at least one minute");
        }
    }

    static RateSchedule parse(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected rate(N minutes|hours|days) with N a whole number, got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        // EventBridge's own rule: rate(1 hour), rate(5 hours); rate(1 hours) and rate(5 hour) are refused
        boolean singular = !unit.endsWith("s");
        if (n == 0 || (n == 1) != singular) {
            throw new IllegalArgumentException(n == 0 ? "a rate is at least 1, got \"" + text + "\""
                    : "EventBridge writes the unit " + (n == 1 ? "in the singular for 1" : "in the plural above 1")
                    + " (rate(1 hour), rate(5 hours)), got \"" + text + "\"");
        }
        Duration period = switch (singular ? unit : unit.substring(0, unit.length() - 1)) {
            case "minute" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return new RateSchedule(text, period);
    }

    @Override
    public Optional<Instant> nextFiring(Instant t) {
        return windowAt(t).map(Window::end);
    }

    @Override
    public Optional<Window> windowAt(Instant t) {
        long length = period.getSeconds();
        long start = Math.floorDiv(t.getEpochSecond(), length) * length;
        return Optional.of(new Window(Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + length)));
    }
}
