package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.schedule.Window;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The findings of the snapshot lifecycle, one check each, with ids that stay the same across runs and
 * retries for the same plan, volume, window or snapshot (SIEMs de-duplicate on them).
 */
final class SnapshotFindings {
    static final String DUE = "snapshots.snapshot-due";
    static final String OVERDUE = "snapshots.snapshot-overdue";
    static final String FAILED = "snapshots.snapshot-failed";
    static final String COPY_DUE = "snapshots.copy-due";
    static final String COPY_FAILED = "snapshots.copy-failed";
    static final String EXPIRED = "snapshots.retention-expired";
    static final String KEPT = "snapshots.retention-kept";
    static final String TAGS_INCOMPLETE = "snapshots.tags-incomplete";
    static final String UNPROTECTED = "snapshots.volume-unprotected";
    static final String COVERED = "snapshots.volume-covered";
    static final String DUPLICATE = "snapshots.duplicate";
    static final String SUPERSEDED = "snapshots.window-superseded";

    private SnapshotFindings() {
    }

    static Finding due(Plan plan, Window window, Disk disk, FindingAction action) {
        Map<String, Object> evidence = planEvidence(plan, window);
        evidence.put("volume", disk.id());
        return new Finding(Finding.stableId(DUE, plan.name(), disk.id(), window.id()), DUE, Severity.INFO,
                label(disk.resource()) + " has no snapshot of plan " + plan.name() + " for the window starting " + window.id(),
                disk.resource(), evidence, action);
    }

    static Finding dueSet(Plan plan, Window window, Instance instance, List<Disk> disks, FindingAction action) {
        Map<String, Object> evidence = planEvidence(plan, window);
        evidence.put("instance", instance.id());
        evidence.put("volumes", disks.stream().map(Disk::id).toList());
        evidence.put("bootVolume", instance.bootDiskId());
        return new Finding(Finding.stableId(DUE, plan.name(), instance.id(), window.id()), DUE, Severity.INFO,
                label(instance.resource()) + ": " + disks.size() + " volume" + (disks.size() == 1 ? " has" : "s have")
                        + " no snapshot set of plan " + plan.name() + " for the window starting " + window.id(),
                instance.resource(), evidence, action);
    }

    /** A second snapshot (or copy) of a volume's window, taken by a run that overlapped another. */
    static Finding duplicate(OnePerWindow.Duplicate duplicate, FindingAction action) {
        Managed extra = duplicate.snapshot();
        Map<String, Object> evidence = snapshotEvidence(extra);
        evidence.put("duplicateOf", duplicate.kept().id());
        evidence.put("snapshots", List.of(duplicate.kept().id(), extra.id()));
        String what = extra.isCopy() ? "copies" : "snapshots";
        return new Finding(Finding.stableId(DUPLICATE, extra.id()), DUPLICATE, Severity.LOW,
                extra.snapshot().region() + " holds two " + what + " of " + extra.volume() + " for window " + extra.takenAt() + " of plan "
                        + extra.plan() + ": " + duplicate.kept().id() + " (kept: the earliest completed) and " + extra.id(),
                extra.snapshot().resource(), evidence, action);
    }

    /** A run for a window the volume has moved past: it already has a snapshot of a later window. */
    static Finding superseded(Plan plan, Window window, Disk disk, Managed newer) {
        Map<String, Object> evidence = planEvidence(plan, window);
        evidence.put("volume", disk.id());
        evidence.put("newerSnapshot", newer.id());
        evidence.put("newerWindow", newer.takenAt().toString());
        return new Finding(Finding.stableId(SUPERSEDED, plan.name(), disk.id(), window.id()), SUPERSEDED, Severity.INFO,
                label(disk.resource()) + ": window " + window.id() + " of plan " + plan.name() + " is superseded by " + newer.id()
                        + " of window " + newer.takenAt(), disk.resource(), evidence,
                FindingAction.skipped(FindingAction.NONE, "nothing done for this volume: this run stands for an earlier firing than "
                        + "its newest snapshot's (a late retry or a replay)"));
    }

