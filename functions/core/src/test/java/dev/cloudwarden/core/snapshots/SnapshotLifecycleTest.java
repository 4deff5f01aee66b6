package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.instance;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sweep takes each selected volume's snapshot for the current window exactly once, however often it runs
 * in that window, tagged so that later runs recognise it; reports what no plan protects and what is overdue;
 * and in dry-run only shows what it would do.
 */
class SnapshotLifecycleTest extends LifecycleSpec {

    /** Volumes tagged backup=daily, one snapshot a day at 03:00Z, their team tag inherited. */
    static final SnapshotLifecyclePolicy DAILY = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                copyTags: [team]
                retain: {count: 7}
            """);

    /** Each instance tagged role=db, its volumes as one crash-consistent set, their team tag inherited. */
    static final SnapshotLifecyclePolicy DB_SETS = snapshotPolicy("""
            plans:
              - name: db
                schedule: cron(0 3 * * ? *)
                select: {instanceTags: {role: db}}
                copyTags: [team]
                retain: {count: 7}
            """);

    @Nested
    class TakingTheWindowsSnapshots {

        @Test
        void takesOneSnapshotPerSelectedVolume_taggedWithPlanWindowVolumeAndTheCopiedTags() {
            cloud.put(disk("vol-a").tag("backup", "daily").tag("team", "web").tag("env", "prod").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());

            RunReport report = sweep(DAILY);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
            assertThat(onlySnapshotOf("vol-a").tags().values()).isEqualTo(Map.of(
                    "cloudwarden:plan", "daily", "cloudwarden:window", TODAY, "cloudwarden:volume", "vol-a", "team", "web"));
            assertThat(onlySnapshotOf("vol-b").tags().values()).isEqualTo(Map.of(
                    "cloudwarden:plan", "daily", "cloudwarden:window", TODAY, "cloudwarden:volume", "vol-b"));
            assertThat(findings(report, DUE)).extracting(f -> f.resource().id(), f -> f.action().kind(), f -> f.action().status())
                    .containsExactlyInAnyOrder(tuple("vol-a", "create-snapshot", Status.APPLIED), tuple("vol-b", "create-snapshot", Status.APPLIED));
        }

        @Test
        void neverSnapshotsAVolumeThePlanDoesNotSelect() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-weekly").tag("backup", "weekly").build());
            cloud.put(disk("vol-bare").build());

            sweep(DAILY);

            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactly("vol-a");
        }

        @Test
        void aSelectionByAnyValueTakesEveryVolumeCarryingTheKey() {
            SnapshotLifecyclePolicy anyBackup = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: "*"}}
                        retain: {count: 7}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "yes").build());
            cloud.put(disk("vol-c").tag("Backup", "daily").build());

            sweep(anyBackup);

            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactlyInAnyOrder("vol-a", "vol-b");
        }

        @Test
        void copyTagsStarCopiesEveryVolumeTagButAwsAndCloudwardensOwn() {
            SnapshotLifecyclePolicy allTags = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        copyTags: ["*"]
                        retain: {count: 7}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").tag("team", "web").tag("aws:cloudformation:stack-name", "web")
                    .tag("cloudwarden:plan", "forged").tag("cloudwarden:marked-for-op", "stop@2026-12-01").build());

            sweep(allTags);

            assertThat(onlySnapshotOf("vol-a").tags().values()).isEqualTo(Map.of("backup", "daily", "team", "web",
                    "cloudwarden:plan", "daily", "cloudwarden:window", TODAY, "cloudwarden:volume", "vol-a"));
        }

        @Test
        void reportsEachVolumeNoPlanSelects_exceptThoseIgnoredByIdOrTag() {
            SnapshotLifecyclePolicy ignoring = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 7}
                    unprotectedVolumes:
                      ignore:
                        volumeIds: [vol-swap]
                        tags: {scratch: "*"}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-logs").tag("team", "web").attachedTo("i-web").build());
            cloud.put(disk("vol-swap").build());
            cloud.put(disk("vol-cache").tag("scratch", "yes").build());

            RunReport report = sweep(ignoring);

            assertThat(findings(report, UNPROTECTED)).extracting(f -> f.resource().id()).containsExactly("vol-logs");
            Finding unprotected = finding(report, UNPROTECTED, "vol-logs");
            assertThat(unprotected.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(unprotected.action().kind()).isEqualTo(FindingAction.NONE);
            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactly("vol-a");
        }

        @Test
        void reportsNoUnprotectedVolume_whenThePolicySaysNotTo() {
            SnapshotLifecyclePolicy quiet = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 7}
                    unprotectedVolumes: {report: false}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-logs").build());

            RunReport report = sweep(quiet);

            assertThat(findings(report, UNPROTECTED)).isEmpty();
        }

        @Test
        void takesNothing_whenTheScheduleHasNotFiredYet() {
            // first firing 2027-01-01, a month after this test's clock (a schedule that first fires more than a
            // year after the policy is loaded is refused at load)
            SnapshotLifecyclePolicy from2027 = snapshotPolicy("""
                    plans:
                      - name: later
                        schedule: cron(0 3 1 1 ? 2027-2099)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 7}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());

            RunReport report = sweep(from2027);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.snapshotsIn(REGION)).isEmpty();
            assertThat(findings(report, UNPROTECTED)).isEmpty();
        }
    }

    @Nested
    class OnceAWindow {
        @BeforeEach
        void twoSelectedVolumes() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
        }

        @Test
        void takesOneSnapshotPerVolume_whenTheSameWindowRunsThreeTimes() {
            RunReport first = sweep(DAILY);
            now = Instant.parse("2026-11-30T18:00:00Z");
            RunReport second = sweep(DAILY);
            now = Instant.parse("2026-12-01T02:59:59Z");
            RunReport third = sweep(DAILY);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
            assertThat(cloud.snapshotsIn(REGION)).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                    .containsExactly(TODAY, TODAY);
            assertThat(findings(first, DUE)).hasSize(2);
            assertThat(findings(second, DUE)).isEmpty();
            assertThat(findings(third, DUE)).isEmpty();
            assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(RunStatus.COMPLETE);
        }

        @Test
        void takesOneMoreSnapshotPerVolume_inTheNextWindow() {
            sweep(DAILY);
            now = Instant.parse(TOMORROW);
            sweep(DAILY);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(4);
            assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                    .containsExactlyInAnyOrder(TODAY, TOMORROW);
            assertThat(snapshotsOf(REGION, "vol-b")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                    .containsExactlyInAnyOrder(TODAY, TOMORROW);
        }

        @Test
        void aSnapshotStillPendingCountsAsTheWindowsSnapshot() {
            cloud.startNewSnapshotsAs(Snapshot.State.PENDING);

            sweep(DAILY);
            now = Instant.parse("2026-11-30T11:00:00Z");
            sweep(DAILY);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
        }

        @Test
        void aFailedSnapshotOfTheWindowIsTakenAgain() {
            put(daily("vol-a", 0).failed(), daily("vol-b", 0));

            sweep(DAILY);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(snapshotsOf(REGION, "vol-a")).extracting(Snapshot::state)
                    .containsExactlyInAnyOrder(Snapshot.State.FAILED, Snapshot.State.COMPLETED);
        }

        @Test
        void aSnapshotOfAnotherPlanOrWithoutWindowDoesNotCountAsThisPlansWindowSnapshot() {
            put(snapshot("snap-other").of("vol-a").plan("weekly").window(TODAY),
                    snapshot("snap-manual").of("vol-b").startedAt("2026-11-30T04:00:00Z"));

            sweep(DAILY);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
        }

        @Test
        void findingIdsAreStable_theSameVolumeAndWindowGiveTheSameIdInEveryRun() {
            String morning = finding(run(DAILY, DRY_SWEEP), DUE, "vol-a").id();
            now = Instant.parse("2026-11-30T22:00:00Z");
            String evening = finding(run(DAILY, DRY_SWEEP), DUE, "vol-a").id();
            now = Instant.parse("2026-12-01T10:00:00Z");
            String nextDay = finding(run(DAILY, DRY_SWEEP), DUE, "vol-a").id();

            assertThat(evening).isEqualTo(morning);
            assertThat(nextDay).isNotEqualTo(morning);
            assertThat(finding(run(DAILY, DRY_SWEEP), DUE, "vol-b").id()).isNotEqualTo(nextDay);
        }

        @Test
        void aCreateThatFailedIsRetriedByTheNextRunUnderTheSameFindingId() {
            cloud.failNext(InMemoryCloud.CREATE_SNAPSHOT, CloudException.Kind.ACCESS_DENIED);

            RunReport first = sweep(DAILY);
            now = Instant.parse("2026-11-30T11:00:00Z");
            RunReport second = sweep(DAILY);

            assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
            List<Finding> failed = findings(first, DUE).stream().filter(f -> f.action().status() == Status.FAILED).toList();
            assertThat(failed).singleElement().satisfies(f -> assertThat(f.action().reason()).doesNotContain("answer was lost"));
            String volume = failed.getFirst().resource().id();
            assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(finding(second, DUE, volume).id()).isEqualTo(failed.getFirst().id());
            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactlyInAnyOrder("vol-a", "vol-b");
        }
    }

    @Nested
    class InstanceSets {
        @BeforeEach
        void aDatabaseInstanceWithThreeVolumesAndAWebInstance() {
            cloud.put(instance("i-db").tag("role", "db").boot("vol-root").disks("vol-data1", "vol-data2").build());
            cloud.put(disk("vol-root").tag("team", "db").attachedTo("i-db").build());
            cloud.put(disk("vol-data1").tag("team", "db").tag("tier", "hot").attachedTo("i-db").build());
            cloud.put(disk("vol-data2").tag("team", "dba").attachedTo("i-db").build());
            cloud.put(instance("i-web").tag("role", "web").boot("vol-web").build());
            cloud.put(disk("vol-web").attachedTo("i-web").build());
        }

        @Test
        void takesOneSetPerSelectedInstance_thenTagsEachSnapshotWithItsOwnVolume() {
            RunReport report = sweep(DB_SETS);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isZero();
            assertThat(cloud.calls(InMemoryCloud.TAG_SNAPSHOTS)).isEqualTo(3);
            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactlyInAnyOrder("vol-root", "vol-data1", "vol-data2");
            assertThat(onlySnapshotOf("vol-data1").tags().values()).isEqualTo(Map.of("cloudwarden:plan", "db", "cloudwarden:window", TODAY,
                    "cloudwarden:instance", "i-db", "cloudwarden:volume", "vol-data1", "team", "db"));
            assertThat(onlySnapshotOf("vol-data2").tags().values()).containsEntry("cloudwarden:volume", "vol-data2")
                    .containsEntry("team", "dba");
            Finding due = finding(report, DUE, "i-db");
            assertThat(due.action().kind()).isEqualTo("create-snapshot-set");
            assertThat(due.action().status()).isEqualTo(Status.APPLIED);
        }

        @Test
        void excludeRootVolumeLeavesTheBootVolumeOutOfTheSet() {
            SnapshotLifecyclePolicy dataOnly = snapshotPolicy("""
                    plans:
                      - name: db
                        schedule: cron(0 3 * * ? *)
                        select: {instanceTags: {role: db}, excludeRootVolume: true}
                        retain: {count: 7}
                    """);

            sweep(dataOnly);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(cloud.snapshotsIn(REGION)).extracting(Snapshot::diskId).containsExactlyInAnyOrder("vol-data1", "vol-data2");
        }

        @Test
        void whenTheSecondCallFailsTheRunIsPartial_andTheNextSweepAddsTheMissingTagsWithoutANewSnapshot() {
            cloud.failNext(InMemoryCloud.TAG_SNAPSHOTS, CloudException.Kind.THROTTLED);

            RunReport first = sweep(DB_SETS);

            assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(finding(first, DUE, "i-db").action().status()).isEqualTo(Status.FAILED);
            List<Snapshot> untagged = cloud.snapshotsIn(REGION).stream().filter(s -> s.tags().get("cloudwarden:volume").isEmpty()).toList();
            assertThat(untagged).hasSize(1);
            String snapshotId = untagged.getFirst().id();

            now = Instant.parse("2026-11-30T11:00:00Z");
            RunReport second = sweep(DB_SETS);

            assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isZero();
            assertThat(cloud.snapshotsIn(REGION)).hasSize(3);
            String disk = cloud.snapshot(REGION, snapshotId).diskId();
            assertThat(tagsOf(REGION, snapshotId)).containsEntry("cloudwarden:volume", disk).containsKey("team")
                    .containsEntry("cloudwarden:window", TODAY);
            Finding incomplete = finding(second, TAGS_INCOMPLETE, snapshotId);
            assertThat(incomplete.action().kind()).isEqualTo("tag-snapshot");
            assertThat(incomplete.action().status()).isEqualTo(Status.APPLIED);
            assertThat(findings(second, DUE)).isEmpty();
        }

        @Test
        void aSetOfWhichSomeVolumesAlreadyHaveTheWindowsSnapshotTakesOnlyTheMissingOnes_oneByOne() {
            put(snapshot("snap-data1").of("vol-data1").plan("db").window(TODAY).tag("team", "db"));

            RunReport report = sweep(DB_SETS);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isZero();
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
            assertThat(snapshotsOf(REGION, "vol-data1")).extracting(Snapshot::id).containsExactly("snap-data1");
            assertThat(onlySnapshotOf("vol-root").tags().values()).containsEntry("cloudwarden:window", TODAY)
                    .containsEntry("cloudwarden:volume", "vol-root");
            assertThat(onlySnapshotOf("vol-data2").tags().values()).containsEntry("cloudwarden:window", TODAY);
        }

        @Test
        void takesOneSetPerInstance_whenTheSameWindowRunsTwice() {
            sweep(DB_SETS);
            now = Instant.parse("2026-11-30T12:00:00Z");
            RunReport second = sweep(DB_SETS);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(cloud.calls(InMemoryCloud.TAG_SNAPSHOTS)).isEqualTo(3);
            assertThat(withActions(second)).isEmpty();
        }
    }

    @Nested
    class LostAnswers {

        @Test
        void aCreateWhoseAnswerWasLostIsNeverSentTwice_aReadFindsTheSnapshotByItsTags_andReportsItTaken() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.loseAnswerOfNext(InMemoryCloud.CREATE_SNAPSHOT);

            RunReport first = sweep(DAILY);

            assertThat(first.status()).isEqualTo(RunStatus.COMPLETE);
            FindingAction action = finding(first, DUE, "vol-a").action();
            assertThat(action.status()).isEqualTo(Status.APPLIED);
            assertThat(action.reason()).startsWith("took " + onlySnapshotOf("vol-a").id())
                    .contains("its answer was lost, and a read found it by its tags");
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(onlySnapshotOf("vol-a").tags().values()).containsEntry("cloudwarden:window", TODAY);

            now = Instant.parse("2026-11-30T10:05:00Z");
            RunReport second = sweep(DAILY);

            assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(snapshotsOf(REGION, "vol-a")).hasSize(1);
        }

        @Test
        void aCreateThatGotNoAnswerAndMadeNothing_isReportedFailed_neverSentTwice_andTheNextSweepTakesIt() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.failNext(InMemoryCloud.CREATE_SNAPSHOT, CloudException.Kind.UNAVAILABLE);

            RunReport first = sweep(DAILY);

            assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
            FindingAction action = finding(first, DUE, "vol-a").action();
            assertThat(action.status()).isEqualTo(Status.FAILED);
            assertThat(action.reason()).contains("the answer was lost", "never sent twice");
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(snapshotsOf(REGION, "vol-a")).isEmpty();

            now = Instant.parse("2026-11-30T10:05:00Z");
            assertThat(sweep(DAILY).status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(snapshotsOf(REGION, "vol-a")).hasSize(1);
        }

        @Test
        void aSetWhoseAnswerWasLostIsNeverSentTwice_theSameRunFindsItAndAddsTheVolumeTags() {
            cloud.put(instance("i-db").tag("role", "db").boot("vol-root").disks("vol-data").build());
            cloud.put(disk("vol-root").attachedTo("i-db").build());
            cloud.put(disk("vol-data").tag("team", "db").attachedTo("i-db").build());
            cloud.loseAnswerOfNext(InMemoryCloud.CREATE_SNAPSHOT_SET);

            RunReport first = sweep(DB_SETS);

            assertThat(first.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(finding(first, DUE, "i-db").action().reason()).contains("its answer was lost, and a read found it by its tags");
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(onlySnapshotOf("vol-data").tags().values()).containsEntry("cloudwarden:volume", "vol-data").containsEntry("team", "db");
            assertThat(onlySnapshotOf("vol-root").tags().values()).containsEntry("cloudwarden:volume", "vol-root");

            now = Instant.parse("2026-11-30T10:05:00Z");
            RunReport second = sweep(DB_SETS);

            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT_SET)).isEqualTo(1);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isZero();
            assertThat(findings(second, TAGS_INCOMPLETE)).isEmpty();
        }
    }

    @Nested
    class Overdue {

        @Test
        void aVolumeWithoutACompletedSnapshotSinceThePreviousWindowBeganIsOverdue() {
            cloud.put(disk("vol-late").tag("backup", "daily").build());
            put(daily("vol-late", 2));
            cloud.put(disk("vol-never").tag("backup", "daily").build());
            cloud.put(disk("vol-ok").tag("backup", "daily").build());
            put(daily("vol-ok", 1));

            RunReport report = sweep(DAILY);

            assertThat(findings(report, OVERDUE)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("vol-late", "vol-never");
            assertThat(finding(report, OVERDUE, "vol-late").severity()).isEqualTo(Severity.HIGH);
            assertThat(finding(report, OVERDUE, "vol-late").evidence()).containsEntry("window", YESTERDAY);
        }

        @Test
        void aSnapshotOfThePreviousWindowStillPendingOrFailedDoesNotCount() {
            cloud.put(disk("vol-slow").tag("backup", "daily").build());
            put(daily("vol-slow", 1).pending());
            cloud.put(disk("vol-broken").tag("backup", "daily").build());
            put(daily("vol-broken", 1).failed());

            RunReport report = sweep(DAILY);

            assertThat(findings(report, OVERDUE)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("vol-slow", "vol-broken");
        }

        @Test
        void aVolumeCreatedAfterThePreviousWindowBeganIsNotOverdue() {
            cloud.put(disk("vol-new").tag("backup", "daily").createdAt("2026-11-29T12:00:00Z").build());
            cloud.put(disk("vol-then").tag("backup", "daily").createdAt(YESTERDAY).build());

            RunReport report = sweep(DAILY);

            assertThat(findings(report, OVERDUE)).isEmpty();
        }

        @Test
        void aVolumeCreatedJustBeforeThePreviousWindowBeganIsOverdue() {
            cloud.put(disk("vol-older").tag("backup", "daily").createdAt("2026-11-29T02:59:00Z").build());

            RunReport report = sweep(DAILY);

            assertThat(findings(report, OVERDUE)).extracting(f -> f.resource().id()).containsExactly("vol-older");
        }
    }

    @Nested
    class DryRun {
        static final SnapshotLifecyclePolicy EVERYTHING_TO_DO = snapshotPolicy("""
                plans:
                  - name: daily
                    schedule: cron(0 3 * * ? *)
                    select: {volumeTags: {backup: daily}}
                    copyTags: [team]
                    retain: {count: 2}
                    copies:
                      - region: us-west-2
                """);

        /** vol-a needs today's snapshot; vol-b has it but without its team tag, no copy yet, and two snapshots too many. */
        @BeforeEach
        void aSnapshotToTakeOneToTagOneToCopyAndTwoToDelete() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").tag("team", "web").build());
            put(daily("vol-b", 0), daily("vol-b", 1), daily("vol-b", 2), daily("vol-b", 3));
        }

        @Test
        void aDryRunRequestChangesNothingAndShowsEveryActionPlanned() {
            List<Snapshot> before = cloud.snapshotsIn(REGION);

            RunReport report = run(EVERYTHING_TO_DO, DRY_SWEEP);

            assertNothingChangedAndEverythingPlanned(report, before);
        }

        @Test
        void aDryRunPolicyChangesNothingWhateverTheRequestSays() {
            List<Snapshot> before = cloud.snapshotsIn(REGION);

            RunReport report = run(EVERYTHING_TO_DO, true, SWEEP);

            assertNothingChangedAndEverythingPlanned(report, before);
        }

        @Test
        void aDryRunShowsTheGuardsRefusalInTheDeletionsReasons() {
            SnapshotLifecyclePolicy oneDeletion = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 2}
                    blastRadius: {maxChanges: 1}
                    """);

            RunReport report = run(oneDeletion, DRY_SWEEP);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(findings(report, EXPIRED)).hasSize(2).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                assertThat(f.action().reason()).startsWith("dry-run").contains("blast radius", "maxChanges 1");
            });
            assertThat(finding(report, DUE, "vol-a").action().reason()).startsWith("dry-run").doesNotContain("blast radius");
            assertThat(writeCalls()).isEmpty();
        }

        private void assertNothingChangedAndEverythingPlanned(RunReport report, List<Snapshot> before) {
            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.dryRun()).isTrue();
            assertThat(writeCalls()).isEmpty();
            assertThat(cloud.snapshotsIn(REGION)).isEqualTo(before);
            assertThat(cloud.snapshotsIn(DR)).isEmpty();
            List<Finding> planned = report.findings().stream().filter(f -> f.action().status() == Status.PLANNED).toList();
            assertThat(planned).extracting(f -> f.action().kind()).containsExactlyInAnyOrder(
                    "create-snapshot", "tag-snapshot", "copy-snapshot", "delete-snapshot", "delete-snapshot");
            assertThat(planned).allSatisfy(f -> assertThat(f.action().reason()).startsWith("dry-run"));
            assertThat(withActions(report)).allSatisfy(f -> assertThat(f.action().status()).isNotIn(Status.APPLIED, Status.FAILED));
        }
    }

    @Nested
    class Failures {

        @ParameterizedTest
        @ValueSource(strings = {InMemoryCloud.LIST_DISKS, InMemoryCloud.LIST_SNAPSHOTS, InMemoryCloud.IMAGE_SNAPSHOTS})
        void aFailedDiscoveryFailsTheRunAndChangesNothing(String call) {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
            for (int n = 1; n <= 9; n++) {
                put(daily("vol-b", n));
            }
            List<Snapshot> before = cloud.snapshotsIn(REGION);
            cloud.failNext(call, CloudException.Kind.THROTTLED);

            RunReport report = sweep(DAILY);

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("discovery failed"));
            assertThat(report.findings()).isEmpty();
            assertThat(writeCalls()).isEmpty();
            assertThat(cloud.snapshotsIn(REGION)).isEqualTo(before);
        }

        @Test
        void aFailedDiscoveryInTheCopyRegionFailsTheRunToo() {
            SnapshotLifecyclePolicy copied = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 7}
                        copies: [{region: us-west-2}]
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.beforeNext(InMemoryCloud.LIST_SNAPSHOTS, () -> cloud.failNext(InMemoryCloud.LIST_SNAPSHOTS, CloudException.Kind.UNAVAILABLE));

            RunReport report = sweep(copied);

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(cloud.calls(InMemoryCloud.LIST_SNAPSHOTS)).isEqualTo(2);
            assertThat(writeCalls()).isEmpty();
        }
    }
}
