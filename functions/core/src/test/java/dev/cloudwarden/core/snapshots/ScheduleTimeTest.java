package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.report.PlanWindow;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window comes from the schedule, not from the machine's clock: a scheduled event's time (the firing the run
 * stands for) picks the window, so a retry delivered after the next firing acts on its own window, and a delivery
 * whose window a volume has moved past does nothing for that volume and says so. {@code asOf} (the CLI's --at) runs
 * as of any moment. The report names the window each plan acted on.
 */
class ScheduleTimeTest extends LifecycleSpec {
    static final String SUPERSEDED = "snapshots.window-superseded";
    static final SnapshotLifecyclePolicy DAILY = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 2}
            """);

    @BeforeEach
    void twoSelectedVolumes() {
        cloud.put(disk("vol-a").tag("backup", "daily").build());
        cloud.put(disk("vol-b").tag("backup", "daily").build());
    }

    @Test
    void yesterdaysFiringDeliveredToday_takesYesterdaysWindow_forAVolumeThatHasNoNewerSnapshot() {
        put(daily("vol-a", 2));
        now = T; // today 10:00; the delivery stands for yesterday's 03:00 firing

        RunReport report = run(DAILY, SWEEP.withFiring(Instant.parse(YESTERDAY).plusSeconds(2)));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                .containsExactlyInAnyOrder(daysAgo(2), YESTERDAY);
        assertThat(report.windows()).containsExactly(new PlanWindow("daily", Instant.parse(YESTERDAY), Instant.parse(TODAY)));
        assertThat(ReportJson.toJson(report, false)).contains("\"windows\":[{\"plan\":\"daily\",\"start\":\"" + YESTERDAY
                + "\",\"end\":\"" + TODAY + "\"}]");
    }

    @Test
    void aRetryDeliveredAfterTheNextFiring_doesNothingForAVolumeThatMovedOn_andSaysSo() {
        put(daily("vol-a", 0), daily("vol-a", 2), daily("vol-a", 3));

        RunReport report = run(DAILY, SWEEP.withFiring(Instant.parse(YESTERDAY)));

        assertThat(finding(report, SUPERSEDED, "vol-a").action().reason()).contains("nothing done for this volume");
        assertThat(finding(report, SUPERSEDED, "vol-a").evidence()).containsEntry("newerSnapshot", "snap-a-d0")
                .containsEntry("window", YESTERDAY);
        assertThat(snapshotsOf(REGION, "vol-a")).as("neither yesterday's snapshot taken late, nor retention for a volume "
                + "whose window the run does not stand for").hasSize(3);
        assertThat(snapshotsOf(REGION, "vol-b")).singleElement()
                .satisfies(s -> assertThat(s.tags().get("cloudwarden:window")).contains(YESTERDAY));
    }

    @Test
    void withoutAFiring_theClocksWindowIsTaken_asBefore() {
        RunReport report = sweep(DAILY);

        assertThat(snapshotsOf(REGION, "vol-a")).singleElement()
                .satisfies(s -> assertThat(s.tags().get("cloudwarden:window")).contains(TODAY));
        assertThat(report.asOf()).isEmpty();
        assertThat(report.windows()).extracting(PlanWindow::start).containsExactly(Instant.parse(TODAY));
    }

    @Test
    void asOf_runsAsOfThatMoment_theWindowAndTheRetentionAges() {
        put(daily("vol-a", 0), daily("vol-a", 1));
        Instant inThreeDays = T.plus(Duration.ofDays(3));

        RunReport report = run(DAILY, SWEEP.withAsOf(inThreeDays));

        assertThat(report.asOf()).contains(inThreeDays);
        assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                .containsExactlyInAnyOrder(Instant.parse(TODAY).plus(Duration.ofDays(3)).toString(), TODAY);
        assertThat(ReportJson.toJson(report, false)).contains("\"asOf\":\"" + inThreeDays + "\"");
    }

    @Test
    void aSnapshotOfAFutureWindow_doesNotSupersedeTheWindowOfNow() {
        put(daily("vol-a", 0).window(TOMORROW));

        RunReport report = sweep(DAILY);

        assertThat(findings(report, SUPERSEDED)).isEmpty();
        assertThat(snapshotsOf(REGION, "vol-a")).extracting(s -> s.tags().get("cloudwarden:window").orElseThrow())
                .containsExactlyInAnyOrder(TOMORROW, TODAY);
    }
}