    static Finding overdue(Plan plan, Window previous, Disk disk, Optional<Managed> lastCompleted) {
        Map<String, Object> evidence = planEvidence(plan, previous);
        evidence.put("volume", disk.id());
        evidence.put("volumeCreatedAt", disk.createdAt().toString());
        evidence.put("lastCompletedSnapshot", lastCompleted.map(m -> m.id() + " (window " + m.takenAt() + ")").orElse("none"));
        return new Finding(Finding.stableId(OVERDUE, plan.name(), disk.id(), previous.id()), OVERDUE, Severity.HIGH,
                label(disk.resource()) + " has no completed snapshot of plan " + plan.name() + " since " + previous.id()
                        + ", the start of the previous window", disk.resource(), evidence,
                FindingAction.skipped(FindingAction.NONE, "this run takes the current window's snapshot if it has none"));
    }

    static Finding failed(Managed snapshot, FindingAction action) {
        Map<String, Object> evidence = snapshotEvidence(snapshot);
        return new Finding(Finding.stableId(FAILED, snapshot.id()), FAILED, Severity.HIGH,
                snapshot.id() + " of " + snapshot.volume() + " (plan " + snapshot.plan() + ", window " + snapshot.takenAt()
                        + ") failed: it holds no data", snapshot.snapshot().resource(), evidence, action);
    }

    /** A failure an event reported, for a snapshot that may be gone or not cloudwarden's. */
    static Finding jobFailed(String check, ResourceRef snapshot, Optional<Managed> managed, String source, String cause) {
        Map<String, Object> evidence = managed.map(SnapshotFindings::snapshotEvidence).orElseGet(LinkedHashMap::new);
        evidence.put("source", source);
        evidence.put("cause", cause);
        evidence.put("managedByPlan", managed.map(Managed::plan).orElse(""));
        String what = check.equals(COPY_FAILED) ? "copy " + snapshot.id() + " of " + source : snapshot.id() + " of " + source;
        return new Finding(Finding.stableId(check, snapshot.id()), check, Severity.HIGH,
                what + " failed" + (cause.isEmpty() ? "" : ": " + cause), snapshot, evidence,
                FindingAction.skipped(FindingAction.NONE, managed.isPresent()
                        ? "the next scheduled run takes (or copies) this window's snapshot again"
                        : "not a snapshot of a cloudwarden plan: reported only"));
    }

    static Finding copyDue(String plan, Snapshot source, String volume, CopyTarget target, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("plan", plan);
        evidence.put("source", source.id());
        evidence.put("sourceRegion", source.region());
        evidence.put("volume", volume);
        evidence.put("destinationRegion", target.region());
        target.encryptionKey().ifPresent(k -> evidence.put("encryptionKey", k));
        return new Finding(Finding.stableId(COPY_DUE, plan, source.id(), target.region()), COPY_DUE, Severity.INFO,
                source.id() + " of " + volume + " (plan " + plan + ") has no copy in " + target.region(), source.resource(), evidence, action);
    }

    static Finding copyFailed(Managed copy, FindingAction action) {
        Map<String, Object> evidence = snapshotEvidence(copy);
        return new Finding(Finding.stableId(COPY_FAILED, copy.id()), COPY_FAILED, Severity.HIGH,
                "copy " + copy.id() + " of " + copy.copyOf().orElse("?") + " in " + copy.snapshot().region() + " (plan " + copy.plan()
                        + ") failed: it holds no data", copy.snapshot().resource(), evidence, action);
    }

    static Finding expired(Managed snapshot, Retention retain, FindingAction action) {
        Map<String, Object> evidence = snapshotEvidence(snapshot);
        evidence.put("retain", describe(retain));
        return new Finding(Finding.stableId(EXPIRED, snapshot.id()), EXPIRED, Severity.INFO,
                (snapshot.isCopy() ? "copy " : "") + snapshot.id() + " of " + snapshot.volume() + " (plan " + snapshot.plan()
                        + ", window " + snapshot.takenAt() + ") is kept by no retention rule",
                snapshot.snapshot().resource(), evidence, action);
    }

