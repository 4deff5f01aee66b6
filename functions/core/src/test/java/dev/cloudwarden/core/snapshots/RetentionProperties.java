package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.snapshots.SnapshotEstates.DR;
import static dev.cloudwarden.core.snapshots.SnapshotEstates.PLAN;
import static dev.cloudwarden.core.snapshots.SnapshotEstates.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.snapshots.SnapshotEstates.Estate;
import dev.cloudwarden.core.snapshots.SnapshotEstates.Retain;
import dev.cloudwarden.core.snapshots.SnapshotEstates.Volume;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Retention is safe: over generated snapshot histories ({@link SnapshotEstates}), retain rules and run moments, a real
 * run never deletes a volume's newest completed snapshot, a pending one, a protected one, an image-backed one, another
 * plan's or one without the plan tag, nor the snapshot standing for a window the rules keep; and after the run every
 * window the rules keep still has a completed snapshot. Which windows the rules keep is computed here from README's
 * definition, not by the code under test.
 */
class RetentionProperties {

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void aRunDeletesOnlyWhatNoRuleKeeps_andNeverWhatIsNeverDeleted(@ForAll("histories") Estate e) {
        InMemoryCloud cloud = e.cloud();
        List<Snapshot> before = everySnapshot(cloud);

        RunReport report = SnapshotLifecycleProperties.run(cloud, e, e.policy(false), e.request(false));

        List<Snapshot> after = everySnapshot(cloud);
        Set<String> afterIds = keys(after);
        Set<String> beforeIds = keys(before);
        List<Snapshot> deleted = before.stream().filter(s -> !afterIds.contains(key(s))).toList();
        List<Snapshot> made = after.stream().filter(s -> !beforeIds.contains(key(s))).toList();
        Reference reference = new Reference(e, before, made);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).as("deletions asked of the cloud: each one deleted a snapshot, "
                + "none was refused (an image uses it) or found it gone").isEqualTo(deleted.size());
        for (Snapshot s : deleted) {
            assertThat(s.tags().get(SnapshotTags.PLAN)).as("%s deleted: only the plan's own snapshots", s.id()).contains(PLAN);
            assertThat(s.state()).as("%s deleted: never a pending snapshot", s.id()).isNotEqualTo(Snapshot.State.PENDING);
            assertThat(s.tags().get(e.protectTag())).as("%s deleted: never one carrying the protect tag", s.id()).isEmpty();
            assertThat(e.images().getOrDefault(s.region(), List.of())).as("%s deleted: never one an image uses", s.id())
                    .doesNotContain(s.id());
            assertThat(reference.whyKept(s)).as("%s (%s, window %s, %s) deleted", s.id(), s.region(), window(s), s.state()).isEmpty();
        }
        for (Volume v : e.volumes()) {
            for (String place : List.of(REGION, DR)) {
                for (Instant w : reference.keptWindowsWithACompletedSnapshot(v.id(), place)) {
                    assertThat(after).as("window %s of %s in %s is kept: a completed snapshot of it is left", w, v.id(), place)
                            .anyMatch(s -> reference.ownOf(s, v.id(), place) && window(s).equals(w) && completed(s));
                }
            }
            List<Instant> takenWindows = made.stream().filter(s -> reference.ownOf(s, v.id(), REGION)).map(RetentionProperties::window)
                    .toList();
            assertThat(takenWindows).as("the window the run takes for %s", v.id())
                    .isEqualTo(reference.takes(v.id()) ? List.of(e.runWindow()) : List.of());
        }
        boolean copiedAgain = made.stream().filter(m -> m.region().equals(DR)).anyMatch(m -> before.stream().anyMatch(o -> completed(o)
                && reference.ownOf(o, m.tags().get(SnapshotTags.VOLUME).orElse(""), DR) && window(o).equals(window(m))));
        Statistics.label("the run copies a window the copy region holds already").collect(copiedAgain);
        Statistics.label("the run copies a window the copy region holds already")
                .coverage(check -> check.check(true).percentage(p -> p >= 3));
        Statistics.label("deleted").collect(deleted.isEmpty() ? "nothing" : "something");
        Statistics.label("deleted").coverage(check -> check.check("something").percentage(p -> p >= 40));
        Statistics.label("a window taken by the run counts").collect(!made.isEmpty() && !deleted.isEmpty());
        Statistics.label("a window taken by the run counts").coverage(check -> check.check(true).percentage(p -> p >= 10));
    }

    /**
     * README's definition of what retention keeps, written plainly. Per volume, and per place (the originals in the region;
     * the copies in the copy region, under the copies' own retention, the plan's when they have none): a window is one of
     * the schedule's windows for which the volume has a completed snapshot, plus the window the run takes (a run counts
     * it as the newest, so "count: 3" leaves three). The rules keep the union of: {@code count} the newest N windows;
     * {@code maxAge} every window younger (its start after now minus the age); {@code daily}, {@code weekly},
     * {@code monthly} the newest window of each of the last N days, ISO weeks, months (in the plan's time zone) that have
     * one. The newest completed snapshot is kept whatever the rules say. Of a window's snapshots, the earliest completed
     * (by start time, then id) stands for it: the others are duplicates of two runs started together, and may go.
     *
     * <p>Only completed snapshots and the one the run takes count: a pending snapshot is no good copy yet and a failed
     * one never will be, so neither pushes a completed one out of {@code count} (which only keeps more). A failed
     * snapshot may go once a later one of its volume completed (for a copy: or its original was copied again).
     */
    static final class Reference {
        private final Estate e;
        private final List<Snapshot> before;
        private final List<Snapshot> made;

        Reference(Estate e, List<Snapshot> before, List<Snapshot> made) {
            this.e = e;
            this.before = before;
            this.made = made;
        }

        /** Why {@code s} must stay; empty when the rules let it go. */
        Optional<String> whyKept(Snapshot s) {
            String volume = s.tags().get(SnapshotTags.VOLUME).orElse("");
            String place = s.region();
            if (place.equals(DR) && !e.copies()) {
                return Optional.of("the plan copies nothing to " + DR + " (any more): its copies there are not its to prune");
            }
            if (superseded(volume)) {
                return Optional.of("the run stands for window " + e.runWindow() + ", which " + volume + " has moved past: nothing is done for it");
            }
            List<Snapshot> group = before.stream().filter(o -> ownOf(o, volume, place)).toList();
            Instant w = window(s);
            if (s.state() == Snapshot.State.FAILED) {
                boolean laterCompleted = group.stream().anyMatch(o -> completed(o) && (window(o).isAfter(w)
                        || place.equals(DR) && o.tags().get(SnapshotTags.COPY_OF).equals(s.tags().get(SnapshotTags.COPY_OF))));
                return laterCompleted ? Optional.empty() : Optional.of("failed, but no later snapshot of " + volume + " completed");
            }
            if (!completed(s)) {
                return Optional.of("pending");
            }
            Snapshot standing = group.stream().filter(o -> completed(o) && window(o).equals(w))
                    .min(Comparator.comparing(Snapshot::startedAt).thenComparing(Snapshot::id)).orElseThrow();
            if (!standing.id().equals(s.id())) {
                return Optional.empty(); // a duplicate: standing stays for its window
            }
            Set<Instant> kept = keptWindows(volume, place);
            return kept.contains(w) ? Optional.of("it stands for window " + w + ", which the rules keep: " + kept) : Optional.empty();
        }

        /** The windows the rules keep that had a completed snapshot before the run. */
        Set<Instant> keptWindowsWithACompletedSnapshot(String volume, String place) {
            if (place.equals(DR) && !e.copies() || superseded(volume)) {
                return Set.of();
            }
            Set<Instant> kept = new TreeSet<>(keptWindows(volume, place));
            kept.retainAll(completedWindows(volume, place));
            return kept;
        }

        /** Whether the run takes the window's snapshot of the volume: a selected volume with no snapshot of it that has not failed. */
        boolean takes(String volume) {
            return target(volume) && !superseded(volume) && before.stream()
                    .noneMatch(o -> ownOf(o, volume, REGION) && window(o).equals(e.runWindow()) && o.state() != Snapshot.State.FAILED);
        }

        /** Whether {@code s} is the plan's own snapshot of the volume in that place (an original in the region, a copy in DR). */
        boolean ownOf(Snapshot s, String volume, String place) {
            return s.region().equals(place) && s.tags().get(SnapshotTags.PLAN).equals(Optional.of(PLAN))
                    && s.tags().get(SnapshotTags.VOLUME).equals(Optional.of(volume))
                    && s.tags().get(SnapshotTags.COPY_OF).isPresent() == place.equals(DR);
        }

        private Set<Instant> keptWindows(String volume, String place) {
            Set<Instant> windows = new TreeSet<>(completedWindows(volume, place));
            Optional<Instant> newestCompleted = windows.stream().max(Comparator.naturalOrder());
            if (place.equals(REGION)) {
                if (takes(volume)) {
                    windows.add(e.runWindow());
                }
            } else {
                made.stream().filter(s -> ownOf(s, volume, DR)).forEach(s -> windows.add(window(s)));
            }
            Retain rules = place.equals(REGION) ? e.retain() : e.copyRetain().orElse(e.retain());
            Set<Instant> kept = keep(windows, rules, e.zone(), e.now());
            newestCompleted.ifPresent(kept::add);
            return kept;
        }

        private Set<Instant> completedWindows(String volume, String place) {
            Set<Instant> windows = new TreeSet<>();
            before.stream().filter(s -> ownOf(s, volume, place) && completed(s)).forEach(s -> windows.add(window(s)));
            return windows;
        }

        /** A volume the plan selects, on the account: the run takes its snapshots. */
        private boolean target(String volume) {
            return e.volumes().stream().anyMatch(v -> v.id().equals(volume) && v.exists() && v.selected());
        }

        /** A target that already has a snapshot (not failed) of a later window than the run's, up to now. */
        private boolean superseded(String volume) {
            return target(volume) && before.stream().anyMatch(o -> ownOf(o, volume, REGION) && o.state() != Snapshot.State.FAILED
                    && window(o).isAfter(e.runWindow()) && !window(o).isAfter(e.now()));
        }
    }

    /** The windows a retention keeps of {@code windows} (restic's --keep-*: the union of every rule's). */
    static Set<Instant> keep(Set<Instant> windows, Retain rules, ZoneId zone, Instant now) {
        List<Instant> newestFirst = windows.stream().sorted(Comparator.reverseOrder()).toList();
        Set<Instant> kept = new HashSet<>();
        rules.count().ifPresent(n -> kept.addAll(newestFirst.subList(0, Math.min(n, newestFirst.size()))));
        rules.maxAge().ifPresent(age -> newestFirst.stream().filter(w -> w.isAfter(now.minus(age))).forEach(kept::add));
        rules.daily().ifPresent(n -> kept.addAll(newestOfEach(newestFirst, n, t -> t.atZone(zone).toLocalDate())));
        rules.weekly().ifPresent(n -> kept.addAll(newestOfEach(newestFirst, n, t -> {
            ZonedDateTime local = t.atZone(zone);
            return local.get(IsoFields.WEEK_BASED_YEAR) + "-W" + local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        })));
        rules.monthly().ifPresent(n -> kept.addAll(newestOfEach(newestFirst, n, t -> YearMonth.from(t.atZone(zone)))));
        return kept;
    }

    /** The newest window of each of the last {@code n} periods that have one. */
    private static List<Instant> newestOfEach(List<Instant> newestFirst, int n, Function<Instant, Object> period) {
        List<Object> periods = new ArrayList<>();
        List<Instant> newest = new ArrayList<>();
        for (Instant w : newestFirst) {
            Object p = period.apply(w);
            if (!periods.contains(p) && periods.size() < n) {
                periods.add(p);
                newest.add(w);
            }
        }
        return newest;
    }

    private static List<Snapshot> everySnapshot(InMemoryCloud cloud) {
        List<Snapshot> all = new ArrayList<>(cloud.snapshotsIn(REGION));
        all.addAll(cloud.snapshotsIn(DR));
        return all;
    }

    private static Set<String> keys(List<Snapshot> snapshots) {
        Set<String> keys = new HashSet<>();
        snapshots.forEach(s -> keys.add(key(s)));
        return keys;
    }

    private static String key(Snapshot s) {
        return s.region() + "/" + s.id();
    }

    private static Instant window(Snapshot s) {
        return s.tags().get(SnapshotTags.WINDOW).map(Instant::parse).orElse(s.startedAt());
    }

    private static boolean completed(Snapshot s) {
        return s.state() == Snapshot.State.COMPLETED;
    }

    @Provide
    Arbitrary<Estate> histories() {
        return SnapshotEstates.estates(false, false);
    }
}
