package dev.cloudwarden.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many of a set at a time, or how many may fail: a count ({@code 10}) or a percentage of the set ({@code 10%}). Used
 * for patch assessments started on demand, which each cloud paces in its own way (SSM SendCommand's MaxConcurrency and
 * MaxErrors take exactly this spelling).
 *
 * @param value   the count, or the percentage from 0 to 100
 * @param percent whether {@code value} is a percentage
 */
public record Rate(int value, boolean percent) {
    private static final Pattern SPELLING = Pattern.compile("(0|[1-9][0-9]{0,8})(%?)");

    public Rate {
        if (value < 0 || (percent && value > 100)) {
            throw new IllegalArgumentException("a rate is a count of 0 or more, or a percentage from 0 to 100: " + value + (percent ? "%" : ""));
        }
    }

    /** {@code 10} or {@code 10%}; empty for anything else. */
    public static Optional<Rate> parse(String text) {
        Matcher m = SPELLING.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int value = Integer.parseInt(m.group(1));
        boolean percent = !m.group(2).isEmpty();
        return percent && value > 100 ? Optional.empty() : Optional.of(new Rate(value, percent));
    }

    /** {@code 10} or {@code 10%}: the spelling {@link #parse} reads. */
    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
