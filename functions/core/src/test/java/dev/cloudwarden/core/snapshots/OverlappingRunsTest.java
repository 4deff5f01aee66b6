package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.SnapshotPolicies;
import dev.cloudwarden.core.testing.SnapshotPolicies.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs overlap in real life (a retry beside the next schedule, a run by hand, two regions' functions), and two that
 * start together can each take a window's snapshot and each copy it. Retention counts windows, never snapshots: a
 * second snapshot of a window never pushes an older window out. The next run reports the duplicate and reduces it to
 * one, keeping the earliest completed, never a protected or image-backed one.
 */
class OverlappingRunsTest extends LifecycleSpec {
    static final String DUPLICATE = "snapshots.duplicate";

    /** The daily plan keeping three windows, copied to us-west-2 where two are kept. */
    static final SnapshotLifecyclePolicy COUNT_THREE = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 3}
                copies:
                  - region: us-west-2
                    retain: {count: 2}
            protectTags: {keep: "*"}
            """);

    @BeforeEach
    void aSelectedVolume() {
        cloud.put(disk("vol-a").tag("backup", "daily").build());
    }

    @Nested
    class RetentionCountsWindows {

        @Test
        void twoSnapshotsOfTodaysWindow_doNotPushTheOldestKeptWindowOut_theLaterOneIsDeletedAsADuplicate() {
            put(daily("vol-a", 2), daily("vol-a", 1),
                    daily("vol-a", 0).startedAt("2026-11-30T03:00:05Z"),
                    snapshot("snap-a-d0-again", 0).startedAt("2026-11-30T03:00:07Z"));

            RunReport report = sweep(COUNT_THREE);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d2", "snap-a-d1", "snap-a-d0");
            assertThat(findings(report, EXPIRED)).isEmpty();
            Finding duplicate = finding(report, DUPLICATE, "snap-a-d0-again");
            assertThat(duplicate.severity()).isEqualTo(Severity.LOW);
            assertThat(duplicate.title()).contains("snap-a-d0", "snap-a-d0-again", TODAY);
            assertThat(duplicate.evidence()).containsEntry("duplicateOf", "snap-a-d0")
                    .containsEntry("snapshots", List.of("snap-a-d0", "snap-a-d0-again"));
            assertThat(duplicate.action().kind()).isEqualTo("delete-snapshot");
            assertThat(duplicate.action().status()).isEqualTo(Status.APPLIED);
            assertThat(findings(report, DUE)).as("the window has its snapshot").isEmpty();
        }

        @Test
        void theEarliestStartedCompletedSnapshotStays_whateverTheIdsOrTheListingOrder() {
            put(daily("vol-a", 1),
                    snapshot("snap-0-first", 0).startedAt("2026-11-30T03:00:01Z"),
                    snapshot("snap-z-second", 0).startedAt("2026-11-30T03:00:02Z"),
                    snapshot("snap-m-third", 0).startedAt("2026-11-30T03:00:03Z"));

            RunReport report = sweep(COUNT_THREE);

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d1", "snap-0-first");
            assertThat(findings(report, DUPLICATE)).extracting(f -> f.resource().id())
                    .containsExactlyInAnyOrder("snap-z-second", "snap-m-third");
        }

        @Test
        void aPendingSnapshotStandsForItsWindowUntilOneCompletes_noDuplicateWhileNoneHasCompleted() {
            put(daily("vol-a", 1), snapshot("snap-p1", 0).pending(), snapshot("snap-p2", 0).pending());

            RunReport report = sweep(COUNT_THREE);

            assertThat(findings(report, DUPLICATE)).isEmpty();
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d1", "snap-p1", "snap-p2");
        }

        @Test
        void aPendingDuplicateOfACompletedWindowIsReportedAndKept_untilItCompletes() {
            put(daily("vol-a", 0).startedAt("2026-11-30T03:00:01Z"), snapshot("snap-late", 0).pending().startedAt("2026-11-30T03:00:02Z"));

            RunReport report = sweep(COUNT_THREE);

            assertThat(finding(report, DUPLICATE, "snap-late").action().status()).isEqualTo(Status.SKIPPED);
            assertThat(finding(report, DUPLICATE, "snap-late").action().reason()).contains("pending");
            assertThat(cloud.snapshotIdsIn(REGION)).contains("snap-late");

            cloud.finish(REGION, "snap-late", Snapshot.State.COMPLETED);
            sweep(COUNT_THREE);
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactly("snap-a-d0");
        }

        @Test
        void aProtectedOrImageBackedDuplicateIsKept_withAFindingThatSaysWhy() {
            put(daily("vol-a", 0).startedAt("2026-11-30T03:00:01Z"),
                    snapshot("snap-kept", 0).tag("keep", "yes").startedAt("2026-11-30T03:00:02Z"),
                    snapshot("snap-ami", 0).startedAt("2026-11-30T03:00:03Z"));
            cloud.registerImage(REGION, "snap-ami", "ami-1");

            RunReport report = sweep(COUNT_THREE);

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-kept", "snap-ami");
            assertThat(finding(report, DUPLICATE, "snap-kept").action().reason()).contains("protect tag keep");
            assertThat(finding(report, DUPLICATE, "snap-ami").action().reason()).contains("ami-1");
            assertThat(cloud.calls("ec2:DeleteSnapshot")).isZero();
        }

        @Test
        void aDuplicateDeletionCountsAgainstTheBlastRadius() {
            SnapshotLifecyclePolicy tight = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 3}
                    blastRadius: {maxChanges: 1}
                    """);
            put(daily("vol-a", 0).startedAt("2026-11-30T03:00:01Z"), snapshot("snap-x", 0).startedAt("2026-11-30T03:00:02Z"),
                    snapshot("snap-y", 0).startedAt("2026-11-30T03:00:03Z"));

            RunReport report = sweep(tight);

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(cloud.snapshotIdsIn(REGION)).hasSize(3);
        }
    }

    @Nested
    class Copies {

        @Test
        void twoCopiesOfOneSource_areReducedToTheEarliestCompleted() {
            put(daily("vol-a", 0));
            put(copy("snap-copy-1", "snap-a-d0", 0).startedAt("2026-11-30T03:10:00Z"),
                    copy("snap-copy-2", "snap-a-d0", 0).startedAt("2026-11-30T03:10:01Z"));

            RunReport report = sweep(COUNT_THREE);

            assertThat(cloud.snapshotIdsIn(DR)).containsExactly("snap-copy-1");
            assertThat(finding(report, DUPLICATE, "snap-copy-2").title()).contains("copies", DR);
            assertThat(findings(report, COPY_DUE)).isEmpty();
        }

        @Test
        void copiesOfTwoSnapshotsOfOneWindow_leaveOneCopy_andNoFurtherCopyIsMade() {
            put(daily("vol-a", 0).startedAt("2026-11-30T03:00:01Z"), snapshot("snap-b", 0).startedAt("2026-11-30T03:00:02Z"));
            put(copy("snap-copy-of-b", "snap-b", 0).startedAt("2026-11-30T03:10:00Z"),
                    copy("snap-copy-of-a", "snap-a-d0", 0).startedAt("2026-11-30T03:10:01Z"));

            sweep(COUNT_THREE);
            RunReport again = sweep(COUNT_THREE);

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactly("snap-a-d0");
            assertThat(cloud.snapshotIdsIn(DR)).containsExactly("snap-copy-of-b");
            assertThat(cloud.calls("ec2:CopySnapshot")).isZero();
            assertThat(withActions(again)).isEmpty();
        }

        @Test
        void aWindowTheCopyRegionHoldsAlready_isCountedOnceWhenTheRunCopiesItAgain_andPushesNoOlderWindowOut() {
            // today's original was deleted by hand; its copy stays in us-west-2, beside yesterday's
            put(daily("vol-a", 1));
            put(copy("snap-copy-d0", "snap-deleted-by-hand", 0), copy("snap-copy-d1", "snap-a-d1", 1));

            sweep(COUNT_THREE); // takes today's window again, and copies it at once

            assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                    .containsExactlyInAnyOrder(TODAY, YESTERDAY);
            // the copies keep two windows, today's and yesterday's, whatever the number of today's copies
            assertThat(cloud.snapshotIdsIn(DR)).contains("snap-copy-d0", "snap-copy-d1");
        }

        @Test
        void aFinishedSnapshotsEvent_makesNoCopyWhenItsWindowIsCopiedAlready_fromAnotherSnapshotOfIt() {
            put(daily("vol-a", 0).startedAt("2026-11-30T03:00:01Z"), snapshot("snap-b", 0).startedAt("2026-11-30T03:00:02Z"));
            put(copy("snap-copy-of-a", "snap-a-d0", 0));

            run(COUNT_THREE, RunRequest.jobFinished(Trigger.EVENT, List.of("snap-b"),
                    new JobResult(JobResult.Job.SNAPSHOT, "ec2:snapshot", true, "", Map.of("snap-b", "vol-a")), false));

            assertThat(cloud.calls("ec2:CopySnapshot")).isZero();
        }
    }

    /** A completed snapshot of plan daily of {@code vol-a} for the window {@code n} days before today's. */
    static SnapshotBuilder snapshot(String id, int n) {
        return SnapshotPolicies.snapshot(id).of("vol-a").plan("daily").window(daysAgo(n));
    }

    /** A completed copy in us-west-2 of {@code original}, of {@code vol-a}'s window {@code n} days before today's. */
    static SnapshotBuilder copy(String id, String original, int n) {
        return SnapshotPolicies.snapshot(id).in(DR).plan("daily").window(daysAgo(n)).volume("vol-a")
                .copyOf(original, REGION);
    }
}
