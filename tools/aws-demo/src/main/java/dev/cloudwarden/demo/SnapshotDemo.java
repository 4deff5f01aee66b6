package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.cli.TextSummary;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot part of the demo, with a clock the demo moves: a window's snapshots taken and copied to
 * the disaster-recovery region, the same run retried twice taking nothing, then four more days during
 * which retention prunes the oldest snapshots in both regions.
 */
final class SnapshotDemo {
    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

    private SnapshotDemo() {
    }

    /** Returns true when every step did what the policy says. */
    static boolean run(URI endpoint, Policy policy, PrintWriter out) {
        try (SnapshotEstate estate = new SnapshotEstate(endpoint)) {
            Map<String, String> volumes = new LinkedHashMap<>();
            volumes.put("orders-db", estate.volume(Map.of("Name", "orders-db", "backup", "daily", "owner", "alice@example.com")));
            volumes.put("web-content", estate.volume(Map.of("Name", "web-content", "backup", "daily", "owner", "bob@example.com")));
            volumes.put("build-cache", estate.volume(Map.of("Name", "build-cache", "scratch", "true")));
            volumes.put("legacy", estate.volume(Map.of("Name", "legacy")));
            SnapshotEstate.SeededInstance ledger = estate.instance(Map.of("Name", "ledger-1", "backup", "consistent"),
                    List.of(Map.of("Name", "ledger-data"), Map.of("Name", "ledger-wal")));
            ProviderConfig config = ProviderConfig.of(SnapshotEstate.REGION).withEndpoint(endpoint);

            out.println("== Snapshots: orders-db and web-content carry backup=daily, ledger-1's volumes are one set, "
                    + "build-cache is scratch, legacy has no plan ==");
            volumes.forEach((name, id) -> out.printf("  %-12s %s%n", name, id));
            out.printf("  %-12s %s (root %s, data %s)%n", "ledger-1", ledger.instanceId(), ledger.rootVolumeId(),
                    String.join(", ", ledger.dataVolumeIds()));

            out.println();
            out.println("== 10. Dry run on " + START + ": the window's snapshots and copies it would take; legacy is unprotected ==");
            TextSummary.print(run(policy, config, RunRequest.sweep(Trigger.MANUAL, true), START), out);

            out.println();
            out.println("== 11. The scheduled run: snapshots taken (ledger-1's as one set), copies started in "
                    + SnapshotEstate.DR_REGION + " ==");
            RunReport taken = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START);
            TextSummary.print(taken, out);
            int afterFirst = estate.snapshots(SnapshotEstate.REGION).size();
            printSnapshots(estate, out);

            out.println();
            out.println("== 12. EventBridge delivers the same event twice more (a retry, a replay): nothing more is taken ==");
            RunReport retry = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START.plus(Duration.ofMinutes(7)));
            RunReport replay = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START.plus(Duration.ofHours(2)));
            TextSummary.print(replay, out);
            int afterRetries = estate.snapshots(SnapshotEstate.REGION).size();
            out.printf("  snapshots in %s: %d after the first run, %d after the retry and the replay%n", SnapshotEstate.REGION,
                    afterFirst, afterRetries);

            out.println();
            out.println("== 13. Four more days: a snapshot a day; retention keeps 3 in " + SnapshotEstate.REGION + " and 2 copies in "
                    + SnapshotEstate.DR_REGION + ", deleting only the plan's own ==");
            RunReport last = replay;
            boolean allComplete = taken.complete() && retry.complete() && replay.complete();
            for (int day = 1; day <= 4; day++) {
                last = run(policy, config, RunRequest.sweep(Trigger.SCHEDULE, false), START.plus(Duration.ofDays(day)));
                allComplete &= last.complete();
                out.printf("  %s: %s%n", START.plus(Duration.ofDays(day)), summary(last));
            }
            out.println();
            out.println("== 14. What is left ==");
            printSnapshots(estate, out);

            long ordersHere = count(estate, SnapshotEstate.REGION, volumes.get("orders-db"));
            long ordersThere = count(estate, SnapshotEstate.DR_REGION, volumes.get("orders-db"));
            long legacy = count(estate, SnapshotEstate.REGION, volumes.get("legacy"));
            return allComplete && afterFirst == afterRetries && ordersHere == 3 && ordersThere == 2 && legacy == 0;
        }
    }

    private static RunReport run(Policy policy, ProviderConfig config, RunRequest request, Instant now) {
        return LocalAudit.run(policy, SnapshotLifecycle.OPERATION, config, request, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Actions of one run by kind and outcome, on one line. */
    private static String summary(RunReport report) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.findings().stream().filter(f -> !f.action().kind().equals("none"))
                .forEach(f -> counts.merge(f.action().kind() + " " + f.action().status().id(), 1, Integer::sum));
        return report.status().id() + ", " + (counts.isEmpty() ? "nothing to do" : counts.toString().replaceAll("[{}]", ""));
    }

    private static long count(SnapshotEstate estate, String region, String volume) {
        return estate.snapshots(region).stream().filter(s -> volume.equals(s.tags().get("cloudwarden:volume"))).count();
    }

    private static void printSnapshots(SnapshotEstate estate, PrintWriter out) {
        for (String region : List.of(SnapshotEstate.REGION, SnapshotEstate.DR_REGION)) {
            for (SnapshotView s : estate.snapshots(region)) {
                if (!s.tags().containsKey("cloudwarden:plan")) {
                    continue; // the emulator's own, behind the seeded instance's image
                }
                out.printf("  %-9s %-22s %-6s of %-21s window %s%s%n", region, s.id(), s.tags().get("cloudwarden:plan"),
                        s.tags().get("cloudwarden:volume"), s.tags().get("cloudwarden:window"),
                        s.tags().containsKey("cloudwarden:copy-of") ? "  copy of " + s.tags().get("cloudwarden:copy-of") : "");
            }
        }
    }
}
