package dev.cloudwarden.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.cli.ExitCode;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code cloudwarden bench} prints its figures; what they are is the machine's business, their shape is tested. */
@ExtendWith(MotoExtension.class)
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return DemoMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    // the parameter only skips the test, as every emulator test, where moto cannot run: the bench starts its own
    @Test
    void theTagBench_namesItsCommand_andCountsTheRealRunsBatchedWrites(MotoServer unused) {
        int exit = bench("--operation", "tag-compliance", "--resources", "30", "--runs", "1");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.COMPLETE);
        assertThat(out.toString()).startsWith("== cloudwarden bench --operation tag-compliance --resources 30 --runs 1 ==")
                .contains("sweep wall time (median)", "baseline: bare paged reads", "real run")
                .containsPattern("ec2:CreateTags +- +- +[1-9]")
                .containsPattern("tag:GetResources +1 +1 +1");
    }

    @Test
    void theSnapshotBench_deletesWhatRetentionImplies_andComparesItsCallsWithTheMinimum(MotoServer unused) {
        int exit = bench("--operation", "snapshot-lifecycle", "--volumes", "4", "--snapshots", "5", "--runs", "1");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.COMPLETE);
        assertThat(out.toString()).startsWith("== cloudwarden bench --operation snapshot-lifecycle --volumes 4 --snapshots 5 --runs 1 ==")
                .contains("8 snapshots deleted (the policy implies 8)")
                .containsPattern("ec2:DeleteSnapshot +8")
                .contains("minimum on EC2             10 = 2 describe pages")
                .containsPattern("ratio to the minimum +1\\.[0-9]{4}");
    }

    @Test
    void anUnknownOperation_exits2_namingTheOnesItKnows() {
        int exit = bench("--operation", "patching");

        assertThat(exit).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("unknown operation 'patching'", "security-group-audit, tag-compliance, snapshot-lifecycle");
        assertThat(out.toString()).isEmpty();
    }
}
