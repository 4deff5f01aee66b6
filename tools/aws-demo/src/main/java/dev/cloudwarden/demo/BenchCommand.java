package dev.cloudwarden.demo;

import dev.cloudwarden.cli.ExitCode;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * {@code cloudwarden bench}: the wall time and API calls of one operation's dry-run sweep on the
 * embedded emulator, against a baseline measured in the same run — the paged reads alone, with a bare
 * SDK client — so the figure says what cloudwarden adds, whatever the machine. Each operation's bench
 * is its own class ({@link FirewallBench}, {@link TagBench}, {@link SnapshotBench}); this command picks one and starts moto.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures an operation's dry-run sweep (and, for tag-compliance and snapshot-lifecycle, one real run) on the embedded emulator (figures, not assertions).")
public final class BenchCommand implements Callable<Integer> {
    private static final List<String> OPERATIONS = List.of(FirewallAudit.OPERATION, TagCompliance.OPERATION, SnapshotLifecycle.OPERATION);

    @Option(names = "--operation", paramLabel = "OP", defaultValue = FirewallAudit.OPERATION,
            description = "security-group-audit (default), tag-compliance or snapshot-lifecycle")
    String operation;

    @Option(names = "--groups", defaultValue = "1000", description = "security-group-audit: groups to seed (default 1000)")
    int groups;

    @Option(names = "--resources", defaultValue = "1000",
            description = "tag-compliance: mixed resources to seed, six kinds and five tag sets in turn (default 1000)")
    int resources;

    @Option(names = "--volumes", defaultValue = "500", description = "snapshot-lifecycle: volumes to seed (default 500)")
    int volumes;

    @Option(names = "--snapshots", defaultValue = "10",
            description = "snapshot-lifecycle: snapshots of the plan per volume, one a day (default 10); retention keeps 3")
    int snapshots;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs of each side, after one warm-up (default 5)")
    int runs;

    private final PrintWriter out;
    private final PrintWriter err;

    public BenchCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!OPERATIONS.contains(operation)) {
            err.println("cloudwarden bench: unknown operation '" + operation + "'; the bench knows " + String.join(", ", OPERATIONS));
            return ExitCode.INVALID_INPUT;
        }
        if (runs < 1 || groups < 1 || resources < 1 || volumes < 1 || snapshots < 1) {
            err.println("cloudwarden bench: --runs, --groups, --resources, --volumes and --snapshots must be at least 1");
            return ExitCode.INVALID_INPUT;
        }
        String size = switch (operation) {
            case TagCompliance.OPERATION -> "--resources " + resources;
            case SnapshotLifecycle.OPERATION -> "--volumes " + volumes + " --snapshots " + snapshots;
            default -> "--groups " + groups;
        };
        out.printf("== cloudwarden bench --operation %s %s --runs %d ==%n", operation, size, runs);
        try (MotoServer moto = MotoServer.start()) {
            switch (operation) {
                case TagCompliance.OPERATION -> TagBench.run(moto, resources, runs, out, err);
                case SnapshotLifecycle.OPERATION -> SnapshotBench.run(moto, volumes, snapshots, runs, out, err);
                default -> FirewallBench.run(moto, groups, runs, out, err);
            }
            out.flush();
            return ExitCode.COMPLETE;
        }
    }

    /** An SDK client as plain as an SDK client gets: the baseline every bench measures against. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C bareClient(B builder, MotoServer moto) {
        return builder.region(Region.of(Ec2Estate.REGION)).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build()) // moto is slow on large reads
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
