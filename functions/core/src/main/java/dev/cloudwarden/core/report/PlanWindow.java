package dev.cloudwarden.core.report;

import java.time.Instant;
import java.util.Objects;

/**
 * The schedule window one plan of a run acted on (the snapshot lifecycle): which of its snapshots the run took or
 * found, so that a report names the window of a retried or replayed delivery, not just when the run happened.
 *
 * @param end the next firing; {@link Instant#MAX} when the schedule never fires again
 */
public record PlanWindow(String plan, Instant start, Instant end) {
    public PlanWindow {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