    static Finding kept(Managed snapshot, Retention retain, String why) {
        Map<String, Object> evidence = snapshotEvidence(snapshot);
        evidence.put("retain", describe(retain));
        evidence.put("keptBecause", why);
        return new Finding(Finding.stableId(KEPT, snapshot.id()), KEPT, Severity.LOW,
                snapshot.id() + " of " + snapshot.volume() + " (plan " + snapshot.plan() + ") has expired but is kept: " + why,
                snapshot.snapshot().resource(), evidence, FindingAction.skipped(SnapshotAction.DELETE, "kept: " + why));
    }

    static Finding tagsIncomplete(Managed snapshot, Map<String, String> missing, FindingAction action) {
        Map<String, Object> evidence = snapshotEvidence(snapshot);
        evidence.put("missingTags", new TreeMap<>(missing));
        return new Finding(Finding.stableId(TAGS_INCOMPLETE, snapshot.id()), TAGS_INCOMPLETE, Severity.LOW,
                snapshot.id() + " of " + snapshot.volume() + " (plan " + snapshot.plan() + ") lacks " + String.join(", ", new TreeMap<>(missing).keySet()),
                snapshot.snapshot().resource(), evidence, action);
    }

    static Finding unprotected(Disk disk) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("volume", disk.id());
        evidence.put("attachedTo", disk.attachedTo());
        evidence.put("tags", new TreeMap<>(disk.resource().tags().values()));
        return new Finding(Finding.stableId(UNPROTECTED, disk.id()), UNPROTECTED, Severity.MEDIUM,
                label(disk.resource()) + " is selected by no snapshot plan", disk.resource(), evidence,
                FindingAction.skipped(FindingAction.NONE, "tag it for a plan, or list it under unprotectedVolumes.ignore"));
    }

    static Finding covered(Disk disk, List<String> plans) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("volume", disk.id());
        evidence.put("plans", plans);
        return new Finding(Finding.stableId(COVERED, disk.id()), COVERED, Severity.INFO,
                label(disk.resource()) + " is covered by snapshot plan" + (plans.size() == 1 ? " " : "s ") + String.join(", ", plans),
                disk.resource(), evidence, FindingAction.skipped(FindingAction.NONE, "its plans' next windows take it"));
    }

    private static Map<String, Object> planEvidence(Plan plan, Window window) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("plan", plan.name());
        evidence.put("schedule", plan.schedule().expression());
        evidence.put("timezone", plan.zone().getId());
        evidence.put("window", window.id());
        evidence.put("windowEnds", window.end().toString());
        return evidence;
    }

    private static Map<String, Object> snapshotEvidence(Managed snapshot) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("plan", snapshot.plan());
        evidence.put("snapshot", snapshot.id());
        evidence.put("region", snapshot.snapshot().region());
        evidence.put("volume", snapshot.volume());
        evidence.put("window", snapshot.window().map(Object::toString).orElse(""));
        evidence.put("state", snapshot.snapshot().state().name().toLowerCase(Locale.ROOT));
        evidence.put("startedAt", snapshot.snapshot().startedAt().toString());
        snapshot.copyOf().ifPresent(original -> evidence.put("copyOf", original));
        return evidence;
    }

    static String describe(Retention retain) {
        StringBuilder text = new StringBuilder();
        retain.count().ifPresent(n -> text.append("count ").append(n).append(", "));
        retain.maxAge().ifPresent(age -> text.append("maxAge ").append(RetentionRules.describe(age)).append(", "));
        retain.daily().ifPresent(n -> text.append("daily ").append(n).append(", "));
        retain.weekly().ifPresent(n -> text.append("weekly ").append(n).append(", "));
        retain.monthly().ifPresent(n -> text.append("monthly ").append(n).append(", "));
        return text.substring(0, text.length() - 2);
    }

    static String label(ResourceRef resource) {
        return resource.id() + (resource.name().isEmpty() || resource.name().equals(resource.id()) ? "" : " (" + resource.name() + ")");
    }
}
