package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.SnapshotPolicies.SnapshotBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each plan's newest snapshot of every volume is copied to its disaster-recovery regions, once, encrypted with
 * the region's key and tagged so that a later run recognises the copy; the copies follow their own retention
 * there.
 */
class SnapshotCopiesTest extends LifecycleSpec {

    /** The daily plan, copied to us-west-2 under the DR key, where two copies per volume are kept. */
    static final SnapshotLifecyclePolicy COPIED = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                copyTags: [team]
                retain: {count: 7}
                copies:
                  - region: us-west-2
                    kmsKeyId: alias/dr
                    retain: {count: 2}
            """);

    @BeforeEach
    void aSelectedVolume() {
        cloud.put(disk("vol-a").tag("backup", "daily").tag("team", "web").build());
    }

    @Test
    void aSnapshotTheSweepTookThatIsCompletedIsCopiedInTheSameRun_taggedAndEncrypted() {
        RunReport report = sweep(COPIED);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        String original = onlySnapshotOf("vol-a").id();
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(DR)).singleElement().satisfies(copy -> {
            assertThat(copy.tags().values()).isEqualTo(Map.of(
                    "cloudwarden:copy-of", original,
                    "cloudwarden:copy-of-region", REGION,
                    "cloudwarden:plan", "daily",
                    "cloudwarden:window", TODAY,
                    "cloudwarden:volume", "vol-a",
                    "team", "web"));
            assertThat(cloud.encryptionKeyOf(DR, copy.id())).contains("alias/dr");
        });
        Finding copyDue = finding(report, COPY_DUE, original);
        assertThat(copyDue.action().kind()).isEqualTo("copy-snapshot");
        assertThat(copyDue.action().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void aCopyCarriesTheOriginalsOwnTagsButNotItsCloudwardenTags() {
        put(daily("vol-a", 0).tag("team", "web").tag("ticket", "OPS-1").tag("cloudwarden:instance", "i-old"));

        sweep(COPIED);

        assertThat(cloud.snapshotsIn(DR)).singleElement().satisfies(copy -> assertThat(copy.tags().values())
                .containsEntry("team", "web").containsEntry("ticket", "OPS-1").doesNotContainKey("cloudwarden:instance")
                .containsEntry("cloudwarden:copy-of", "snap-a-d0").containsEntry("cloudwarden:window", TODAY));
    }

    @Test
    void aCopyWithoutAKeyIsMadeWithoutOne() {
        SnapshotLifecyclePolicy noKey = snapshotPolicy("""
                plans:
                  - name: daily
                    schedule: cron(0 3 * * ? *)
                    select: {volumeTags: {backup: daily}}
                    retain: {count: 7}
                    copies: [{region: us-west-2}]
                """);

        sweep(noKey);

        assertThat(cloud.snapshotsIn(DR)).singleElement().satisfies(copy -> assertThat(cloud.encryptionKeyOf(DR, copy.id())).isEmpty());
    }

    @Test
    void aSnapshotTheSweepTookThatIsStillPendingIsCopiedLater_theFindingSaysDeferred() {
        cloud.startNewSnapshotsAs(Snapshot.State.PENDING);

        RunReport report = sweep(COPIED);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isZero();
        assertThat(cloud.snapshotsIn(DR)).isEmpty();
        Finding copyDue = finding(report, COPY_DUE, onlySnapshotOf("vol-a").id());
        assertThat(copyDue.action().status()).isEqualTo(Status.SKIPPED);
        assertThat(copyDue.action().reason()).startsWith("deferred");
    }

    @Test
    void aDeferredCopyIsMadeByTheNextSweepOnceTheSnapshotCompleted() {
        cloud.startNewSnapshotsAs(Snapshot.State.PENDING);
        sweep(COPIED);
        String original = onlySnapshotOf("vol-a").id();
        cloud.finish(REGION, original, Snapshot.State.COMPLETED);
        cloud.startNewSnapshotsAs(Snapshot.State.COMPLETED);

        now = Instant.parse("2026-11-30T11:00:00Z");
        sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(DR)).singleElement()
                .satisfies(copy -> assertThat(copy.tags().get("cloudwarden:copy-of")).contains(original));
    }

    @Test
    void aSnapshotDeferredByOneSweepIsCopiedByTheNextWindowsSweep_whileThatSweepTakesItsOwnSnapshot() {
        // EBS starts every snapshot pending: each window's sweep finds it pending, and no completion event comes here
        cloud.startNewSnapshotsAs(Snapshot.State.PENDING);
        sweep(COPIED);
        String today = onlySnapshotOf("vol-a").id();
        cloud.finish(REGION, today, Snapshot.State.COMPLETED);

        now = Instant.parse("2026-12-01T10:00:00Z");
        sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(2);
        assertThat(cloud.snapshotsIn(DR)).singleElement()
                .satisfies(copy -> assertThat(copy.tags().get("cloudwarden:copy-of")).contains(today));
    }

    @Test
    void aCopyDeferredBecauseItsSnapshotIsPendingDoesNotCountTowardTheCopiesRetention() {
        put(daily("vol-a", 1), daily("vol-a", 2), copyOf("snap-a-d1", 1), copyOf("snap-a-d2", 2));
        cloud.startNewSnapshotsAs(Snapshot.State.PENDING);

        RunReport report = sweep(COPIED);

        assertThat(finding(report, COPY_DUE, onlySnapshotOfWindow(TODAY)).action().status()).isEqualTo(Status.SKIPPED);
        // no copy was made, so count 2 still keeps the two copies there are
        assertThat(cloud.snapshotIdsIn(DR)).containsExactlyInAnyOrder("snap-a-d1-dr", "snap-a-d2-dr");
    }

    @Test
    void aCopyWhoseAnswerWasLostIsFoundByItsTags_reportedStarted_andNotMadeAgainByTheNextSweep() {
        put(daily("vol-a", 0));
        cloud.loseAnswerOfNext(InMemoryCloud.COPY_SNAPSHOT);

        RunReport first = sweep(COPIED);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(finding(first, COPY_DUE, "snap-a-d0").action().status()).isEqualTo(Status.APPLIED);
        assertThat(finding(first, COPY_DUE, "snap-a-d0").action().reason())
                .startsWith("copy " + cloud.snapshotIdsIn(DR).getFirst() + " started in " + DR)
                .contains("its answer was lost, and a read found it by its tags");
        now = Instant.parse("2026-11-30T11:00:00Z");
        RunReport second = sweep(COPIED);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(DR)).hasSize(1);
    }

    @Test
    void anExistingNewestCompletedSnapshotWithoutACopyIsCopied() {
        put(daily("vol-a", 0).tag("team", "web"), daily("vol-a", 1));

        RunReport report = sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isZero();
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(DR)).singleElement().satisfies(copy -> assertThat(copy.tags().values())
                .containsEntry("cloudwarden:copy-of", "snap-a-d0").containsEntry("cloudwarden:window", TODAY));
        assertThat(finding(report, COPY_DUE, "snap-a-d0").action().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void aSnapshotThatHasACopyIsNotCopiedAgain() {
        put(daily("vol-a", 0), copyOf("snap-a-d0", 0));

        RunReport report = sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isZero();
        assertThat(findings(report, COPY_DUE)).isEmpty();
        assertThat(cloud.snapshotIdsIn(DR)).containsExactly("snap-a-d0-dr");
    }

    @Test
    void aCopyStillPendingCountsAsACopy() {
        put(daily("vol-a", 0), copyOf("snap-a-d0", 0).pending());

        sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isZero();
    }

    @Test
    void aSnapshotWhoseCopyFailedIsCopiedAgain() {
        put(daily("vol-a", 0), copyOf("snap-a-d0", 0).failed());

        RunReport report = sweep(COPIED);

        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(DR)).hasSize(2).filteredOn(s -> s.state() == Snapshot.State.COMPLETED).singleElement()
                .satisfies(copy -> assertThat(copy.tags().get("cloudwarden:copy-of")).contains("snap-a-d0"));
        assertThat(finding(report, COPY_FAILED, "snap-a-d0-dr").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aFailedCopyIsDeletedOnceALaterCopyOfItsOriginalCompleted() {
        put(daily("vol-a", 0), copyOf("snap-a-d0", 0).failed(),
                snapshot("snap-a-d0-dr2").in(DR).copyOf("snap-a-d0", REGION).plan("daily").window(TODAY).volume("vol-a"));

        RunReport report = sweep(COPIED);

        assertThat(cloud.snapshotIdsIn(DR)).containsExactly("snap-a-d0-dr2");
        assertThat(finding(report, COPY_FAILED, "snap-a-d0-dr").action().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void copiesFollowTheirOwnRetentionInTheirRegion_theOriginalsFollowThePlans() {
        for (int n = 0; n < 4; n++) {
            put(daily("vol-a", n), copyOf(dailyId("vol-a", n), n));
        }

        RunReport report = sweep(COPIED);

        assertThat(cloud.snapshotIdsIn(DR)).containsExactlyInAnyOrder("snap-a-d0-dr", "snap-a-d1-dr");
        assertThat(cloud.snapshotIdsIn(REGION)).containsExactlyInAnyOrder("snap-a-d0", "snap-a-d1", "snap-a-d2", "snap-a-d3");
        assertThat(findings(report, EXPIRED)).extracting(f -> f.resource().id(), f -> f.resource().region())
                .containsExactlyInAnyOrder(tuple("snap-a-d2-dr", DR),
                        tuple("snap-a-d3-dr", DR));
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isZero();
    }

    @Test
    void aCopyAnImageUsesInItsRegionIsKept() {
        for (int n = 0; n < 3; n++) {
            put(daily("vol-a", n), copyOf(dailyId("vol-a", n), n));
        }
        cloud.registerImage(DR, "snap-a-d2-dr", "ami-dr");

        RunReport report = sweep(COPIED);

        assertThat(cloud.snapshotIdsIn(DR)).containsExactlyInAnyOrder("snap-a-d0-dr", "snap-a-d1-dr", "snap-a-d2-dr");
        assertThat(finding(report, KEPT, "snap-a-d2-dr").action().reason()).contains("ami-dr");
    }

    /** One policy file serves the function of every region: in the copy region itself, that copy target means nothing. */
    @Test
    void aCopyAimedAtTheFunctionsOwnRegionIsIgnoredThere_theSnapshotIsStillTaken() {
        SnapshotLifecyclePolicy toItself = snapshotPolicy("""
                plans:
                  - name: daily
                    schedule: cron(0 3 * * ? *)
                    select: {volumeTags: {backup: daily}}
                    retain: {count: 7}
                    copies: [{region: eu-west-1}]
                """);

        RunReport report = sweep(toItself);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(snapshotsOf(REGION, "vol-a")).hasSize(1);
        assertThat(cloud.calls(InMemoryCloud.COPY_SNAPSHOT)).isZero();
        assertThat(report.findings()).noneMatch(f -> f.check().equals(COPY_DUE));
    }

    private String onlySnapshotOfWindow(String window) {
        return snapshotsOf(REGION, "vol-a").stream().filter(s -> s.tags().get("cloudwarden:window").orElse("").equals(window))
                .map(Snapshot::id).findFirst().orElseThrow();
    }

    /** A completed copy in us-west-2, named {@code <original>-dr}, of the daily snapshot taken {@code n} days ago. */
    private static SnapshotBuilder copyOf(String originalId, int n) {
        return snapshot(originalId + "-dr").in(DR).copyOf(originalId, REGION).plan("daily").window(daysAgo(n)).volume("vol-a");
    }
}
