package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The snapshot lifecycle's bench: a retention sweep. V volumes, each with S snapshots of the plan taken one
 * a day up to the current window (so nothing is due), and a retention that keeps 3: the real run deletes
 * V × (S − 3) snapshots and should cost little more than the minimum, the paged describes at the largest
 * page sizes plus one DeleteSnapshot per deletion. Dry-run sweeps are timed against the bare paged reads
 * of the same data in the same run.
 */
final class SnapshotBench {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final int KEEP = 3;
    private static final String POLICY = """
            version: 1
            cloud: aws
            region: us-east-1
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: %d}
              blastRadius:
                maxChanges: 100000000
            """.formatted(KEEP);
    /** The largest pages: DescribeVolumes as the provider asks (its documented range stops at 500 in older models), DescribeSnapshots 1,000. */
    private static final int VOLUME_PAGE = 500;
    private static final int SNAPSHOT_PAGE = 1000;

    private SnapshotBench() {
    }

    static void run(MotoServer moto, int volumes, int snapshotsPerVolume, int runs, PrintWriter out, PrintWriter err) {
        Policy policy = PolicyLoader.parse(POLICY, "snapshot bench policy");
        ProviderConfig config = ProviderConfig.of(SnapshotEstate.REGION).withEndpoint(moto.endpoint());
        try (SnapshotEstate estate = new SnapshotEstate(moto.endpoint());
             Ec2Client baseline = BenchCommand.bareClient(Ec2Client.builder(), moto)) {
            err.printf("bench: seeding %d volumes with %d snapshots each…%n", volumes, snapshotsPerVolume);
            long s0 = System.nanoTime();
            seed(estate, volumes, snapshotsPerVolume);
            long seeding = System.nanoTime() - s0;

            List<Long> baselineTimes = new ArrayList<>();
            List<Long> sweep = new ArrayList<>();
            RunReport dry = null;
            int bare = 0;
            for (int i = 0; i <= runs; i++) { // run 0 warms both sides up and is not counted
                err.printf("bench: run %d of %d%s…%n", i, runs, i == 0 ? " (warm-up)" : "");
                long t0 = System.nanoTime();
                bare = bareReads(baseline);
                long t1 = System.nanoTime();
                dry = run(policy, config, true);
                long t2 = System.nanoTime();
                if (i > 0) {
                    baselineTimes.add(t1 - t0);
                    sweep.add(t2 - t1);
                }
            }
            if (dry.resourcesScanned() != bare) {
                throw new IllegalStateException("the bare reads saw " + bare + " volumes and snapshots, the sweep " + dry.resourcesScanned());
            }
            err.println("bench: one real run…");
            long a0 = System.nanoTime();
            RunReport real = run(policy, config, false);
            long apply = System.nanoTime() - a0;
            if (!real.complete()) {
                throw new IllegalStateException("the real run ended " + real.status().id() + ": " + real.error().orElse(""));
            }

            long deleted = real.findings().stream().filter(f -> f.action().kind().equals("delete-snapshot")
                    && f.action().status() == FindingAction.Status.APPLIED).count();
            long expected = (long) volumes * Math.max(0, snapshotsPerVolume - KEEP);
            long snapshots = (long) volumes * snapshotsPerVolume;
            long describePages = ceil(volumes, VOLUME_PAGE) + ceil(snapshots, SNAPSHOT_PAGE);
            long minimum = describePages + expected;
            // moto answers every describe in one page: project our calls onto EC2's paging for the same data
            Map<String, Long> calls = real.apiCalls().byOperation();
            long reads = calls.getOrDefault("ec2:DescribeVolumes", 0L) + calls.getOrDefault("ec2:DescribeSnapshots", 0L);
            long onEc2 = real.apiCalls().total() - reads + describePages;

            long b = BenchCommand.median(baselineTimes);
            long s = BenchCommand.median(sweep);
            out.printf("seeded                     %d volumes × %d snapshots in %.1f s%n", volumes, snapshotsPerVolume, seeding / 1e9);
            out.printf("resources scanned          %d (volumes and the plan's snapshots)%n", dry.resourcesScanned());
            out.printf("sweep wall time (median)   %d ms over %d dry runs, %d findings%n", s / 1_000_000, runs, dry.findings().size());
            out.printf("baseline: bare paged reads %d ms%n", b / 1_000_000);
            out.printf("ratio sweep / baseline     %.2f%n", (double) s / b);
            out.printf("real run                   %d ms, %d snapshots deleted (the policy implies %d)%n", apply / 1_000_000, deleted, expected);
            out.println();
            out.printf("%-28s %9s%n", "API calls by operation", "real run");
            new TreeMap<>(calls).forEach((op, n) -> out.printf("  %-26s %9d%n", op, n));
            out.printf("  %-26s %9d%n", "total", real.apiCalls().total());
            out.println();
            out.printf("minimum on EC2             %d = %d describe pages (%d volumes / %d, %d snapshots / %d) + %d deletions%n",
                    minimum, describePages, volumes, VOLUME_PAGE, snapshots, SNAPSHOT_PAGE, expected);
            out.printf("this sweep on EC2          %d (the calls above, with EC2's %d describe pages instead of moto's single pages)%n",
                    onEc2, describePages);
            out.printf("ratio to the minimum       %.4f%n", (double) onEc2 / minimum);
        }
    }

    private static RunReport run(Policy policy, ProviderConfig config, boolean dryRun) {
        return LocalAudit.run(policy, SnapshotLifecycle.OPERATION, config, RunRequest.sweep(Trigger.SCHEDULE, dryRun),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Each volume's snapshots one a day, the newest for today's window: nothing is due, only retention works. */
    private static void seed(SnapshotEstate estate, int volumes, int perVolume) {
        for (int v = 0; v < volumes; v++) {
            String volume = estate.volume(Map.of("backup", "daily"));
            for (int day = 0; day < perVolume; day++) {
                String window = Instant.parse("2026-11-30T03:00:00Z").minus(Duration.ofDays(day)).toString();
                estate.snapshot(SnapshotEstate.REGION, volume, Map.of("cloudwarden:plan", "daily", "cloudwarden:window", window,
                        "cloudwarden:volume", volume), "bench");
            }
        }
    }

    /** What any retention sweep must read at least: every volume, and every snapshot of the plan, at the largest pages. */
    private static int bareReads(Ec2Client ec2) {
        int seen = 0;
        for (var page : ec2.describeVolumesPaginator(r -> r.maxResults(VOLUME_PAGE))) {
            seen += page.volumes().size();
        }
        for (var page : ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(SNAPSHOT_PAGE)
                .filters(Filter.builder().name("tag-key").values("cloudwarden:plan").build()))) {
            seen += page.snapshots().size();
        }
        return seen;
    }

    private static long ceil(long n, int page) {
        return (n + page - 1) / page;
    }
}
