package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.run.RunPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries out an agenda in the order that protects data first: snapshots are taken, then the tags a
 * crashed run left out are added, then copies are made (a snapshot this run took is copied at once when
 * it is already completed), and only then is anything deleted, unless the guard refused the deletions.
 * Every action ends applied, skipped or failed; one failure never stops the others.
 */
final class SnapshotApplier {
    private static final String FOUND_AFTER_LOST_ANSWER = "; its answer was lost, and a read found it by its tags";
    private static final String LOST_ANSWER = "; the answer was lost, so the snapshot may exist: it is never sent twice, "
            + "and the next run finds it by its tags instead of taking another";

    private final SnapshotOps snapshots;
    private final CloudNames names;
    private final Optional<Instant> deadline;
    private final Clock clock;

    /** @param deadline no action is started at or after it (a Lambda invocation's limit); the rest is reported as not started */
    SnapshotApplier(SnapshotOps snapshots, CloudNames names, Optional<Instant> deadline, Clock clock) {
        this.names = names;
        this.snapshots = snapshots;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** What this run made, as {@link SnapshotAction#made} keys: the deletions that wait for them may go. */
    private final Set<String> madeThisRun = new HashSet<>();

    /** Returns the agenda's findings with their outcomes, each followed by the copies its snapshots started. */
    List<Finding> apply(Agenda agenda, Optional<String> deletionRefusal) {
        Map<String, FindingAction> outcomes = new HashMap<>();
        Map<String, List<Finding>> followUps = new HashMap<>();
        for (SnapshotAction action : agenda.actions()) {
            switch (action) {
                case SnapshotAction.Create create -> outcomes.put(create.findingId(), inTime(SnapshotAction.CREATE)
                        .orElseGet(() -> create(create, followUps)));
                case SnapshotAction.CreateSet set -> outcomes.put(set.findingId(), inTime(SnapshotAction.CREATE_SET)
                        .orElseGet(() -> createSet(set, followUps)));
                default -> {
                }
            }
        }
        for (SnapshotAction action : agenda.actions()) {
            if (action instanceof SnapshotAction.Tag tag) {
                outcomes.put(tag.findingId(), inTime(SnapshotAction.TAG).orElseGet(() -> tag(tag)));
            }
        }
        for (SnapshotAction action : agenda.actions()) {
            if (action instanceof SnapshotAction.Copy copy) {
                outcomes.put(copy.findingId(), inTime(SnapshotAction.COPY).orElseGet(() -> copy(copy)));
            }
        }
        for (SnapshotAction action : agenda.actions()) {
            if (action instanceof SnapshotAction.Delete delete) {
                outcomes.put(delete.findingId(), deletionRefusal.map(r -> FindingAction.skipped(SnapshotAction.DELETE, r))
                        .or(() -> inTime(SnapshotAction.DELETE))
                        .orElseGet(() -> delete(delete)));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : agenda.findings()) {
            FindingAction outcome = outcomes.get(finding.id());
            findings.add(outcome == null ? finding : finding.withAction(outcome));
            findings.addAll(followUps.getOrDefault(finding.id(), List.of()));
        }
        return findings;
    }

    /** Empty while there is time to start an action; past the deadline, the outcome of an action not started. */
    private Optional<FindingAction> inTime(String kind) {
        if (deadline.isEmpty() || clock.instant().isBefore(deadline.get())) {
            return Optional.empty();
        }
        return Optional.of(RunPipeline.notStarted(kind, deadline.get()));
    }

    private FindingAction create(SnapshotAction.Create create, Map<String, List<Finding>> followUps) {
        Snapshot made;
        String found = "";
        try {
            made = snapshots.createSnapshot(create.disk(), create.plan().placement(), create.tags(), create.description());
        } catch (CloudException e) {
            Optional<Snapshot> taken = lostAnswer(e) ? foundByTags(create.disk().resource().region(), create.tags()).stream().findFirst()
                    : Optional.empty();
            if (taken.isEmpty()) {
                return failed(SnapshotAction.CREATE, e, true);
            }
            made = taken.get();
            found = FOUND_AFTER_LOST_ANSWER;
        }
        madeThisRun.add(SnapshotAction.made(create.disk().id(), made.region()));
        followUps.put(create.findingId(), copiesOf(List.of(made), create.plan().name(), create.window().id(), create.copyWhenCompleted()));
        return applied(SnapshotAction.CREATE, "took " + made.id() + " (" + state(made) + ")" + found);
    }

    private FindingAction createSet(SnapshotAction.CreateSet set, Map<String, List<Finding>> followUps) {
        List<Snapshot> answered;
        String found = "";
        try {
            answered = snapshots.createSnapshotSet(set.instance(), set.includeBootDisk(), set.plan().placement(), set.tags(),
                    set.description());
        } catch (CloudException e) {
            answered = lostAnswer(e) ? foundByTags(set.instance().resource().region(), set.tags()) : List.of();
            if (answered.isEmpty()) {
                return failed(SnapshotAction.CREATE_SET, e, true);
            }
            found = FOUND_AFTER_LOST_ANSWER;
        }
        List<Snapshot> made = answered;
        // the second call: each snapshot gets its own volume's tags, one write per distinct tag set
        Map<Map<String, String>, List<String>> byTags = new LinkedHashMap<>();
        for (Snapshot snapshot : made) {
            Map<String, String> tags = set.tagsByDisk().getOrDefault(snapshot.diskId(), Map.of(SnapshotTags.VOLUME, snapshot.diskId()));
            byTags.computeIfAbsent(tags, k -> new ArrayList<>()).add(snapshot.id());
        }
        List<String> untagged = new ArrayList<>();
        byTags.forEach((tags, ids) -> {
            try {
                TagWriteResult result = snapshots.tagSnapshots(made.getFirst().region(), ids, tags);
                result.failed().forEach((id, e) -> untagged.add(id + ": " + e.getMessage()));
            } catch (CloudException e) {
                ids.forEach(id -> untagged.add(id + ": " + e.getMessage()));
            }
        });
        made.forEach(s -> madeThisRun.add(SnapshotAction.made(s.diskId(), s.region())));
        List<Snapshot> tagged = made.stream().map(s -> withTags(s, set.tags(), set.tagsByDisk())).toList();
        followUps.put(set.findingId(), copiesOf(tagged, set.plan().name(), set.window().id(), set.copyWhenCompleted()));
        String took = "took " + made.stream().map(s -> s.id() + " of " + s.diskId()).collect(Collectors.joining(", ")) + found;
        if (!untagged.isEmpty()) {
            return new FindingAction(SnapshotAction.CREATE_SET, Status.FAILED, took + "; but their volume tags were not written ("
                    + String.join("; ", untagged) + "): the next run adds them");
        }
        return applied(SnapshotAction.CREATE_SET, took);
    }

    /**
     * The copies of snapshots this run took: made now for a completed snapshot, left to the snapshot's
     * completion event (or the next run) for a pending one.
     */
    private List<Finding> copiesOf(List<Snapshot> made, String plan, String window, List<CopyTarget> targets) {
        List<Finding> findings = new ArrayList<>();
        for (Snapshot snapshot : made) {
            for (CopyTarget target : targets) {
                FindingAction pending = FindingAction.planned(SnapshotAction.COPY, "");
                Finding due = SnapshotFindings.copyDue(plan, snapshot, snapshot.diskId(), target, pending);
                if (snapshot.state() != Snapshot.State.COMPLETED) {
                    findings.add(due.withAction(FindingAction.skipped(SnapshotAction.COPY, "deferred: " + snapshot.id()
                            + " is " + state(snapshot) + "; its completion event, or the next run, copies it")));
                    continue;
                }
                findings.add(due.withAction(inTime(SnapshotAction.COPY).orElseGet(() ->
                        copy(SnapshotPlanner.copyAction(due.id(), plan, snapshot, snapshot.diskId(), window, target, names)))));
            }
        }
        return findings;
    }

    private FindingAction copy(SnapshotAction.Copy copy) {
        Snapshot made;
        String found = "";
        try {
            made = snapshots.copySnapshot(copy.source(), copy.target().region(), copy.target().encryptionKey(), copy.tags(),
                    copy.description());
        } catch (CloudException e) {
            Optional<Snapshot> started = lostAnswer(e) ? foundByTags(copy.target().region(), copy.tags()).stream().findFirst()
                    : Optional.empty();
            if (started.isEmpty()) {
                return failed(SnapshotAction.COPY, e, true);
            }
            made = started.get();
            found = FOUND_AFTER_LOST_ANSWER;
        }
        madeThisRun.add(SnapshotAction.made(copy.volume(), copy.target().region()));
        return applied(SnapshotAction.COPY, "copy " + made.id() + " started in " + copy.target().region() + found);
    }

    /** A create or copy that got no answer may have happened: the cloud may have done it and lost only the answer. */
    private static boolean lostAnswer(CloudException e) {
        return e.kind() == CloudException.Kind.UNAVAILABLE;
    }

    /**
     * After a lost answer, the state read once instead of guessed: the snapshots in {@code region} that carry every one of
     * cloudwarden's own {@code tags} (the plan, the window, the volume or instance, the original of a copy) and have not
     * failed. Empty when there are none, or when the read fails too: the failure is then reported as it came.
     */
    private List<Snapshot> foundByTags(String region, Map<String, String> tags) {
        Map<String, String> own = SnapshotTags.own(tags);
        try {
            return snapshots.listSnapshots(region, SnapshotTags.PLAN).stream()
                    .filter(s -> s.state() != Snapshot.State.FAILED
                            && own.entrySet().stream().allMatch(e -> s.tags().get(e.getKey()).filter(e.getValue()::equals).isPresent()))
                    .toList();
        } catch (CloudException unreadable) {
            return List.of();
        }
    }

    private FindingAction tag(SnapshotAction.Tag tag) {
        try {
            TagWriteResult result = snapshots.tagSnapshots(tag.region(), List.of(tag.snapshotId()), tag.tags());
            if (!result.succeeded(tag.snapshotId())) {
                return failed(SnapshotAction.TAG, result.failed().get(tag.snapshotId()), false);
            }
            return applied(SnapshotAction.TAG, "added " + String.join(", ", tag.tags().keySet()));
        } catch (CloudException e) {
            return failed(SnapshotAction.TAG, e, false);
        }
    }

    private FindingAction delete(SnapshotAction.Delete delete) {
        Snapshot snapshot = delete.snapshot();
        if (delete.onlyAfter().isPresent() && !madeThisRun.contains(delete.onlyAfter().get())) {
            return FindingAction.skipped(SnapshotAction.DELETE, "kept: retention counted the " + (snapshot.tags().get(SnapshotTags.COPY_OF)
                    .isPresent() ? "copy" : "snapshot") + " this run was to make in " + snapshot.region()
                    + ", and the run did not make it (it failed, or waits for its original to complete)");
        }
        try {
            return snapshots.deleteSnapshot(snapshot.region(), snapshot.id())
                    ? applied(SnapshotAction.DELETE, "deleted " + snapshot.id() + " in " + snapshot.region())
                    : FindingAction.skipped(SnapshotAction.DELETE, snapshot.id() + " was already gone");
        } catch (CloudException e) {
            if (e.kind() == CloudException.Kind.CONFLICT) { // an image registered since the plan was made uses it
                return FindingAction.skipped(SnapshotAction.DELETE, "kept: the cloud refused the deletion as a conflict (" + e.getMessage() + ")");
            }
            return failed(SnapshotAction.DELETE, e, false);
        }
    }

    private static Snapshot withTags(Snapshot snapshot, Map<String, String> common, Map<String, Map<String, String>> byDisk) {
        Map<String, String> tags = new LinkedHashMap<>(byDisk.getOrDefault(snapshot.diskId(), Map.of()));
        tags.putAll(common);
        tags.putAll(snapshot.tags().values());
        var ref = snapshot.resource();
        return new Snapshot(new ResourceRef(ref.cloud(), ref.account(), ref.region(), ref.type(), ref.id(), ref.name(),
                Tags.of(tags)), snapshot.diskId(), snapshot.startedAt(), snapshot.state(), snapshot.description());
    }

    private static FindingAction applied(String kind, String reason) {
        return new FindingAction(kind, Status.APPLIED, reason);
    }

    /** {@code unsafeToRepeat}: a create or copy whose answer never came may have happened (no idempotency token exists). */
    private static FindingAction failed(String kind, CloudException e, boolean unsafeToRepeat) {
        boolean lost = unsafeToRepeat && e.kind() == CloudException.Kind.UNAVAILABLE;
        return new FindingAction(kind, Status.FAILED, e.getMessage() + (e.requestId().isEmpty() ? "" : " (request " + e.requestId() + ")")
                + (lost ? LOST_ANSWER : ""));
    }

    private static String state(Snapshot snapshot) {
        return snapshot.state().name().toLowerCase(Locale.ROOT);
    }
}
