package dev.cloudwarden.cli;

import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
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
 * is its own class ({@link FirewallBench}, {@link TagBench}); this command picks one and starts moto.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures an operation's dry-run sweep (and, for tag-compliance, one real run) on the embedded emulator (figures, not assertions).")
final class BenchCommand implements Callable<Integer> {
    private static final List<String> OPERATIONS = List.of(FirewallAudit.OPERATION, TagCompliance.OPERATION);

    @Option(names = "--operation", paramLabel = "OP", defaultValue = FirewallAudit.OPERATION,
            description = "security-group-audit (default) or tag-compliance")
    String operation;

    @Option(names = "--groups", defaultValue = "1000", description = "security-group-audit: groups to seed (default 1000)")
    int groups;

    @Option(names = "--resources", defaultValue = "1000",
            description = "tag-compliance: mixed resources to seed, six kinds and five tag sets in turn (default 1000)")
    int resources;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs of each side, after one warm-up (default 5)")
    int runs;

    private final PrintWriter out;
    private final PrintWriter err;

    BenchCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!OPERATIONS.contains(operation)) {
            err.println("cloudwarden bench: unknown operation '" + operation + "'; the bench knows " + String.join(", ", OPERATIONS));
            return ExitCode.INVALID_INPUT;
        }
        if (runs < 1 || groups < 1 || resources < 1) {
            err.println("cloudwarden bench: --runs, --groups and --resources must be at least 1");
            return ExitCode.INVALID_INPUT;
        }
        boolean tags = operation.equals(TagCompliance.OPERATION);
        out.printf("== cloudwarden bench --operation %s %s --runs %d ==%n", operation,
                tags ? "--resources " + resources : "--groups " + groups, runs);
        try (MotoServer moto = MotoServer.start()) {
            if (tags) {
                TagBench.run(moto, resources, runs, out, err);
            } else {
                FirewallBench.run(moto, groups, runs, out, err);
            }
            out.flush();
            return ExitCode.COMPLETE;
        }
    }

    /** An SDK client as plain as an SDK client gets: the baseline every bench measures against. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C bareClient(B builder, MotoServer moto) {
        return builder.region(Region.of(Ec2Estate.REGION)).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"))).build();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
