package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;

import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.core.testing.SnapshotPolicies.SnapshotBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the snapshot-lifecycle specifications share: an in-memory AWS cloud in {@value #REGION} with a
 * disaster-recovery region {@value #DR}, a clock the tests move between runs (Monday 2026-11-30 10:00Z
 * unless moved), and lookups of what a run reported and left behind. Every report is checked against the
 * findings schema.
 */
abstract class LifecycleSpec {
    static final String REGION = Firewalls.REGION;
    static final String DR = "us-west-2";
    /** Monday 2026-11-30, 10:00Z: the daily plans' window began at 03:00Z. */
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    /** The window a run at {@link #T} falls in, as its tag names it. */
    static final String TODAY = "2026-11-30T03:00:00Z";
    static final String YESTERDAY = "2026-11-29T03:00:00Z";
    static final String TOMORROW = "2026-12-01T03:00:00Z";
    static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);
    static final RunRequest DRY_SWEEP = RunRequest.sweep(Trigger.SCHEDULE, true);

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

    final InMemoryCloud cloud = InMemoryCloud.holding();
    /** The clock of the next run, and the cloud's. */
    Instant now = T;

    RunReport sweep(SnapshotLifecyclePolicy policy) {
        return run(policy, SWEEP);
    }

    RunReport run(SnapshotLifecyclePolicy policy, RunRequest request) {
        return run(policy, false, request);
    }

    RunReport run(SnapshotLifecyclePolicy policy, boolean policyDryRun, RunRequest request) {
        cloud.clockAt(now);
        RunReport report = new SnapshotLifecycle(cloud, policy, policyDryRun, Clock.fixed(now, ZoneOffset.UTC)).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The start of the daily window {@code n} days before today's, as its tag names it. */
    static String daysAgo(int n) {
        return Instant.parse(TODAY).minus(Duration.ofDays(n)).toString();
    }

    /**
     * A completed snapshot plan {@code daily} took of {@code volume} in the window {@code n} days before today's,
     * named {@code snap-<volume without vol->-d<n>}: {@code daily("vol-a", 3)} is {@code snap-a-d3}.
     */
    static SnapshotBuilder daily(String volume, int n) {
        return snapshot(dailyId(volume, n)).of(volume).plan("daily").window(daysAgo(n));
    }

    static String dailyId(String volume, int n) {
        return "snap-" + volume.substring("vol-".length()) + "-d" + n;
    }

    void put(SnapshotBuilder... snapshots) {
        for (SnapshotBuilder s : snapshots) {
            cloud.put(s.build());
        }
    }

    /** The snapshots in {@code region} of {@code volume} (by the disk the cloud records, or by cloudwarden's volume tag). */
    List<Snapshot> snapshotsOf(String region, String volume) {
        return cloud.snapshotsIn(region).stream()
                .filter(s -> s.diskId().equals(volume) || s.tags().get("cloudwarden:volume").orElse("").equals(volume)).toList();
    }

    /** The one snapshot of {@code volume} in this region. */
    Snapshot onlySnapshotOf(String volume) {
        List<Snapshot> all = snapshotsOf(REGION, volume);
        if (all.size() != 1) {
            throw new AssertionError("expected one snapshot of " + volume + ", found " + all);
        }
        return all.getFirst();
    }

    Map<String, String> tagsOf(String region, String snapshotId) {
        return cloud.snapshot(region, snapshotId).tags().values();
    }

    /** The calls made so far that change snapshots, by operation; empty when nothing was changed. */
    Map<String, Long> writeCalls() {
        Map<String, Long> writes = new TreeMap<>(cloud.apiCalls().byOperation());
        writes.keySet().retainAll(InMemoryCloud.SNAPSHOT_WRITES);
        return writes;
    }

    static List<Finding> findings(RunReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    static Finding finding(RunReport report, String check, String resourceId) {
        List<Finding> matching = findings(report, check).stream().filter(f -> f.resource().id().equals(resourceId)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + check + " finding on " + resourceId + ", found " + matching.size()
                    + " in " + report.findings());
        }
        return matching.getFirst();
    }

    /** The findings whose action is not {@code none}. */
    static List<Finding> withActions(RunReport report) {
        return report.findings().stream().filter(f -> !f.action().kind().equals(FindingAction.NONE)).toList();
    }
}
