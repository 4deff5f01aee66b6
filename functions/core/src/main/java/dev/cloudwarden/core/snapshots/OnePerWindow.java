package dev.cloudwarden.core.snapshots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One volume's snapshots of a plan (originals in the region, or copies in one copy region), reduced to one per
 * window. Runs overlap in real life (a retry beside the next schedule, a run by hand, two regions' functions) and
 * EC2 offers no idempotency token, so two runs that start together can each take a window's snapshot, or each copy
 * it. Retention must count windows, never snapshots: a second snapshot of a window would otherwise push an older
 * window out of {@code count: N}.
 *
 * <p>Of a window's snapshots, the earliest completed one (by the time the cloud started it, then by id) stands for
 * the window; every other one that is not failed is a duplicate. The choice depends only on facts that never change
 * once a snapshot is completed, so two runs reducing the same window at once keep the same snapshot and never
 * delete both. A window with no completed snapshot has no duplicates yet: which of its pending snapshots will
 * complete is not known. Failed snapshots stand as they are (the planner settles them).
 *
 * @param standing   newest first, as {@link Managed#NEWEST_FIRST}: one snapshot per window, plus the pending and
 *                   failed ones of windows without a completed snapshot, and every failed one
 * @param duplicates the other completed or pending snapshots of a window that has a completed one
 */
record OnePerWindow(List<Managed> standing, List<Duplicate> duplicates) {
    /** Earliest started first: the order that picks the snapshot standing for a window. */
    static final Comparator<Managed> EARLIEST_STARTED = Comparator.comparing((Managed m) -> m.snapshot().startedAt())
            .thenComparing(Managed::id);

    /** A snapshot of a window that already has {@code kept}. */
    record Duplicate(Managed snapshot, Managed kept) {
    }

    OnePerWindow {
        standing = List.copyOf(standing);
        duplicates = List.copyOf(duplicates);
    }

    /** @param snapshots one volume's snapshots, newest first */
    static OnePerWindow of(List<Managed> snapshots) {
        Map<Instant, List<Managed>> byWindow = new LinkedHashMap<>();
        snapshots.forEach(s -> byWindow.computeIfAbsent(s.takenAt(), k -> new ArrayList<>()).add(s));
        List<Managed> standing = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (List<Managed> window : byWindow.values()) {
            Optional<Managed> kept = window.stream().filter(Managed::completed).min(EARLIEST_STARTED);
            for (Managed snapshot : window) {
                if (kept.isEmpty() || snapshot == kept.get() || snapshot.failed()) {
                    standing.add(snapshot);
                } else {
                    duplicates.add(new Duplicate(snapshot, kept.get()));
                }
            }
        }
        return new OnePerWindow(standing, duplicates);
    }

    /** Whether {@code snapshots} (one volume's, newest first) hold a snapshot of the window starting at {@code start} that is not failed. */
    static boolean covers(List<Managed> snapshots, Instant start) {
        return snapshots.stream().anyMatch(m -> m.takenAt().equals(start) && !m.failed());
    }
}
