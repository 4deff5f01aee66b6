package dev.cloudwarden.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs started together against one account, as they happen in real life: the scheduled function and a run by hand (or
 * a retry) in us-east-1, and at the same instant us-west-2's function of the same policy, the two regions copying into
 * each other. Each trial starts the three at once, then one more run in each region; after it, the emulator must hold
 * exactly one snapshot per volume and window and one copy per volume and window, and every window {@code count: 3}
 * keeps. A proxy in front of moto slows DescribeSnapshots by a second, so that both us-east-1 runs read the estate
 * before either takes anything: the duplicates the issue measured really happen here, every trial.
 */
@ExtendWith(MotoExtension.class)
class ConcurrentSnapshotRunsTest {
    private static final String EAST = SnapshotEstate.REGION;
    private static final String WEST = SnapshotEstate.DR_REGION;
    /** Monday 2026-11-30 10:00Z; the daily plan's windows start at 03:00Z. */
    private static final Instant DAY_ONE = Instant.parse("2026-11-30T10:00:00Z");
    private static final int TRIALS = 3;
    private static final String POLICY = """
            version: 1
            cloud: aws
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 3}
                  copies:
                    - region: us-west-2
                    - region: us-east-1
            """;

    private final MotoServer moto;
    private SnapshotEstate estate;
    private WireMockServer slowReads;

    ConcurrentSnapshotRunsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void start() {
        estate = new SnapshotEstate(moto.endpoint());
        slowReads = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slowReads.start();
        slowReads.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        slowReads.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=DescribeSnapshots&"))
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withFixedDelay(1000)));
    }

    @AfterEach
    void stop() {
        slowReads.stop();
        estate.close();
    }

    @Test
    void threeRunsStartedTogether_thenOneMore_leaveOneSnapshotAndOneCopyPerVolumeAndWindow_andLoseNoKeptWindow() throws Exception {
        List<String> east = new ArrayList<>();
        List<String> west = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            east.add(estate.volume(EAST, Map.of("backup", "daily")));
        }
        for (int i = 0; i < 2; i++) {
            west.add(estate.volume(WEST, Map.of("backup", "daily")));
        }
        // two days of history, one run a day in each region
        for (int day = 0; day < 2; day++) {
            Instant at = DAY_ONE.plus(Duration.ofDays(day));
            assertThat(run(EAST, at, moto.endpoint()).status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(run(WEST, at, moto.endpoint()).status()).isEqualTo(RunStatus.COMPLETE);
        }

        int duplicatesSeen = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Instant at = DAY_ONE.plus(Duration.ofDays(2 + trial));
            List<RunReport> together = together(at);
            assertThat(together).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETE));
            String today = window(at);
            duplicatesSeen += (int) originals(EAST).stream().filter(s -> today.equals(s.tags().get("cloudwarden:window"))).count()
                    - east.size();

            RunReport eastAfter = run(EAST, at.plus(Duration.ofMinutes(5)), moto.endpoint());
            RunReport westAfter = run(WEST, at.plus(Duration.ofMinutes(5)), moto.endpoint());
            assertThat(List.of(eastAfter, westAfter)).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETE));

            List<String> kept = List.of(window(at.minus(Duration.ofDays(2))), window(at.minus(Duration.ofDays(1))), today);
            assertOnePerWindow("trial " + trial + ": originals in us-east-1", originals(EAST), east, kept);
            assertOnePerWindow("trial " + trial + ": originals in us-west-2", originals(WEST), west, kept);
            assertOnePerWindow("trial " + trial + ": copies in us-west-2", copies(WEST), east, kept);
            assertOnePerWindow("trial " + trial + ": copies in us-east-1", copies(EAST), west, kept);
        }
        assertThat(duplicatesSeen).as("the runs started together really each took the window's snapshot").isPositive();
    }

    /** The scheduled run and a run by hand in us-east-1, and us-west-2's scheduled run, started at the same instant. */
    private List<RunReport> together(Instant at) throws Exception {
        URI slow = URI.create(slowReads.baseUrl());
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<RunReport>> runs = new ArrayList<>();
            for (String region : List.of(EAST, EAST, WEST)) {
                runs.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return run(region, at, slow);
                }));
            }
            List<RunReport> reports = new ArrayList<>();
            for (Future<RunReport> run : runs) {
                reports.add(run.get(120, TimeUnit.SECONDS));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RunReport run(String region, Instant at, URI endpoint) {
        Policy policy = PolicyLoader.parse(POLICY, "test policy");
        return LocalAudit.run(policy, SnapshotLifecycle.OPERATION, ProviderConfig.of(region).withEndpoint(endpoint),
                RunRequest.sweep(Trigger.SCHEDULE, false), Clock.fixed(at, ZoneOffset.UTC));
    }

    /** Every volume has exactly one snapshot of each kept window, and none of another window. */
    private static void assertOnePerWindow(String what, List<SnapshotView> snapshots, List<String> volumes, List<String> windows) {
        Map<String, List<String>> windowsByVolume = new TreeMap<>(snapshots.stream().collect(Collectors.groupingBy(
                s -> s.tags().get("cloudwarden:volume"), Collectors.mapping(s -> s.tags().get("cloudwarden:window"), Collectors.toList()))));
        Map<String, List<String>> expected = new TreeMap<>();
        volumes.forEach(v -> expected.put(v, windows));
        assertThat(windowsByVolume).as(what).hasSameSizeAs(expected);
        expected.forEach((volume, kept) -> assertThat(windowsByVolume.get(volume)).as(what + ", " + volume)
                .containsExactlyInAnyOrderElementsOf(kept));
    }

    private List<SnapshotView> originals(String region) {
        return estate.snapshots(region).stream()
                .filter(s -> s.tags().containsKey("cloudwarden:plan") && !s.tags().containsKey("cloudwarden:copy-of")).toList();
    }

    private List<SnapshotView> copies(String region) {
        return estate.snapshots(region).stream().filter(s -> s.tags().containsKey("cloudwarden:copy-of")).toList();
    }

    /** The daily 03:00Z window holding {@code at}, as its tag names it. */
    private static String window(Instant at) {
        Instant start = at.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(3));
        return (start.isAfter(at) ? start.minus(Duration.ofDays(1)) : start).toString();
    }
}
