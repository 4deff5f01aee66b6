package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.instance;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.JobResult.Job;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Events: a finished snapshot job copies the plan's new snapshots at once, a failed one is reported; a new
 * volume is reported as covered by a plan or unprotected, and nothing is changed for it.
 */
class SnapshotEventsTest extends LifecycleSpec {

    /** The daily plan, copied to two disaster-recovery regions. */
    static final SnapshotLifecyclePolicy COPIED_TWICE = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 7}
                copies:
                  - region: us-west-2
                    kmsKeyId: alias/dr
                  - region: eu-central-1
              - name: db
                schedule: cron(0 3 * * ? *)
                select: {instanceTags: {role: db}, excludeRootVolume: true}
                retain: {count: 7}
            unprotectedVolumes:
              ignore: {tags: {scratch: "*"}}
            """);

    static RunRequest jobFinished(Job job, boolean succeeded, String cause, Map<String, String> sources, String... ids) {
        return RunRequest.jobFinished(Trigger.EVENT, List.of(ids), new JobResult(job, "ec2:snapshot", succeeded, cause, sources), false);
    }

    static RunRequest snapshotSucceeded(String... ids) {
        return jobFinished(Job.SNAPSHOT, true, "", Map.of(), ids);
    }

    @Nested
    class SnapshotJobs {

        @Test
        void aFinishedSnapshotOfAPlanIsCopiedToEachOfItsCopyRegions() {
            put(daily("vol-a", 0).tag("team", "web"));

            RunReport report = run(COPIED_TWICE, snapshotSucceeded("snap-a-d0"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writeCalls()).isEqualTo(Map.of(InMemoryCloud.COPY_SNAPSHOT, 2L));
            assertThat(cloud.snapshotsIn(DR)).singleElement().satisfies(copy -> {
                assertThat(copy.tags().values()).containsEntry("cloudwarden:copy-of", "snap-a-d0")
                        .containsEntry("cloudwarden:copy-of-region", REGION).containsEntry("cloudwarden:plan", "daily")
                        .containsEntry("cloudwarden:window", TODAY).containsEntry("cloudwarden:volume", "vol-a")
                        .containsEntry("team", "web");
                assertThat(cloud.encryptionKeyOf(DR, copy.id())).contains("alias/dr");
            });
            assertThat(cloud.snapshotsIn("eu-central-1")).singleElement()
                    .satisfies(copy -> assertThat(cloud.encryptionKeyOf("eu-central-1", copy.id())).isEmpty());
            assertThat(findings(report, COPY_DUE)).hasSize(2).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        }

        @Test
        void aSnapshotAlreadyCopiedIsNotCopiedAgain() {
            put(daily("vol-a", 0),
                    snapshot("snap-a-d0-w").in(DR).copyOf("snap-a-d0", REGION).plan("daily").window(TODAY).volume("vol-a"),
                    snapshot("snap-a-d0-c").in("eu-central-1").copyOf("snap-a-d0", REGION).plan("daily").window(TODAY).volume("vol-a"));

            RunReport report = run(COPIED_TWICE, snapshotSucceeded("snap-a-d0"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writeCalls()).isEmpty();
            assertThat(report.findings()).isEmpty();
        }

        @Test
        void onlyTheRegionsWithoutACopyGetOne() {
            put(daily("vol-a", 0),
                    snapshot("snap-a-d0-w").in(DR).copyOf("snap-a-d0", REGION).plan("daily").window(TODAY).volume("vol-a"));

            run(COPIED_TWICE, snapshotSucceeded("snap-a-d0"));

            assertThat(writeCalls()).isEqualTo(Map.of(InMemoryCloud.COPY_SNAPSHOT, 1L));
            assertThat(cloud.snapshotsIn("eu-central-1")).hasSize(1);
            assertThat(cloud.snapshotIdsIn(DR)).containsExactly("snap-a-d0-w");
        }

        @Test
        void aSnapshotWithoutAPlanTagIsNotCopied() {
            put(snapshot("snap-manual").of("vol-a").tag("team", "web"));

            RunReport report = run(COPIED_TWICE, snapshotSucceeded("snap-manual"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writeCalls()).isEmpty();
            assertThat(cloud.snapshotsIn(DR)).isEmpty();
        }

        @Test
        void aSnapshotOfAPlanWithoutCopiesIsNotCopied() {
            put(snapshot("snap-db").of("vol-data").plan("db").window(TODAY));

            run(COPIED_TWICE, snapshotSucceeded("snap-db"));

            assertThat(writeCalls()).isEmpty();
        }

        @Test
        void eachSnapshotOfAFinishedSetIsCopied() {
            put(daily("vol-a", 0), daily("vol-b", 0));

            run(COPIED_TWICE, jobFinished(Job.SNAPSHOT_SET, true, "", Map.of(), "snap-a-d0", "snap-b-d0"));

            assertThat(cloud.snapshotsIn(DR)).extracting(s -> s.tags().get("cloudwarden:copy-of").orElseThrow())
                    .containsExactlyInAnyOrder("snap-a-d0", "snap-b-d0");
        }

        @Test
        void aFinishedSnapshotInADryRunIsOnlyPlannedForCopy() {
            put(daily("vol-a", 0));

            RunReport report = run(COPIED_TWICE, RunRequest.jobFinished(Trigger.EVENT, List.of("snap-a-d0"),
                    new JobResult(Job.SNAPSHOT, "ec2:snapshot", true, "", Map.of()), true));

            assertThat(writeCalls()).isEmpty();
            assertThat(findings(report, COPY_DUE)).hasSize(2).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                assertThat(f.action().reason()).startsWith("dry-run");
            });
        }

        @Test
        void aFailedSnapshotJobIsReportedHigh_evenForASnapshotUnknownHere() {
            put(daily("vol-a", 0).failed());

            RunReport report = run(COPIED_TWICE, jobFinished(Job.SNAPSHOT, false, "The snapshot failed because of an internal error",
                    Map.of("snap-a-d0", "vol-a", "snap-elsewhere", "vol-x"), "snap-a-d0", "snap-elsewhere"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writeCalls()).isEmpty();
            assertThat(findings(report, FAILED)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("snap-a-d0", "snap-elsewhere");
            assertThat(findings(report, FAILED)).allSatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
                assertThat(f.title()).contains("internal error");
                assertThat(f.action().kind()).isEqualTo(FindingAction.NONE);
            });
            Finding unknown = finding(report, FAILED, "snap-elsewhere");
            assertThat(unknown.evidence()).containsEntry("source", "vol-x").containsEntry("managedByPlan", "");
            assertThat(finding(report, FAILED, "snap-a-d0").evidence()).containsEntry("managedByPlan", "daily");
        }

        @Test
        void aFailedCopyJobIsReportedAsAFailedCopy() {
            RunReport report = run(COPIED_TWICE, jobFinished(Job.COPY, false, "KMS key not accessible",
                    Map.of("snap-copy", "arn:aws:ec2::123456789012:snapshot/snap-a-d0"), "snap-copy"));

            Finding failed = finding(report, COPY_FAILED, "snap-copy");
            assertThat(failed.severity()).isEqualTo(Severity.HIGH);
            assertThat(findings(report, FAILED)).isEmpty();
            assertThat(writeCalls()).isEmpty();
        }

        @Test
        void aSucceededCopyJobNeedsNothingMore() {
            put(snapshot("snap-copy").copyOf("snap-a-d0", DR).plan("daily").window(TODAY).volume("vol-a"));

            RunReport report = run(COPIED_TWICE, jobFinished(Job.COPY, true, "", Map.of("snap-copy", "snap-a-d0"), "snap-copy"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writeCalls()).isEmpty();
        }
    }

    @Nested
    class NewVolumes {

        @Test
        void aNewVolumeAPlanSelectsIsReportedCovered_andNothingIsChanged() {
            cloud.put(disk("vol-new").tag("backup", "daily").build());

            RunReport report = run(COPIED_TWICE, RunRequest.resources(Trigger.EVENT, List.of("vol-new"), Optional.empty(), false));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            Finding covered = finding(report, COVERED, "vol-new");
            assertThat(covered.severity()).isEqualTo(Severity.INFO);
            assertThat(covered.evidence()).containsEntry("plans", List.of("daily"));
            assertThat(findings(report, UNPROTECTED)).isEmpty();
            assertThat(writeCalls()).isEmpty();
            assertThat(cloud.snapshotsIn(REGION)).isEmpty();
        }

        @Test
        void aNewVolumeNoPlanSelectsIsReportedUnprotected() {
            cloud.put(disk("vol-new").tag("team", "web").build());

            RunReport report = run(COPIED_TWICE, RunRequest.resources(Trigger.EVENT, List.of("vol-new"), Optional.empty(), false));

            assertThat(finding(report, UNPROTECTED, "vol-new").severity()).isEqualTo(Severity.MEDIUM);
            assertThat(findings(report, COVERED)).isEmpty();
            assertThat(writeCalls()).isEmpty();
        }

        @Test
        void aNewVolumeAttachedToAnInstanceAnInstancePlanSelectsIsCovered_butNotItsExcludedRootVolume() {
            cloud.put(instance("i-db").tag("role", "db").boot("vol-root").disks("vol-data").build());
            cloud.put(disk("vol-root").attachedTo("i-db").build());
            cloud.put(disk("vol-data").attachedTo("i-db").build());

            RunReport report = run(COPIED_TWICE, RunRequest.resources(Trigger.EVENT, List.of("vol-data", "vol-root"), Optional.empty(), false));

            assertThat(finding(report, COVERED, "vol-data").evidence()).containsEntry("plans", List.of("db"));
            assertThat(findings(report, UNPROTECTED)).extracting(f -> f.resource().id()).containsExactly("vol-root");
            assertThat(writeCalls()).isEmpty();
        }

        @Test
        void aNewIgnoredVolumeIsNotReported_andAVolumeAlreadyGoneIsNotEither() {
            cloud.put(disk("vol-tmp").tag("scratch", "yes").build());

            RunReport report = run(COPIED_TWICE, RunRequest.resources(Trigger.EVENT, List.of("vol-tmp", "vol-gone"), Optional.empty(), false));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writeCalls()).isEmpty();
        }
    }
}
