package dev.cloudwarden.core.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One stretch of a snapshot schedule: from a firing (inclusive) to the next (exclusive). Every run inside
 * it, scheduled, replayed, retried or started by hand, computes the same window, and the window's start
 * is what a snapshot's {@code cloudwarden:window} tag records: one snapshot per volume and window.
 *
 * @param end the next firing; {@link Instant#MAX} when the schedule never fires again
 */
public record Window(Instant start, Instant end) {
    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window ends after it starts: " + start + " .. " + end);
        }
    }

    /** The tag value naming this window: its start as a UTC instant, such as {@code 2026-11-30T03:00:00Z}. */
    public String id() {
        return start.toString();
    }

    @Override
    public String toString() {
        return start + " .. " + (end.equals(Instant.MAX) ? "(no later firing)" : end.toString());
    }
}
