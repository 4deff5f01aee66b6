package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.InMemoryCloud;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A sweep deletes the snapshots its plan owns and its retention no longer keeps, and nothing else: never
 * a snapshot of another plan or of none, never a volume's newest completed snapshot, a pending one, a
 * protected one or one an image uses. The blast radius caps how many one run deletes.
 */
class SnapshotRetentionTest extends LifecycleSpec {

    /** The daily plan over volumes tagged backup=daily, keeping what {@code retain} says. */
    static SnapshotLifecyclePolicy dailyKeeping(String retain) {
        return dailyKeeping(retain, "");
    }

    static SnapshotLifecyclePolicy dailyKeeping(String retain, String moreOfTheSection) {
        return snapshotPolicy("""
                plans:
                  - name: daily
                    schedule: cron(0 3 * * ? *)
                    select: {volumeTags: {backup: daily}}
                    retain: %s
                """.formatted(retain) + moreOfTheSection);
    }

    @Nested
    class WhatRetentionDeletes {

        @Test
        void countThreeOverFiveCompletedSnapshotsDeletesTheTwoOldest() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3), daily("vol-a", 4));

            RunReport report = sweep(dailyKeeping("{count: 3}"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1", "snap-a-d2");
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isEqualTo(2);
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isZero();
            assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("snap-a-d3", "snap-a-d4");
            assertThat(findings(report, EXPIRED)).allSatisfy(f -> {
                assertThat(f.action().kind()).isEqualTo("delete-snapshot");
                assertThat(f.action().status()).isEqualTo(Status.APPLIED);
            });
        }

        @Test
        void countCountsTheSnapshotThisRunTakes_countThreeLeavesThree() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3), daily("vol-a", 4));

            RunReport report = sweep(dailyKeeping("{count: 3}"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                    .containsExactlyInAnyOrder(TODAY, daysAgo(1), daysAgo(2));
        }

        @Test
        void aSnapshotThatCouldNotBeTakenIsNotCountedByRetention_nothingIsDeletedOnItsStrength() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3));
            cloud.failNext(InMemoryCloud.CREATE_SNAPSHOT, CloudException.Kind.ACCESS_DENIED);

            RunReport report = sweep(dailyKeeping("{count: 2}"));

            assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
            // without today's snapshot, count 2 keeps the two newest there are
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d1", "snap-a-d2");
        }

        @Test
        void retentionCountsEachVolumeOnItsOwn() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1), daily("vol-b", 0), daily("vol-b", 1), daily("vol-b", 2));

            sweep(dailyKeeping("{count: 2}"));

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1", "snap-b-d0", "snap-b-d1");
        }

        @Test
        void aMaxAgeEverySnapshotExceedsStillKeepsTheNewestCompletedOne() {
            // vol-a left the plan: no new snapshot comes, and the last one it has must stay
            cloud.put(disk("vol-a").tag("backup", "retired").build());
            put(daily("vol-a", 10), daily("vol-a", 11), daily("vol-a", 12), daily("vol-a", 9).failed());

            RunReport report = sweep(dailyKeeping("{maxAge: 7d}"));

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d10", "snap-a-d9");
            assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("snap-a-d11", "snap-a-d12");
        }

        @Test
        void aPendingSnapshotIsNeverDeleted() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0).pending(), daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3).pending());

            RunReport report = sweep(dailyKeeping("{count: 1}"));

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1", "snap-a-d3");
            assertThat(report.findings()).noneMatch(f -> f.resource().id().equals("snap-a-d0") || f.resource().id().equals("snap-a-d3"));
        }

        @Test
        void aProtectedSnapshotAndOneAnImageUsesAreKept_eachWithAFindingSayingWhy() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1).tag("cloudwarden:protect", "legal"), daily("vol-a", 2), daily("vol-a", 3));
            cloud.registerImage(REGION, "snap-a-d2", "ami-0abc");

            RunReport report = sweep(dailyKeeping("{count: 1}"));

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1", "snap-a-d2");
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isEqualTo(1);
            Finding protectedOne = finding(report, KEPT, "snap-a-d1");
            assertThat(protectedOne.action().status()).isEqualTo(Status.SKIPPED);
            assertThat(protectedOne.action().reason()).contains("protect tag", "cloudwarden:protect");
            Finding imageOne = finding(report, KEPT, "snap-a-d2");
            assertThat(imageOne.action().status()).isEqualTo(Status.SKIPPED);
            assertThat(imageOne.action().reason()).contains("image", "ami-0abc");
            assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id()).containsExactly("snap-a-d3");
        }

        @Test
        void theProtectTagIsTheOneThePolicyNames() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1).tag("legal-hold", "case-42"), daily("vol-a", 2).tag("cloudwarden:protect", "yes"));

            RunReport report = sweep(dailyKeeping("{count: 1}", "protectTags: {legal-hold: \"*\"}\n"));

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1");
            assertThat(finding(report, KEPT, "snap-a-d1").action().reason()).contains("legal-hold");
        }

        @Test
        void aFailedSnapshotCarryingTheProtectTagIsNeverDeletedEither() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1).failed().tag("cloudwarden:protect", "investigating"));

            sweep(dailyKeeping("{count: 7}"));

            assertThat(cloud.snapshotIdsIn(REGION)).contains("snap-a-d1");
        }

        @Test
        void snapshotsWithoutAPlanTagOrOfAnotherPlanAreNeverTouched() {
            SnapshotLifecyclePolicy dailyAndWeekly = snapshotPolicy("""
                    plans:
                      - name: daily
                        schedule: cron(0 3 * * ? *)
                        select: {volumeTags: {backup: daily}}
                        retain: {count: 1}
                      - name: weekly
                        schedule: cron(0 4 ? * SUN *)
                        select: {volumeTags: {archive: weekly}}
                        retain: {count: 5}
                    """);
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1),
                    snapshot("snap-manual").of("vol-a").startedAt("2020-01-01T00:00:00Z"),
                    snapshot("snap-by-hand").of("vol-a").window(daysAgo(30)),
                    snapshot("snap-old-plan").of("vol-a").plan("retired").window(daysAgo(40)),
                    snapshot("snap-old-plan-2").of("vol-a").plan("retired").window(daysAgo(41)),
                    snapshot("snap-weekly-1").of("vol-a").plan("weekly").window("2026-11-22T04:00:00Z"),
                    snapshot("snap-weekly-2").of("vol-a").plan("weekly").window("2026-11-15T04:00:00Z"));

            RunReport report = sweep(dailyAndWeekly);

            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-manual", "snap-by-hand",
                    "snap-old-plan", "snap-old-plan-2", "snap-weekly-1", "snap-weekly-2");
            assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id()).containsExactly("snap-a-d1");
        }

        @Test
        void aFailedSnapshotIsDeletedOnlyOnceALaterSnapshotOfTheSameVolumeCompleted() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
            put(daily("vol-a", 3), daily("vol-a", 2).failed(), daily("vol-a", 1).pending(),
                    daily("vol-b", 2).failed(), daily("vol-b", 1));

            RunReport report = sweep(dailyKeeping("{count: 7}"));

            assertThat(cloud.snapshotIdsIn(REGION)).contains("snap-a-d2").doesNotContain("snap-b-d2");
            Finding waiting = finding(report, FAILED, "snap-a-d2");
            assertThat(waiting.severity()).isEqualTo(Severity.HIGH);
            assertThat(waiting.action().kind()).isEqualTo(FindingAction.NONE);
            Finding superseded = finding(report, FAILED, "snap-b-d2");
            assertThat(superseded.action().kind()).isEqualTo("delete-snapshot");
            assertThat(superseded.action().status()).isEqualTo(Status.APPLIED);
        }

        @Test
        void snapshotsOfAVolumeThatNoLongerExistsStillFollowRetention_butTheNewestIsKept() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-gone", 1), daily("vol-gone", 2), daily("vol-gone", 3));

            RunReport report = sweep(dailyKeeping("{maxAge: 1d}"));

            assertThat(snapshotsOf(REGION, "vol-gone")).extracting(Snapshot::id).containsExactly("snap-gone-d1");
            assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id()).containsExactlyInAnyOrder("snap-gone-d2", "snap-gone-d3");
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(findings(report, DUE)).extracting(f -> f.resource().id()).containsExactly("vol-a");
        }

        @Test
        void aDeletionTheCloudRefusesAsAConflictIsSkippedWithTheReason() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1));
            // an image is registered from it between the plan and the deletion
            cloud.beforeNext(InMemoryCloud.DELETE_SNAPSHOT, () -> cloud.registerImage(REGION, "snap-a-d1", "ami-late"));

            RunReport report = sweep(dailyKeeping("{count: 1}"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1");
            FindingAction action = finding(report, EXPIRED, "snap-a-d1").action();
            assertThat(action.status()).isEqualTo(Status.SKIPPED);
            assertThat(action.reason()).contains("conflict", "ami-late");
        }

        @Test
        void aDeletionOfASnapshotAlreadyGoneIsSkippedAsAlreadyGone() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1));
            cloud.beforeNext(InMemoryCloud.DELETE_SNAPSHOT, () -> cloud.removeSnapshot(REGION, "snap-a-d1"));

            RunReport report = sweep(dailyKeeping("{count: 1}"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            FindingAction action = finding(report, EXPIRED, "snap-a-d1").action();
            assertThat(action.status()).isEqualTo(Status.SKIPPED);
            assertThat(action.reason()).contains("already gone");
        }
    }

    @Nested
    class BlastRadius {

        @Test
        void moreDeletionsThanMaxDeletionsAreRefused_butTheWindowsSnapshotIsStillTaken() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3), daily("vol-a", 4));

            RunReport report = sweep(dailyKeeping("{count: 2}", "blastRadius: {maxChanges: 1}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("blast radius", "maxChanges 1", "still taken"));
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isZero();
            assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
            assertThat(snapshotsOf(REGION, "vol-a")).hasSize(5);
            assertThat(finding(report, DUE, "vol-a").action().status()).isEqualTo(Status.APPLIED);
            assertThat(findings(report, EXPIRED)).hasSizeGreaterThan(1).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.SKIPPED);
                assertThat(f.action().reason()).contains("blast radius");
            });
        }

        @Test
        void asManyDeletionsAsMaxDeletionsGoAhead() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            put(daily("vol-a", 0), daily("vol-a", 1), daily("vol-a", 2), daily("vol-a", 3));

            RunReport report = sweep(dailyKeeping("{count: 2}", "blastRadius: {maxChanges: 2}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isEqualTo(2);
        }

        @Test
        void moreDeletionsThanMaxPercentOfTheManagedSnapshotsAreRefused() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
            for (int n = 0; n < 5; n++) {
                put(daily("vol-a", n), daily("vol-b", n));
            }

            // count 2 deletes 6 of the 10 managed snapshots: 60 %
            RunReport report = sweep(dailyKeeping("{count: 2}", "blastRadius: {maxPercent: 50}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("maxPercent 50"));
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isZero();
            assertThat(cloud.snapshotsIn(REGION)).hasSize(10);
        }

        @Test
        void anotherPlansSnapshotsDoNotWidenMaxPercent() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            for (int n = 0; n < 5; n++) {
                put(daily("vol-a", n), snapshot("snap-retired-" + n).of("vol-a").plan("retired").window(daysAgo(n)));
            }

            // count 3 deletes 2 of the 5 snapshots plan daily manages: 40 %, whatever the 5 of plan retired beside them
            RunReport report = sweep(dailyKeeping("{count: 3}", "blastRadius: {maxPercent: 30}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("2 of 5 snapshots", "maxPercent 30"));
            assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isZero();
            assertThat(cloud.snapshotsIn(REGION)).hasSize(10);
        }

        @Test
        void deletionsWithinMaxPercentGoAhead() {
            cloud.put(disk("vol-a").tag("backup", "daily").build());
            cloud.put(disk("vol-b").tag("backup", "daily").build());
            for (int n = 0; n < 5; n++) {
                put(daily("vol-a", n), daily("vol-b", n));
            }

            // count 3 deletes 4 of the 10 managed snapshots: 40 %
            RunReport report = sweep(dailyKeeping("{count: 3}", "blastRadius: {maxPercent: 40}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.snapshotsIn(REGION)).hasSize(6);
        }
    }
}
