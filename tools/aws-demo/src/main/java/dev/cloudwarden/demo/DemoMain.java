package dev.cloudwarden.demo;

import dev.cloudwarden.cli.Main;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code cloudwarden demo | bench}: the demo and the benchmarks, on the embedded AWS emulator. They live apart from the
 * CLI so that the emulator and the SDK clients they seed with stay off the CLI's class path; {@code ./cloudwarden} runs
 * this jar for these two commands and the CLI's for the others. The errors and exit codes are the CLI's own.
 */
@Command(name = "cloudwarden", mixinStandardHelpOptions = true, version = "cloudwarden 0.1.0",
        description = "The demo and the benchmarks of cloudwarden, on the embedded AWS emulator (moto server).",
        subcommands = {DemoCommand.class, BenchCommand.class})
public final class DemoMain {
    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given writers, so that tests capture what it prints. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return Main.execute(new DemoMain(), out, err, args);
    }
}
