package dev.cloudwarden.demo;

import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.cli.LocalAudit;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * Tag compliance's bench: N resources seeded by {@link ResourceEstate#seedMixed} (instances, volumes,
 * snapshots, security groups, images and SNS topics; untagged, complete, partial, {@code Owner} for
 * {@code owner}, {@code production} for {@code prod}). Measures dry-run sweeps against the bare paged
 * reads of the same six types, then one real run, whose batched writes are the figure that matters.
 */
final class TagBench {
    /** The tag sets {@link ResourceEstate#MIXED_TAGS} judged: defaults for all three keys, so the real run has work to do. */
    private static final String POLICY = """
            version: 1
            cloud: aws
            region: us-east-1
            tagCompliance:
              resourceTypes: [ec2:instance, ec2:volume, ec2:snapshot, ec2:security-group, ec2:image, sns:topic]
              required:
                - key: owner
                  default: platform-team
                - key: env
                  allowed: [prod, staging, dev]
                  default: dev
                - key: cost-center
                  pattern: "cc-[0-9]+"
                  default: cc-0
              remediation:
                addDefaults: true
                fixCase: true
              blastRadius:
                maxChanges: 1000000
            """;

    private TagBench() {
    }

    static void run(MotoServer moto, int resources, int runs, PrintWriter out, PrintWriter err) {
        Policy policy = PolicyLoader.parse(POLICY, "tag bench policy");
        ProviderConfig config = ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint());
        try (ResourceEstate estate = new ResourceEstate(moto.endpoint())) {
            err.printf("bench: seeding %d mixed resources…%n", resources);
            long s0 = System.nanoTime();
            estate.seedMixed(resources);
            long seeding = System.nanoTime() - s0;

            List<Long> baseline = new ArrayList<>();
            List<Long> sweep = new ArrayList<>();
            Baseline bare = null;
            RunReport dry = null;
            for (int i = 0; i <= runs; i++) { // run 0 warms both sides up and is not counted
                err.printf("bench: run %d of %d%s…%n", i, runs, i == 0 ? " (warm-up)" : "");
                long t0 = System.nanoTime();
                bare = bareReads(moto);
                long t1 = System.nanoTime();
                dry = LocalAudit.run(policy, TagCompliance.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, true));
                long t2 = System.nanoTime();
                if (bare.resources() != dry.resourcesScanned()) {
                    throw new IllegalStateException("baseline saw " + bare.resources() + " resources, the sweep " + dry.resourcesScanned());
                }
                if (i > 0) {
                    baseline.add(t1 - t0);
                    sweep.add(t2 - t1);
                }
            }
            err.println("bench: one real run…");
            long a0 = System.nanoTime();
            RunReport applied = LocalAudit.run(policy, TagCompliance.OPERATION, config, RunRequest.sweep(Trigger.MANUAL, false));
            long apply = System.nanoTime() - a0;
            if (!applied.complete()) {
                throw new IllegalStateException("the real run ended " + applied.status().id() + ": " + applied.error().orElse(""));
            }

            long b = BenchCommand.median(baseline);
            long s = BenchCommand.median(sweep);
            long changed = applied.findings().stream().filter(f -> f.action().status() == FindingAction.Status.APPLIED)
                    .map(f -> f.resource().id()).distinct().count();
            out.printf("seeded                     %d resources in %.1f s (%.1f ms each)%n", resources, seeding / 1e9,
                    seeding / 1e6 / resources);
            out.printf("resources scanned          %d (with root volumes, AMI snapshots, the default group; untagged topics unseen)%n",
                    dry.resourcesScanned());
            out.printf("findings                   %d%n", dry.findings().size());
            out.printf("sweep wall time (median)   %d ms over %d dry runs%n", s / 1_000_000, runs);
            out.printf("baseline: bare paged reads %d ms%n", b / 1_000_000);
            out.printf("ratio sweep / baseline     %.2f%n", (double) s / b);
            out.printf("real run                   %d ms, %d resources changed, %d actions applied%n", apply / 1_000_000,
                    changed, applied.actionsByStatus().get(FindingAction.Status.APPLIED));
            out.println();
            table(bare.calls(), dry.apiCalls().byOperation(), applied.apiCalls().byOperation(), out);
        }
    }

    /** API calls by operation, one column per side; {@code -} where a side made none. */
    private static void table(Map<String, Long> baseline, Map<String, Long> dry, Map<String, Long> real, PrintWriter out) {
        TreeSet<String> operations = new TreeSet<>(baseline.keySet());
        operations.addAll(dry.keySet());
        operations.addAll(real.keySet());
        out.printf("%-28s %9s %9s %9s%n", "API calls by operation", "baseline", "dry-run", "real run");
        for (String operation : operations) {
            out.printf("  %-26s %9s %9s %9s%n", operation, cell(baseline, operation), cell(dry, operation), cell(real, operation));
        }
        out.printf("  %-26s %9d %9d %9d%n", "total", sum(baseline), sum(dry), sum(real));
    }

    private static String cell(Map<String, Long> calls, String operation) {
        Long n = calls.get(operation);
        return n == null ? "-" : n.toString();
    }

    private static long sum(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What the bare reads saw and what they cost. */
    private record Baseline(int resources, Map<String, Long> calls) {
    }

    /**
     * What any tag sweep must do at least: page through every resource of the six types at the page sizes
     * the provider uses — five EC2 Describe calls (which see untagged resources), GetResources for topics.
     */
    private static Baseline bareReads(MotoServer moto) {
        try (Ec2Client ec2 = BenchCommand.bareClient(Ec2Client.builder(), moto);
             ResourceGroupsTaggingApiClient tagging = BenchCommand.bareClient(ResourceGroupsTaggingApiClient.builder(), moto)) {
            Map<String, Long> calls = new TreeMap<>();
            int seen = pages(calls, "ec2:DescribeInstances", ec2.describeInstancesPaginator(r -> r.maxResults(1000)).stream(),
                    p -> p.reservations().stream().mapToInt(r -> r.instances().size()).sum());
            seen += pages(calls, "ec2:DescribeVolumes", ec2.describeVolumesPaginator(r -> r.maxResults(500)).stream(),
                    p -> p.volumes().size());
            seen += pages(calls, "ec2:DescribeSnapshots", ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").maxResults(1000)).stream(),
                    p -> p.snapshots().size());
            seen += pages(calls, "ec2:DescribeSecurityGroups", ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000)).stream(),
                    p -> p.securityGroups().size());
            seen += pages(calls, "ec2:DescribeImages", ec2.describeImagesPaginator(r -> r.owners("self").maxResults(1000)).stream(),
                    p -> p.images().size());
            seen += pages(calls, "tag:GetResources", tagging.getResourcesPaginator(r -> r.resourceTypeFilters("sns:topic")
                    .resourcesPerPage(100)).stream(), p -> p.resourceTagMappingList().size());
            return new Baseline(seen, calls);
        }
    }

    /** Reads every page, counting one call per page; returns the items seen. */
    private static <P> int pages(Map<String, Long> calls, String operation, Stream<P> pages, ToIntFunction<P> items) {
        int seen = 0;
        for (P page : (Iterable<P>) pages::iterator) {
            calls.merge(operation, 1L, Long::sum);
            seen += items.applyAsInt(page);
        }
        return seen;
    }
}
