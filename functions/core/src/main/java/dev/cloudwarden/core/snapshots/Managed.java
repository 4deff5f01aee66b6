package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Snapshot.State;
import dev.cloudwarden.api.Tags;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * A snapshot some plan owns, read from its tags: the plan, the window it was taken for, and the volume it
 * is of (for a copy, the original's volume). Retention ages a snapshot by its window, not by when the
 * cloud started it, so that the daily/weekly/monthly buckets follow the schedule exactly.
 *
 * @param copyOf the original's id, for a copy; empty for an original
 */
record Managed(Snapshot snapshot, String plan, Optional<Instant> window, String volume, Optional<String> copyOf) {
    /** Newest first: by the time it stands for, then by id so that the order never depends on the listing. */
    static final Comparator<Managed> NEWEST_FIRST = Comparator.comparing(Managed::takenAt).reversed()
            .thenComparing(m -> m.snapshot().id());

    /** The view of a snapshot carrying {@link SnapshotTags#PLAN}; empty for any other. */
    static Optional<Managed> of(Snapshot snapshot) {
        Optional<String> plan = snapshot.tags().get(SnapshotTags.PLAN);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> window = snapshot.tags().get(SnapshotTags.WINDOW).flatMap(Managed::instant);
        String volume = snapshot.tags().get(SnapshotTags.VOLUME).orElse(snapshot.diskId());
        return Optional.of(new Managed(snapshot, plan.get(), window, volume, snapshot.tags().get(SnapshotTags.COPY_OF)));
    }

    /**
     * The snapshot a run is about to take (or copy) for {@code window}: it exists only for the retention
     * rules, which count it as the volume's newest, and it is never a deletion candidate.
     */
    static Managed upcoming(String plan, Instant window, Managed sibling) {
        var ref = sibling.snapshot().resource();
        Snapshot placeholder = new Snapshot(new ResourceRef(ref.cloud(), ref.account(), ref.region(), ref.type(),
                "(the snapshot of window " + window + ")", "", Tags.NONE), sibling.volume(), window, State.COMPLETED, "");
        return new Managed(placeholder, plan, Optional.of(window), sibling.volume(), sibling.copyOf().map(c -> "(upcoming)"));
    }

    /** The moment the snapshot stands for: its window's start, or when it was started when it names no readable window. */
    Instant takenAt() {
        return window.orElse(snapshot.startedAt());
    }

    String id() {
        return snapshot.id();
    }

    boolean completed() {
        return snapshot.state() == State.COMPLETED;
    }

    boolean failed() {
        return snapshot.state() == State.FAILED;
    }

    boolean pending() {
        return snapshot.state() == State.PENDING;
    }

    boolean isCopy() {
        return copyOf.isPresent();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
