package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.SnapshotPolicies;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated snapshot estates of one plan, {@value #PLAN}, as a real account holds them after months of runs: several
 * volumes (selected, no longer selected, gone), each with a history of windows of a daily, weekly or rate schedule,
 * some windows taken twice (two runs started together), some snapshots pending or failed, protected, backing an image;
 * other plans' snapshots and hand-made ones without the plan tag beside them; copies, and copies taken twice, in the
 * copy region {@value #DR}. A run happens at a generated moment, sometimes standing for a firing already past.
 *
 * <p>The windows are computed here, plainly, from the schedule's definition: a cron plan fires at 03:00 every day, or
 * at 04:00 every Sunday, in its time zone; a rate plan's windows are aligned to the UTC epoch.
 */
final class SnapshotEstates {
    static final String PLAN = "daily";
    static final String REGION = Firewalls.REGION;
    static final String DR = "us-west-2";
    static final String SELECTED = "backup";

    private SnapshotEstates() {
    }

    /** A schedule as the policy writes it, with its windows computed plainly. */
    enum Cadence {
        DAILY_CRON("cron(0 3 * * ? *)"), WEEKLY_CRON("cron(0 4 ? * SUN *)"), RATE_6_HOURS("rate(6 hours)"),
        RATE_12_HOURS("rate(12 hours)"), RATE_1_DAY("rate(1 day)");

        final String expression;

        Cadence(String expression) {
            this.expression = expression;
        }

        /** The start of the window holding {@code t}: the last firing at or before it. */
        Instant windowAt(Instant t, ZoneId zone) {
            return switch (this) {
                case DAILY_CRON -> {
                    LocalDate day = t.atZone(zone).toLocalDate();
                    Instant firing = day.atTime(3, 0).atZone(zone).toInstant();
                    yield firing.isAfter(t) ? day.minusDays(1).atTime(3, 0).atZone(zone).toInstant() : firing;
                }
                case WEEKLY_CRON -> {
                    LocalDate sunday = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
                    Instant firing = sunday.atTime(4, 0).atZone(zone).toInstant();
                    yield firing.isAfter(t) ? sunday.minusWeeks(1).atTime(4, 0).atZone(zone).toInstant() : firing;
                }
                case RATE_6_HOURS -> epochAligned(t, Duration.ofHours(6));
                case RATE_12_HOURS -> epochAligned(t, Duration.ofHours(12));
                case RATE_1_DAY -> epochAligned(t, Duration.ofDays(1));
            };
        }

        /** The start of the window {@code n} windows before the one holding {@code t}. */
        Instant windowsBack(Instant t, ZoneId zone, int n) {
            Instant start = windowAt(t, zone);
            for (int i = 0; i < n; i++) {
                start = windowAt(start.minusSeconds(1), zone);
            }
            return start;
        }

        private static Instant epochAligned(Instant t, Duration period) {
            long length = period.getSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), length) * length);
        }
    }

    /** What a retention keeps, as the policy writes it; at least one rule. */
    record Retain(OptionalInt count, Optional<Duration> maxAge, OptionalInt daily, OptionalInt weekly, OptionalInt monthly) {
        String yaml() {
            List<String> rules = new ArrayList<>();
            count.ifPresent(n -> rules.add("count: " + n));
            maxAge.ifPresent(age -> rules.add("maxAge: " + (age.toHours() % 24 == 0 ? age.toDays() + "d" : age.toHours() + "h")));
            daily.ifPresent(n -> rules.add("daily: " + n));
            weekly.ifPresent(n -> rules.add("weekly: " + n));
            monthly.ifPresent(n -> rules.add("monthly: " + n));
            return "{" + String.join(", ", rules) + "}";
        }
    }

    /** A volume: on the account (or gone, only its snapshots left), and carrying the plan's tag or not (any more). */
    record Volume(String id, boolean exists, boolean selected) {
    }

    /**
     * One generated estate, policy and run.
     *
     * @param snapshots every snapshot in {@value #REGION} and {@value #DR} before the run
     * @param images    the snapshots an image uses, by region
     * @param firing    the schedule firing the run stands for (a scheduled event's time), when it names one
     * @param job       the run is an EBS notification that these snapshots finished, not a sweep
     * @param newState  the state the snapshots the run takes start in
     */
    record Estate(Cadence cadence, ZoneId zone, Retain retain, boolean copies, Optional<Retain> copyRetain, String protectTag,
                  List<Volume> volumes, List<Snapshot> snapshots, Map<String, List<String>> images, Instant now,
                  Optional<Instant> firing, Optional<List<String>> job, Snapshot.State newState, OptionalInt maxDeletions,
                  OptionalInt maxPercent) {

        Policy policy(boolean dryRun) {
            StringBuilder yaml = new StringBuilder("snapshotLifecycle:\n  plans:\n");
            yaml.append("    - name: ").append(PLAN).append('\n')
                    .append("      schedule: \"").append(cadence.expression).append("\"\n")
                    .append("      timezone: ").append(zone.getId()).append('\n')
                    .append("      select: {volumeTags: {").append(SELECTED).append(": daily}}\n")
                    .append("      retain: ").append(retain.yaml()).append('\n');
            if (copies) {
                yaml.append("      copies:\n        - region: ").append(DR).append('\n');
                copyRetain.ifPresent(r -> yaml.append("          retain: ").append(r.yaml()).append('\n'));
            }
            yaml.append("  protectTags: {\"").append(protectTag).append("\": \"*\"}\n");
            List<String> blast = new ArrayList<>();
            blast.add("maxChanges: " + maxDeletions.orElse(100_000));
            maxPercent.ifPresent(p -> blast.add("maxPercent: " + p));
            yaml.append("  blastRadius: {").append(String.join(", ", blast)).append("}\n");
            return PolicyLoader.parse("version: 1\ncloud: aws\ndryRun: " + dryRun + "\n" + yaml, "generated policy");
        }

        InMemoryCloud cloud() {
            InMemoryCloud cloud = InMemoryCloud.holding();
            for (Volume volume : volumes) {
                if (volume.exists()) {
                    cloud.put(SnapshotPolicies.disk(volume.id()).tag(SELECTED, volume.selected() ? "daily" : "weekly").build());
                }
            }
            snapshots.forEach(cloud::put);
            images.forEach((region, ids) -> ids.forEach(id -> cloud.registerImage(region, id, "ami-" + id)));
            cloud.startNewSnapshotsAs(newState);
            cloud.clockAt(now);
            return cloud;
        }

        RunRequest request(boolean dryRun) {
            if (job.isPresent()) {
                Map<String, String> sources = new LinkedHashMap<>();
                job.get().forEach(id -> snapshots.stream().filter(s -> s.id().equals(id)).findFirst()
                        .ifPresent(s -> sources.put(id, s.diskId())));
                return RunRequest.jobFinished(Trigger.EVENT, job.get(),
                        new JobResult(JobResult.Job.SNAPSHOT, InMemoryCloud.SNAPSHOT_TYPE, true, "", sources), dryRun);
            }
            RunRequest sweep = RunRequest.sweep(firing.isPresent() ? Trigger.SCHEDULE : Trigger.MANUAL, dryRun);
            return firing.map(sweep::withFiring).orElse(sweep);
        }

        boolean sweep() {
            return job.isEmpty();
        }

        /** The start of the window the run acts on: that of the firing it stands for, else that of now. */
        Instant runWindow() {
            return cadence.windowAt(firing.orElse(now), zone);
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    /** Which kind of snapshot of a volume: the plan's own, another plan's, or one made by hand without the plan tag. */
    enum Kind { OWN, OTHER_PLAN, BY_HAND }

    /** One snapshot of a volume, {@code windowsBack} windows before the run's, and perhaps its copy in the copy region. */
    record SnapSpec(Kind kind, int windowsBack, int minutesIn, Snapshot.State state, boolean protect, boolean otherTag,
                    boolean image, Optional<CopySpec> copy) {
    }

    /** A copy of a completed snapshot (only those can be copied); its original may since have been deleted by hand. */
    record CopySpec(int minutesIn, Snapshot.State state, boolean protect, boolean image, boolean twice, boolean originalDeletedByHand) {
    }

    /** @param lostOriginal the copy region holds a copy of the current window whose original was deleted by hand */
    record VolumeSpec(boolean exists, boolean selected, List<SnapSpec> history, boolean lostOriginal) {
    }

    /** Moments runs happen at: ordinary days, DST changes in Europe and the US, the turn of an ISO week-year. */
    private static final List<Instant> ANCHORS = List.of(Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-03-29T12:00:00Z"),
            Instant.parse("2026-11-01T07:00:00Z"), Instant.parse("2027-01-03T05:00:00Z"), Instant.parse("2026-12-31T23:30:00Z"));

    /**
     * Estates; {@code limits} also generates small blast-radius limits (else the default maxDeletions of the policy is
     * raised out of the way), {@code events} also generates runs of an EBS notification rather than sweeps.
     */
    static Arbitrary<Estate> estates(boolean limits, boolean events) {
        Arbitrary<Cadence> cadence = Arbitraries.of(Cadence.class);
        Arbitrary<ZoneId> zone = Arbitraries.of("UTC", "Europe/Berlin", "America/New_York").map(ZoneId::of);
        Arbitrary<Boolean> copies = Arbitraries.of(true, false);
        Arbitrary<Optional<Retain>> copyRetain = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.empty())),
                Tuple.of(1, retain().map(Optional::of)));
        Arbitrary<String> protectTag = Arbitraries.of("cloudwarden:protect", "legal-hold");
        Arbitrary<List<VolumeSpec>> volumes = volume().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Instant> now = Combinators.combine(Arbitraries.of(ANCHORS), Arbitraries.integers().between(0, 36 * 60))
                .as((anchor, minutes) -> anchor.plus(Duration.ofMinutes(minutes)));
        Arbitrary<Integer> firing = Arbitraries.frequency(Tuple.of(6, -1), Tuple.of(2, 0), Tuple.of(2, 1));
        Arbitrary<Snapshot.State> newState = Arbitraries.frequency(Tuple.of(3, Snapshot.State.COMPLETED), Tuple.of(1, Snapshot.State.PENDING));
        Arbitrary<OptionalInt> maxDeletions = limits ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(4, Arbitraries.integers().between(0, 6).map(OptionalInt::of))) : Arbitraries.just(OptionalInt.empty());
        Arbitrary<OptionalInt> maxPercent = limits ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(2, Arbitraries.of(0, 10, 25, 50, 75).map(OptionalInt::of))) : Arbitraries.just(OptionalInt.empty());
        Arbitrary<Boolean> job = events ? Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false)) : Arbitraries.just(false);
        Arbitrary<Estate> estates = Combinators.combine(Combinators.combine(cadence, zone, retain(), copies, copyRetain, protectTag)
                        .as(Tuple::of), volumes, now, firing, newState, maxDeletions, maxPercent, job)
                .as((plan, vols, at, firingBack, state, md, mp, isJob) -> materialize(plan.get1(), plan.get2(), plan.get3(),
                        plan.get4(), plan.get5(), plan.get6(), vols, at, firingBack, state, md, mp, isJob));
        return estates;
    }

    static Arbitrary<Retain> retain() {
        Arbitrary<OptionalInt> count = optional(Arbitraries.integers().between(1, 5));
        Arbitrary<Optional<Duration>> maxAge = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Optional.<Duration>empty())),
                Tuple.of(1, Arbitraries.of(Duration.ofHours(12), Duration.ofHours(36), Duration.ofDays(2), Duration.ofDays(7),
                        Duration.ofDays(30)).map(Optional::of)));
        Arbitrary<OptionalInt> daily = optional(Arbitraries.integers().between(1, 7));
        Arbitrary<OptionalInt> weekly = optional(Arbitraries.integers().between(1, 4));
        Arbitrary<OptionalInt> monthly = optional(Arbitraries.integers().between(1, 3));
        return Combinators.combine(count, maxAge, daily, weekly, monthly).as(Retain::new)
                .filter(r -> r.count().isPresent() || r.maxAge().isPresent() || r.daily().isPresent() || r.weekly().isPresent()
                        || r.monthly().isPresent());
    }

    private static Arbitrary<OptionalInt> optional(Arbitrary<Integer> value) {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(OptionalInt.empty())), Tuple.of(1, value.map(OptionalInt::of)));
    }

    private static Arbitrary<VolumeSpec> volume() {
        Arbitrary<Integer> windowsBack = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(0, 6)),
                Tuple.of(3, Arbitraries.integers().between(0, 40)), Tuple.of(1, Arbitraries.integers().between(0, 150)));
        Arbitrary<Snapshot.State> state = Arbitraries.frequency(Tuple.of(8, Snapshot.State.COMPLETED), Tuple.of(1, Snapshot.State.PENDING),
                Tuple.of(1, Snapshot.State.FAILED));
        Arbitrary<Boolean> rarely = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(9, false));
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(8, Kind.OWN), Tuple.of(1, Kind.OTHER_PLAN), Tuple.of(1, Kind.BY_HAND));
        Arbitrary<Optional<CopySpec>> copy = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<CopySpec>empty())),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 20), state, rarely, rarely, rarely,
                                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false)))
                        .as(CopySpec::new).map(Optional::of)));
        Arbitrary<SnapSpec> snap = Combinators.combine(kind, windowsBack, Arbitraries.integers().between(0, 3), state, rarely, rarely,
                rarely, copy).as(SnapSpec::new);
        Arbitrary<Boolean> exists = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false));
        Arbitrary<Boolean> selected = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false));
        Arbitrary<Boolean> lostOriginal = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
        return Combinators.combine(exists, selected, snap.list().ofMaxSize(14), lostOriginal).as(VolumeSpec::new);
    }

    private static Estate materialize(Cadence cadence, ZoneId zone, Retain retain, boolean copies, Optional<Retain> copyRetain,
                                      String protectTag, List<VolumeSpec> specs, Instant now, int firingBack, Snapshot.State newState,
                                      OptionalInt maxDeletions, OptionalInt maxPercent, boolean isJob) {
        List<Volume> volumes = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        Map<String, List<String>> images = new LinkedHashMap<>();
        for (int v = 0; v < specs.size(); v++) {
            VolumeSpec spec = specs.get(v);
            String volume = "vol-" + v;
            volumes.add(new Volume(volume, spec.exists(), spec.selected()));
            if (spec.lostOriginal()) {
                Instant window = cadence.windowAt(now, zone);
                Map<String, String> tags = new LinkedHashMap<>();
                tags.put(SnapshotTags.PLAN, PLAN);
                tags.put(SnapshotTags.WINDOW, window.toString());
                tags.put(SnapshotTags.VOLUME, volume);
                tags.put(SnapshotTags.COPY_OF, "snap-" + v + "-deleted-by-hand");
                tags.put(SnapshotTags.COPY_OF_REGION, REGION);
                snapshots.add(snapshot("copy-" + v + "-of-deleted", DR, "", earliest(window.plus(Duration.ofMinutes(7)), now),
                        Snapshot.State.COMPLETED, tags));
            }
            for (int j = 0; j < spec.history().size(); j++) {
                SnapSpec s = spec.history().get(j);
                Instant window = cadence.windowsBack(now, zone, s.windowsBack());
                Instant started = earliest(window.plus(Duration.ofMinutes(s.minutesIn())), now); // nothing started after the run
                String id = "snap-" + v + "-w" + s.windowsBack() + "-" + j;
                Map<String, String> tags = new LinkedHashMap<>();
                switch (s.kind()) {
                    case OWN -> tags.put(SnapshotTags.PLAN, PLAN);
                    case OTHER_PLAN -> tags.put(SnapshotTags.PLAN, "retired");
                    case BY_HAND -> tags.put("Name", "by hand before the upgrade");
                }
                if (s.kind() != Kind.BY_HAND) {
                    tags.put(SnapshotTags.WINDOW, window.toString());
                    tags.put(SnapshotTags.VOLUME, volume);
                }
                if (s.protect()) {
                    tags.put(protectTag, "case-42");
                }
                if (s.otherTag()) { // the protect tag the policy does not name: no protection
                    tags.put(protectTag.equals("legal-hold") ? "cloudwarden:protect" : "legal-hold", "yes");
                }
                boolean copied = s.copy().isPresent() && s.kind() != Kind.BY_HAND && s.state() == Snapshot.State.COMPLETED;
                if (!(copied && s.copy().get().originalDeletedByHand())) {
                    snapshots.add(snapshot(id, REGION, volume, started, s.state(), tags));
                    if (s.image() && s.state() == Snapshot.State.COMPLETED) { // an image is registered from a completed snapshot only
                        images.computeIfAbsent(REGION, r -> new ArrayList<>()).add(id);
                    }
                }
                if (copied) {
                    CopySpec c = s.copy().get();
                    for (int twice = 0; twice < (c.twice() ? 2 : 1); twice++) {
                        Map<String, String> copyTags = new LinkedHashMap<>(tags);
                        copyTags.remove(protectTag);
                        if (c.protect()) {
                            copyTags.put(protectTag, "case-42");
                        }
                        copyTags.put(SnapshotTags.COPY_OF, id);
                        copyTags.put(SnapshotTags.COPY_OF_REGION, REGION);
                        String copyId = "copy-" + v + "-w" + s.windowsBack() + "-" + j + (twice == 0 ? "" : "-again");
                        snapshots.add(snapshot(copyId, DR, "", earliest(started.plus(Duration.ofMinutes(5 + c.minutesIn() + twice)), now),
                                twice == 0 ? c.state() : Snapshot.State.COMPLETED, copyTags));
                        if (c.image() && twice == 0 && c.state() == Snapshot.State.COMPLETED) {
                            images.computeIfAbsent(DR, r -> new ArrayList<>()).add(copyId);
                        }
                    }
                }
            }
        }
        Optional<Instant> firing = firingBack < 0 ? Optional.empty() : Optional.of(cadence.windowsBack(now, zone, firingBack));
        Optional<List<String>> job = Optional.empty();
        if (isJob) {
            job = Optional.of(snapshots.stream().filter(s -> s.region().equals(REGION)).map(Snapshot::id).limit(2).toList());
        }
        return new Estate(cadence, zone, retain, copies, copyRetain, protectTag, volumes, snapshots, images, now, firing, job, newState,
                maxDeletions, maxPercent);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Snapshot snapshot(String id, String region, String diskId, Instant startedAt, Snapshot.State state,
                                     Map<String, String> tags) {
        return new Snapshot(new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, region, InMemoryCloud.SNAPSHOT_TYPE, id, "", Tags.of(tags)),
                diskId, startedAt, state, "");
    }

    /** The ids of a list of snapshots, for messages. */
    static List<String> ids(List<Snapshot> snapshots) {
        return snapshots.stream().map(Snapshot::id).toList();
    }
}
