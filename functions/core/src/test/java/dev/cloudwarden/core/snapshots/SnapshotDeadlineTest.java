package dev.cloudwarden.core.snapshots;

import static dev.cloudwarden.core.testing.SnapshotPolicies.disk;
import static dev.cloudwarden.core.testing.SnapshotPolicies.snapshotPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run with a deadline (a Lambda invocation's time limit) starts no action at or after it: what it did is
 * reported done, what it did not start is reported as not started, the run is partial, and the next run
 * carries out the rest without doing anything twice.
 */
class SnapshotDeadlineTest extends LifecycleSpec {
    private static final SnapshotLifecyclePolicy DAILY = snapshotPolicy("""
            plans:
              - name: daily
                schedule: cron(0 3 * * ? *)
                select: {volumeTags: {backup: daily}}
                retain: {count: 7}
            """);

    @BeforeEach
    void fiveSelectedVolumes() {
        for (int i = 1; i <= 5; i++) {
            cloud.put(disk("vol-" + i).tag("backup", "daily").build());
        }
    }

    @Test
    void aDeadlineAlreadyPast_startsNothing_andSaysSoForEveryAction() {
        RunReport report = runUntil(T.minusSeconds(1), Duration.ZERO);

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).get().asString().contains("5 of 5 actions were not started before the deadline");
        assertThat(findings(report, DUE)).hasSize(5).allSatisfy(f -> {
            assertThat(f.action().status()).isEqualTo(Status.SKIPPED);
            assertThat(f.action().reason()).startsWith("not started: the run reached its deadline");
        });
        assertThat(writeCalls()).isEmpty();
    }

    @Test
    void aDeadlineReachedMidway_leavesTheRestToTheNextRun_whichTakesEachVolumeOnce() {
        // every reading of this clock is a minute later: the deadline falls between two creates
        RunReport first = runUntil(T.plus(Duration.ofMinutes(4)).plusSeconds(30), Duration.ofMinutes(1));

        assertThat(first.status()).isEqualTo(RunStatus.PARTIAL);
        long done = findings(first, DUE).stream().filter(f -> f.action().status() == Status.APPLIED).count();
        long notStarted = findings(first, DUE).stream().filter(f -> f.action().reason().startsWith("not started")).count();
        assertThat(done).isPositive();
        assertThat(notStarted).isPositive();
        assertThat(done + notStarted).isEqualTo(5);
        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(done);

        RunReport next = sweep(DAILY);

        assertThat(next.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.calls(InMemoryCloud.CREATE_SNAPSHOT)).isEqualTo(5);
        for (int i = 1; i <= 5; i++) {
            assertThat(snapshotsOf(REGION, "vol-" + i)).hasSize(1);
        }
    }

    private RunReport runUntil(Instant deadline, Duration tick) {
        cloud.clockAt(now);
        RunReport report = new SnapshotLifecycle(cloud, DAILY, false, new TickingClock(T, tick)).run(SWEEP.withDeadline(deadline));
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** A clock that moves {@code tick} forward every time it is read. */
    private static final class TickingClock extends Clock {
        private Instant next;
        private final Duration tick;

        TickingClock(Instant start, Duration tick) {
            this.next = start;
            this.tick = tick;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plus(tick);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
