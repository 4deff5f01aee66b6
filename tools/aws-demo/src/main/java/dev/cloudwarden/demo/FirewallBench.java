package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The security-group audit's bench: a dry-run sweep over N groups against the two paged reads alone,
 * with a bare SDK client.
 */
final class FirewallBench {
    private FirewallBench() {
    }

    static void run(MotoServer moto, int groups, int runs, PrintWriter out, PrintWriter err) {
        Policy policy = PolicyLoader.parse(DemoCommand.demoPolicy(), "demo-policy.yaml");
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            err.printf("bench: seeding %d groups…%n", groups);
            estate.seedMany(groups, 10);
            ProviderConfig config = ProviderConfig.of(Ec2Estate.REGION).withEndpoint(moto.endpoint());

            List<Long> baseline = new ArrayList<>();
            List<Long> sweep = new ArrayList<>();
            RunReport last = null;
            for (int i = 0; i <= runs; i++) { // run 0 warms both sides up and is not counted
                long t0 = System.nanoTime();
                int seen = bareReads(moto);
                long t1 = System.nanoTime();
                last = LocalAudit.run(policy, FirewallAudit.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, true));
                long t2 = System.nanoTime();
                if (seen != last.resourcesScanned()) {
                    throw new IllegalStateException("baseline saw " + seen + " groups, the sweep " + last.resourcesScanned());
                }
                if (i > 0) {
                    baseline.add(t1 - t0);
                    sweep.add(t2 - t1);
                }
            }
            long b = BenchCommand.median(baseline);
            long s = BenchCommand.median(sweep);
            out.printf("groups scanned           %d%n", last.resourcesScanned());
            out.printf("findings                 %d%n", last.findings().size());
            out.printf("API calls per sweep      %d %s%n", last.apiCalls().total(), last.apiCalls().sorted());
            out.printf("sweep wall time (median) %d ms over %d runs%n", s / 1_000_000, runs);
            out.printf("baseline: bare paged reads %d ms%n", b / 1_000_000);
            out.printf("ratio sweep / baseline   %.2f%n", (double) s / b);
        }
    }

    /** What any sweep must do at least: page through every group (with its rules), nothing else. */
    private static int bareReads(MotoServer moto) {
        try (Ec2Client ec2 = BenchCommand.bareClient(Ec2Client.builder(), moto)) {
            return (int) ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups().stream().count();
        }
    }
}
