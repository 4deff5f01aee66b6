package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Selection;
import dev.cloudwarden.core.policy.TagMatch;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.PlanWindow;
import dev.cloudwarden.core.schedule.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns what a sweep read into findings and actions, for every plan: the window's snapshots still to take,
 * tags a crashed run left out, copies still to make, and what retention lets go. Pure: the clock's reading
 * is passed in and nothing is called, except {@code imagesOf}, asked once per region and only when that
 * region has a snapshot to delete (a snapshot an image uses is kept).
 *
 * <p>What is never deleted: a snapshot no plan owns (no {@link SnapshotTags#PLAN} tag, or another plan's),
 * a volume's newest completed snapshot of the plan (its last good copy, even once the volume is gone), a
 * pending snapshot, one carrying the protect tag, one an image uses. A failed snapshot is deleted only once
 * a later snapshot of the same volume completed.
 */
final class SnapshotPlanner {
    private final SnapshotLifecyclePolicy policy;
    private final CloudNames names;

    SnapshotPlanner(SnapshotLifecyclePolicy policy, CloudNames names) {
        this.policy = policy;
        this.names = names;
    }

    /**
     * @param windowAt the moment that picks each plan's window: the schedule's firing this run stands for (a
     *                 scheduled event's time), else {@code now}
     * @param now      the moment the run acts as of: retention ages and overdue checks count from it
     * @param imagesOf region → the snapshots there that back an image, with the image id
     */
    Agenda plan(Estate estate, Instant windowAt, Instant now, Function<String, Map<String, String>> imagesOf) {
        Draft draft = new Draft(memoize(imagesOf));
        Map<String, Disk> disks = new LinkedHashMap<>();
        estate.disks().forEach(d -> disks.put(d.id(), d));
        List<Managed> originals = estate.snapshots().stream().flatMap(s -> Managed.of(s).stream()).filter(m -> !m.isCopy()).toList();
        Set<String> covered = new HashSet<>();
        for (Plan plan : policy.plans()) {
            List<Target> targets = targets(plan, estate, disks);
            targets.forEach(t -> t.disks().forEach(d -> covered.add(d.id())));
            Map<String, List<Managed>> byVolume = byVolume(originals.stream().filter(m -> m.plan().equals(plan.name())).toList());
            Optional<Window> window = plan.schedule().windowAt(windowAt);
            window.ifPresent(w -> draft.windows.add(new PlanWindow(plan.name(), w.start(), w.end())));
            // a delivery of a window some volumes have moved past (a retry after the next firing) does nothing for them
            Set<String> superseded = new HashSet<>();
            window.ifPresent(w -> superseded(plan, w, targets, byVolume, now, superseded, draft));
            Map<String, List<Managed>> standing = new LinkedHashMap<>();
            byVolume.forEach((volume, snapshots) -> {
                if (!superseded.contains(volume)) {
                    standing.put(volume, onePerWindow(plan, snapshots, estate.region(), draft));
                }
            });
            Set<String> creating = new HashSet<>(superseded); // a superseded volume is not taken, as if it were being taken
            window.ifPresent(w -> {
                takeWindow(plan, w, targets, byVolume, creating, draft);
                plan.schedule().before(w).ifPresent(previous -> overdue(plan, previous, targets, byVolume, superseded, draft));
            });
            creating.removeAll(superseded);
            // retention counts the snapshot this run takes: "count 3" leaves three, not four
            Map<String, Instant> upcoming = new HashMap<>();
            window.ifPresent(w -> creating.forEach(volume -> upcoming.put(volume, w.start())));
            standing.forEach((volume, snapshots) -> {
                retain(plan.retain(), plan, snapshots, volume, Optional.ofNullable(upcoming.get(volume)), estate.region(), now, draft);
                failedOriginals(snapshots, draft);
            });
            for (CopyTarget target : plan.copies()) {
                List<Managed> copies = estate.copiesByRegion().getOrDefault(target.region(), List.of()).stream()
                        .flatMap(s -> Managed.of(s).stream())
                        .filter(m -> m.plan().equals(plan.name()) && m.isCopy() && !superseded.contains(m.volume())).toList();
                Map<String, Instant> copying = new HashMap<>(upcoming);
                copying.putAll(copy(plan, target, targets, standing, copies, draft));
                byVolume(copies).forEach((volume, snapshots) -> retain(target.retain(), plan,
                        onePerWindow(plan, snapshots, target.region(), draft), volume,
                        Optional.ofNullable(copying.get(volume)), target.region(), now, draft));
            }
        }
        if (policy.unprotectedVolumes().report()) {
            disks.values().stream().filter(d -> !covered.contains(d.id()) && !ignored(d))
                    .forEach(d -> draft.findings.add(SnapshotFindings.unprotected(d)));
        }
        return new Agenda(draft.findings, draft.actions, draft.windows);
    }

    /**
     * After a snapshot job finished (an event run): copies of the finished snapshots of plans with copy
     * targets that have no copy there yet. A snapshot still pending is left to the next event or sweep.
     *
     * @param copiesByRegion each copy region's snapshots carrying {@link SnapshotTags#PLAN}
     */
    Agenda copiesAfterJob(List<Snapshot> finished, Map<String, List<Snapshot>> copiesByRegion) {
        Draft draft = new Draft(region -> Map.of());
        for (Snapshot snapshot : finished) {
            Optional<Managed> original = Managed.of(snapshot).filter(m -> !m.isCopy() && m.completed());
            Optional<Plan> plan = original.flatMap(m -> plan(m.plan()));
            if (plan.isEmpty()) {
                continue;
            }
            for (CopyTarget target : plan.get().copies()) {
                // a copy of this snapshot, or of another snapshot of its volume and window (two runs took one each)
                boolean copied = copiesByRegion.getOrDefault(target.region(), List.of()).stream()
                        .flatMap(s -> Managed.of(s).stream())
                        .anyMatch(c -> c.plan().equals(original.get().plan()) && !c.failed()
                                && (c.copyOf().equals(Optional.of(snapshot.id()))
                                || c.volume().equals(original.get().volume()) && c.takenAt().equals(original.get().takenAt())));
                if (!copied) {
                    draft.copy(plan.get().name(), original.get(), target);
                }
            }
        }
        return new Agenda(draft.findings, draft.actions, List.of());
    }

    /**
     * Whether each new disk is covered by some plan (a create event): selected by a plan's volume tags, or
     * attached to an instance an instance plan selects. A disk no plan covers is reported unless ignored.
     *
     * @param instancesByPlan the instances each instance-selecting plan selects
     */
    Agenda coverage(List<Disk> disks, Map<String, List<Instance>> instancesByPlan) {
        List<Finding> findings = new ArrayList<>();
        for (Disk disk : disks) {
            List<String> plans = policy.plans().stream().filter(plan -> switch (plan.selection()) {
                case Selection.Volumes volumes -> TagMatch.carriesAll(disk.resource().tags().values(), volumes.tags());
                case Selection.Instances instances -> instancesByPlan.getOrDefault(plan.name(), List.of()).stream()
                        .anyMatch(i -> disk.attachedTo().contains(i.id())
                                && !(instances.excludeRootVolume() && disk.id().equals(i.bootDiskId())));
            }).map(Plan::name).toList();
            if (!plans.isEmpty()) {
                findings.add(SnapshotFindings.covered(disk, plans));
            } else if (policy.unprotectedVolumes().report() && !ignored(disk)) {
                findings.add(SnapshotFindings.unprotected(disk));
            }
        }
        return new Agenda(findings, List.of(), List.of());
    }

    private Optional<Plan> plan(String name) {
        return policy.plans().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** What one plan snapshots: single volumes, or each selected instance's volumes as one set. */
    private static List<Target> targets(Plan plan, Estate estate, Map<String, Disk> disks) {
        return switch (plan.selection()) {
            case Selection.Volumes volumes -> disks.values().stream()
                    .filter(d -> TagMatch.carriesAll(d.resource().tags().values(), volumes.tags()))
                    .map(d -> (Target) new Target.Single(d)).toList();
            case Selection.Instances instances -> estate.instancesByPlan().getOrDefault(plan.name(), List.of()).stream()
                    .map(i -> (Target) new Target.InstanceSet(i, i.diskIds().stream()
                            .filter(id -> !(instances.excludeRootVolume() && id.equals(i.bootDiskId())))
                            .map(disks::get).filter(d -> d != null).toList(), !instances.excludeRootVolume()))
                    .filter(t -> !t.disks().isEmpty()).toList();
        };
    }

    /**
     * The target volumes that already have a snapshot of a later window than {@code window} (up to {@code now}): this run
     * stands for a firing they have moved past, such as a retry delivered after the next firing, and does nothing for
     * them. Each gets a finding that says so.
     */
    private static void superseded(Plan plan, Window window, List<Target> targets, Map<String, List<Managed>> byVolume, Instant now,
                                   Set<String> superseded, Draft draft) {
        for (Target target : targets) {
            for (Disk disk : target.disks()) {
                byVolume.getOrDefault(disk.id(), List.of()).stream()
                        .filter(m -> !m.failed() && m.takenAt().isAfter(window.start()) && !m.takenAt().isAfter(now))
                        .findFirst()
                        .filter(newer -> superseded.add(disk.id()))
                        .ifPresent(newer -> draft.findings.add(SnapshotFindings.superseded(plan, window, disk, newer)));
            }
        }
    }

    /**
     * One volume's snapshots reduced to one per window ({@link OnePerWindow}): each duplicate is reported and, once its
     * window has a completed snapshot, deleted, unless it is protected or backs an image. A pending duplicate waits:
     * the next run deletes it once it has completed.
     *
     * @return the snapshots that stand, one per window, for retention
     */
    private List<Managed> onePerWindow(Plan plan, List<Managed> snapshots, String region, Draft draft) {
        OnePerWindow reduced = OnePerWindow.of(snapshots);
        for (OnePerWindow.Duplicate duplicate : reduced.duplicates()) {
            Managed extra = duplicate.snapshot();
            Optional<String> protectedBy = protectedBy(extra);
            Optional<String> keptBecause = protectedBy.isPresent() ? protectedBy
                    : extra.pending() ? Optional.of("it is still pending; a run after it completes deletes it")
                    : Optional.ofNullable(draft.imagesOf.apply(region).get(extra.id())).map(ami -> "it backs image " + ami);
            if (keptBecause.isPresent()) {
                draft.findings.add(SnapshotFindings.duplicate(duplicate, FindingAction.skipped(SnapshotAction.DELETE, "kept: " + keptBecause.get())));
                continue;
            }
            Finding finding = SnapshotFindings.duplicate(duplicate, FindingAction.planned(SnapshotAction.DELETE,
                    "delete " + extra.id() + " in " + region + ": " + duplicate.kept().id() + " already stands for window "
                            + extra.takenAt() + " of " + extra.volume()));
            draft.add(finding, new SnapshotAction.Delete(finding.id(), extra.snapshot(), Optional.empty()));
        }
        return reduced.standing();
    }

    /** Plans the window's snapshot of every target volume that has none, and the tags a crashed run left out. */
    private void takeWindow(Plan plan, Window window, List<Target> targets, Map<String, List<Managed>> byVolume,
                            Set<String> creating, Draft draft) {
        for (Target target : targets) {
            List<Disk> missing = new ArrayList<>();
            for (Disk disk : target.disks()) {
                // the snapshot that stands for the window, should two runs have taken one each
                Optional<Managed> current = byVolume.getOrDefault(disk.id(), List.of()).stream()
                        .filter(m -> m.window().equals(Optional.of(window.start())) && !m.failed())
                        .min(Comparator.comparing((Managed m) -> !m.completed()).thenComparing(OnePerWindow.EARLIEST_STARTED));
                if (current.isPresent()) {
                    completeTags(plan, disk, current.get(), draft);
                } else if (!creating.contains(disk.id())) { // a multi-attach volume is taken once, by its first set
                    missing.add(disk);
                }
            }
            if (missing.isEmpty()) {
                continue;
            }
            creating.addAll(missing.stream().map(Disk::id).toList());
            if (target instanceof Target.InstanceSet set && missing.size() == set.disks().size()) {
                createSet(plan, window, set, draft);
            } else {
                // a set an earlier run took in part cannot be made consistent any more: take what is missing one by one
                String why = target instanceof Target.InstanceSet set ? " (on its own: the rest of " + set.instance().id()
                        + "'s set already has this window's snapshot)" : "";
                missing.forEach(disk -> create(plan, window, disk, why, draft));
            }
        }
    }

    private void create(Plan plan, Window window, Disk disk, String why, Draft draft) {
        Map<String, String> tags = new LinkedHashMap<>(SnapshotTags.inherited(plan, disk, names));
        tags.putAll(ownTags(plan, window));
        tags.put(SnapshotTags.VOLUME, disk.id());
        String then = plan.copies().isEmpty() ? "" : ", then copy it to " + regions(plan) + " once completed";
        Finding finding = SnapshotFindings.due(plan, window, disk,
                FindingAction.planned(SnapshotAction.CREATE, "snapshot " + disk.id() + why + then));
        draft.add(finding, new SnapshotAction.Create(finding.id(), plan, window, disk, tags, description(plan, window, disk.id()),
                plan.copies()));
    }

    private void createSet(Plan plan, Window window, Target.InstanceSet set, Draft draft) {
        Map<String, String> tags = new LinkedHashMap<>(ownTags(plan, window));
        tags.put(SnapshotTags.INSTANCE, set.instance().id());
        Map<String, Map<String, String>> tagsByDisk = new LinkedHashMap<>();
        for (Disk disk : set.disks()) {
            Map<String, String> diskTags = new LinkedHashMap<>(SnapshotTags.inherited(plan, disk, names));
            diskTags.put(SnapshotTags.VOLUME, disk.id());
            tagsByDisk.put(disk.id(), diskTags);
        }
        String then = plan.copies().isEmpty() ? "" : ", then copy them to " + regions(plan) + " once completed";
        Finding finding = SnapshotFindings.dueSet(plan, window, set.instance(), set.disks(),
                FindingAction.planned(SnapshotAction.CREATE_SET, "snapshot " + set.disks().size() + " volumes of " + set.instance().id()
                        + " at one moment" + (set.includeBootDisk() ? "" : ", without the root volume") + then));
        draft.add(finding, new SnapshotAction.CreateSet(finding.id(), plan, window, set.instance(), set.includeBootDisk(), tags,
                tagsByDisk, description(plan, window, set.instance().id()), plan.copies()));
    }

    /** A window's snapshot lacks the volume's tags when the run that took it stopped before its second call. */
    private void completeTags(Plan plan, Disk disk, Managed current, Draft draft) {
        Map<String, String> expected = new LinkedHashMap<>(SnapshotTags.inherited(plan, disk, names));
        expected.put(SnapshotTags.VOLUME, disk.id());
        Map<String, String> missing = new LinkedHashMap<>();
        expected.forEach((key, value) -> {
            if (current.snapshot().tags().get(key).isEmpty()) {
                missing.put(key, value);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        Finding finding = SnapshotFindings.tagsIncomplete(current, missing,
                FindingAction.planned(SnapshotAction.TAG, "add " + String.join(", ", missing.keySet())));
        draft.add(finding, new SnapshotAction.Tag(finding.id(), current.snapshot().region(), current.id(), missing));
    }

    /** A target volume older than the previous window without a completed snapshot since that window began. */
    private static void overdue(Plan plan, Window previous, List<Target> targets, Map<String, List<Managed>> byVolume,
                                Set<String> superseded, Draft draft) {
        for (Target target : targets) {
            for (Disk disk : target.disks()) {
                if (!disk.createdAt().isBefore(previous.start()) || superseded.contains(disk.id())) {
                    continue; // it did not exist when the previous window began
                }
                List<Managed> snapshots = byVolume.getOrDefault(disk.id(), List.of());
                Optional<Managed> lastCompleted = snapshots.stream().filter(Managed::completed).findFirst();
                if (lastCompleted.isEmpty() || lastCompleted.get().takenAt().isBefore(previous.start())) {
                    draft.findings.add(SnapshotFindings.overdue(plan, previous, disk, lastCompleted));
                }
            }
        }
    }

    /**
     * Copies each target volume's newest completed snapshot that has no copy in the target region yet, also
     * when this run takes a newer one: EBS snapshots start pending, so the one a run takes is copied by its
     * completion event, or else by the next run, as the newest completed then.
     */
    private Map<String, Instant> copy(Plan plan, CopyTarget target, List<Target> targets, Map<String, List<Managed>> standing,
                                      List<Managed> copies, Draft draft) {
        Map<String, Instant> copying = new HashMap<>();
        Map<String, List<Managed>> copiesByVolume = byVolume(copies);
        Set<String> seen = new HashSet<>();
        for (Target t : targets) {
            for (Disk disk : t.disks()) {
                List<Managed> snapshots = standing.getOrDefault(disk.id(), List.of());
                if (!seen.add(disk.id())) {
                    continue;
                }
                // a window is copied once, whichever of its snapshots the copy was made from (two runs may each have taken one)
                snapshots.stream().filter(Managed::completed).findFirst()
                        .filter(newest -> !OnePerWindow.covers(copiesByVolume.getOrDefault(disk.id(), List.of()), newest.takenAt()))
                        .ifPresent(newest -> {
                            draft.copy(plan.name(), newest, target);
                            copying.put(disk.id(), newest.takenAt());
                        });
            }
        }
        for (Managed copy : copies.stream().filter(Managed::failed).toList()) {
            boolean superseded = copies.stream().anyMatch(c -> c.completed()
                    && (c.copyOf().equals(copy.copyOf()) || c.volume().equals(copy.volume()) && c.takenAt().isAfter(copy.takenAt())));
            settleFailed(copy, superseded, SnapshotFindings::copyFailed, "copied again by the next run unless a newer snapshot is copied first",
                    draft);
        }
        return copying;
    }

    /**
     * Applies a retention to one volume's snapshots of a plan (originals in the region, or copies in one copy
     * region): deletes what no rule keeps, except what is never deleted. The snapshot (or copy) this run makes
     * for the volume ({@code upcoming}, its window) counts as the newest for the rules, so that "count 3"
     * leaves three; a deletion that only this counting causes waits for that snapshot: when the run does not
     * make it (the create failed, the copy had to wait for a pending original), the deletion is skipped.
     * The volume's newest completed snapshot stays in any case, until a newer one has completed.
     */
    private void retain(Retention retain, Plan plan, List<Managed> snapshots, String volume, Optional<Instant> upcoming,
                        String region, Instant now, Draft draft) {
        List<Managed> completed = snapshots.stream().filter(Managed::completed).toList();
        Map<String, List<String>> keptAsIs = RetentionRules.keep(completed, retain, plan.zone(), now);
        Map<String, List<String>> kept = keptAsIs;
        // windows are counted, never snapshots: a window that has a completed snapshot here already is not counted twice
        // when the run makes another of it (a copy region that holds a copy of a window whose original was deleted by hand)
        if (upcoming.isPresent() && completed.stream().noneMatch(m -> m.takenAt().equals(upcoming.get()))) {
            List<Managed> judged = new ArrayList<>(completed);
            judged.add(Managed.upcoming(plan.name(), upcoming.get(), snapshots.getFirst()));
            judged.sort(Managed.NEWEST_FIRST);
            kept = RetentionRules.keep(judged, retain, plan.zone(), now);
        }
        for (int i = 1; i < completed.size(); i++) { // completed.getFirst() is the volume's last good copy: always kept
            Managed snapshot = completed.get(i);
            if (kept.containsKey(snapshot.id())) {
                continue;
            }
            Optional<String> protectedBy = protectedBy(snapshot);
            Optional<String> image = protectedBy.isPresent() ? Optional.empty()
                    : Optional.ofNullable(draft.imagesOf.apply(region).get(snapshot.id())).map(ami -> "it backs image " + ami);
            if (protectedBy.isPresent() || image.isPresent()) {
                draft.findings.add(SnapshotFindings.kept(snapshot, retain, protectedBy.or(() -> image).orElseThrow()));
                continue;
            }
            Optional<String> onlyAfter = keptAsIs.containsKey(snapshot.id()) ? Optional.of(SnapshotAction.made(volume, region))
                    : Optional.empty();
            Finding finding = SnapshotFindings.expired(snapshot, retain, FindingAction.planned(SnapshotAction.DELETE,
                    "delete " + snapshot.id() + " in " + region + ": retain " + SnapshotFindings.describe(retain)
                            + (onlyAfter.isPresent() ? ", counting the " + (snapshot.isCopy() ? "copy" : "snapshot")
                            + " this run makes, once it is made" : "")));
            draft.add(finding, new SnapshotAction.Delete(finding.id(), snapshot.snapshot(), onlyAfter));
        }
    }

    private Optional<String> protectedBy(Managed snapshot) {
        // the first of protectTags it carries, by key ("*": any value), so that the reason never depends on map order
        return policy.protectTags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(protect -> snapshot.snapshot().tags().get(protect.getKey())
                        .filter(value -> protect.getValue().equals("*") || protect.getValue().equals(value))
                        .map(value -> "it carries the protect tag " + protect.getKey() + "=" + value).stream())
                .findFirst();
    }

    /** The failed originals of one volume, settled. */
    private void failedOriginals(List<Managed> snapshots, Draft draft) {
        List<Managed> completed = snapshots.stream().filter(Managed::completed).toList();
        for (Managed failed : snapshots.stream().filter(Managed::failed).toList()) {
            boolean superseded = completed.stream().anyMatch(c -> c.takenAt().isAfter(failed.takenAt()));
            settleFailed(failed, superseded, SnapshotFindings::failed, "kept until a later snapshot of the volume completes", draft);
        }
    }

    /**
     * A failed snapshot or copy holds nothing: it is reported, and deleted once a later one of its volume
     * completed (it is superseded), unless it carries the protect tag.
     */
    private void settleFailed(Managed failed, boolean superseded, BiFunction<Managed, FindingAction, Finding> finding,
                              String whyKept, Draft draft) {
        Optional<String> protection = protectedBy(failed);
        if (superseded && protection.isEmpty()) {
            Finding due = finding.apply(failed, FindingAction.planned(SnapshotAction.DELETE,
                    "delete the failed " + (failed.isCopy() ? "copy" : "snapshot") + ": a later one of the volume completed"));
            draft.add(due, new SnapshotAction.Delete(due.id(), failed.snapshot(), Optional.empty()));
        } else {
            draft.findings.add(finding.apply(failed, FindingAction.skipped(FindingAction.NONE,
                    protection.map(p -> "kept: " + p).orElse(whyKept))));
        }
    }

    /** The copy of {@code source} into {@code target}, with the tags that let a later run find it. */
    static SnapshotAction.Copy copyAction(String findingId, String plan, Snapshot source, String volume, String window,
                                          CopyTarget target, CloudNames names) {
        Map<String, String> tags = new LinkedHashMap<>(SnapshotTags.inheritedByCopy(source.tags().values(), names));
        tags.put(SnapshotTags.PLAN, plan);
        tags.put(SnapshotTags.WINDOW, window);
        tags.put(SnapshotTags.VOLUME, volume);
        tags.put(SnapshotTags.COPY_OF, source.id());
        tags.put(SnapshotTags.COPY_OF_REGION, source.region());
        return new SnapshotAction.Copy(findingId, source, volume, target, tags,
                "cloudwarden plan " + plan + ": copy of " + source.id() + " (" + volume + ") from " + source.region());
    }

    private boolean ignored(Disk disk) {
        return policy.unprotectedVolumes().ignoreVolumeIds().contains(disk.id())
                || TagMatch.carriesAny(disk.resource().tags().values(), policy.unprotectedVolumes().ignoreTags());
    }

    private static Map<String, String> ownTags(Plan plan, Window window) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(SnapshotTags.PLAN, plan.name());
        tags.put(SnapshotTags.WINDOW, window.id());
        return tags;
    }

    private static String description(Plan plan, Window window, String of) {
        return "cloudwarden plan " + plan.name() + ", window " + window.id() + ", " + of;
    }

    private static String regions(Plan plan) {
        return String.join(", ", plan.copies().stream().map(CopyTarget::region).toList());
    }

    /** Snapshots grouped by the volume they are of, each group newest first. */
    private static Map<String, List<Managed>> byVolume(List<Managed> snapshots) {
        Map<String, List<Managed>> groups = new LinkedHashMap<>();
        snapshots.stream().sorted(Managed.NEWEST_FIRST).forEach(m -> groups.computeIfAbsent(m.volume(), k -> new ArrayList<>()).add(m));
        return groups;
    }

    private static Function<String, Map<String, String>> memoize(Function<String, Map<String, String>> lookup) {
        Map<String, Map<String, String>> cache = new HashMap<>();
        return region -> cache.computeIfAbsent(region, lookup);
    }

    /** What a plan snapshots at once: one volume, or the volumes of one instance. */
    private sealed interface Target {
        List<Disk> disks();

        record Single(Disk disk) implements Target {
            @Override
            public List<Disk> disks() {
                return List.of(disk);
            }
        }

        record InstanceSet(Instance instance, List<Disk> disks, boolean includeBootDisk) implements Target {
        }
    }

    /** The findings and actions being collected. */
    private final class Draft {
        final Function<String, Map<String, String>> imagesOf;
        final List<Finding> findings = new ArrayList<>();
        final List<SnapshotAction> actions = new ArrayList<>();
        final List<PlanWindow> windows = new ArrayList<>();

        Draft(Function<String, Map<String, String>> imagesOf) {
            this.imagesOf = imagesOf;
        }

        void add(Finding finding, SnapshotAction action) {
            findings.add(finding);
            actions.add(action);
        }

        void copy(String plan, Managed source, CopyTarget target) {
            Finding finding = SnapshotFindings.copyDue(plan, source.snapshot(), source.volume(), target,
                    FindingAction.planned(SnapshotAction.COPY, "copy " + source.id() + " to " + target.region()
                            + target.encryptionKey().map(k -> ", encrypted with " + k).orElse("")));
            add(finding, copyAction(finding.id(), plan, source.snapshot(), source.volume(),
                    source.window().map(Object::toString).orElse(source.takenAt().toString()), target, names));
        }
    }
}
