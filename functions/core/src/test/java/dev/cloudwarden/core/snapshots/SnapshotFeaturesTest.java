package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshot;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.cloudwarden.api.SnapshotOps.SnapshotFeatures;
import dev.cloudwarden.api.SnapshotPlacement;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operation asks what the cloud's snapshots can do ({@link SnapshotFeatures}) instead of assuming EC2: a plan that
 * needs what the cloud lacks is refused before the first run, and what the cloud does not have is never called.
 */
class SnapshotFeaturesTest extends LifecycleSpec {
    private static final SnapshotLifecyclePolicy COPIED = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 7}
                copies: [{region: us-west-2}]
            """);

    @Test
    void aPlanWithCopies_isRefusedOnACloudWhoseSnapshotsCannotBeCopiedAcrossRegions() {
        cloud.withSnapshotFeatures(new SnapshotFeatures(true, false, true));

        assertThatIllegalStateException().isThrownBy(() -> new SnapshotLifecycle(cloud, COPIED, false, Clock.fixed(T, ZoneOffset.UTC)))
                .withMessage("snapshot plan daily copies to [us-west-2], but aws snapshots cannot be copied to another region");
    }

    @Test
    void aPlanOfInstanceSets_isRefusedOnACloudWithoutSnapshotSets() {
        cloud.withSnapshotFeatures(new SnapshotFeatures(false, true, true));

        assertThatIllegalStateException().isThrownBy(() -> new SnapshotLifecycle(cloud, SnapshotLifecycleTest.DB_SETS, false,
                        Clock.fixed(T, ZoneOffset.UTC)))
                .withMessage("snapshot plan db snapshots instances as crash-consistent sets, but aws takes no snapshot sets: select volumes instead");
    }

    @Test
    void imagesAreNeverAskedAbout_whereTheCloudsImagesHoldNoSnapshots_evenWhenSnapshotsExpire() {
        cloud.withSnapshotFeatures(new SnapshotFeatures(true, true, false));
        volumeWithEightDailySnapshots();

        RunReport report = sweep(SnapshotLifecycleTest.DAILY);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isEqualTo(2);
        assertThat(cloud.calls(InMemoryCloud.IMAGE_SNAPSHOTS)).isZero();
    }

    @Test
    void withEverything_imagesAreAskedBeforeADeletion_soThatASnapshotAnImageHoldsIsKept() {
        volumeWithEightDailySnapshots();

        sweep(SnapshotLifecycleTest.DAILY);

        assertThat(cloud.calls(InMemoryCloud.DELETE_SNAPSHOT)).isEqualTo(2);
        assertThat(cloud.calls(InMemoryCloud.IMAGE_SNAPSHOTS)).isPositive();
    }

    private static final SnapshotLifecyclePolicy PLACED = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 7}
                placement: {group: rg-backups}
            """);

    @Test
    void aPlanThatPlacesItsSnapshots_isRefusedOnACloudWhoseSnapshotsLiveWhereTheirDiskIs() {
        assertThatIllegalStateException().isThrownBy(() -> new SnapshotLifecycle(cloud, PLACED, false, Clock.fixed(T, ZoneOffset.UTC)))
                .withMessage("snapshot plan daily places its snapshots (group rg-backups), but aws snapshots live where their disk is: "
                        + "leave placement out");
    }

    /** An Azure plan names the resource group its snapshots are made in: the provider is told, with every snapshot. */
    @Test
    void whereTheCloudPlacesSnapshots_eachIsTakenWhereThePlanSays() {
        cloud.withSnapshotFeatures(new SnapshotFeatures(true, true, false, true, false));
        cloud.put(disk("vol-a").tag("backup", "daily").build());

        RunReport report = sweep(PLACED);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(1);
        assertThat(cloud.snapshotsIn(REGION)).singleElement().satisfies(snapshot -> assertThat(cloud.placementOf(snapshot.id()))
                .isEqualTo(new SnapshotPlacement(Optional.of("rg-backups"), List.of())));
    }

    /** Today's run takes a ninth: a count of 7 then expires the two oldest. */
    private void volumeWithEightDailySnapshots() {
        cloud.put(disk("vol-a").tag("backup", "daily").build());
        for (int day = 1; day <= 8; day++) {
            cloud.put(snapshot("snap-" + day).of("vol-a").plan("daily").window(daysAgo(day)).startedAt(daysAgo(day)).build());
        }
    }
}
