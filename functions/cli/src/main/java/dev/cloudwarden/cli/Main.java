package dev.cloudwarden.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cloudwarden run}. The demo and the benchmarks are a tool of their own, tools/aws-demo, built on this class. */
@Command(name = "cloudwarden", mixinStandardHelpOptions = true, version = "cloudwarden 0.1.0",
        description = "Keeps a cloud estate in shape: security-group audit, tag compliance, snapshot lifecycle, patch baselines.",
        footer = {"", "The demo and the benchmarks, on the embedded AWS emulator:", "  ./cloudwarden demo", "  ./cloudwarden bench --help"},
        subcommands = {RunCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given writers, so that tests capture what it prints. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(new Main(), out, err, args);
    }

    /**
     * Runs {@code commands}, a picocli command whose subcommands take the writers in their constructor as this CLI's
     * do, with this CLI's handling of errors and its exit codes: for the tools built on it (tools/aws-demo).
     */
    public static int execute(Object commands, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(commands, new Factory(out, err));
        cli.setOut(out).setErr(err);
        // option errors (unknown option, missing --policy, a value that does not convert) are invalid input, exit 2 like
        // a bad policy; the message quotes what was typed, so it is made printable
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(Printable.of("cloudwarden: " + e.getMessage()));
            e.getCommandLine().usage(err);
            return ExitCode.INVALID_INPUT;
        });
        // Every problem with the input is handled where it is found (exit 2, one sentence), and a run's failure is in
        // its report (exit 1); what arrives here is a defect. It is said in one line, with the stack trace only when
        // CLOUDWARDEN_DEBUG is set.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println(Printable.of("cloudwarden: internal error, a defect in cloudwarden (please report it with the command line): "
                    + e.getMessage() + (debug() ? "" : "; set CLOUDWARDEN_DEBUG=1 to see where it happened")));
            if (debug()) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCode.INCOMPLETE;
        });
        return cli.execute(args);
    }

    private static boolean debug() {
        String value = System.getenv("CLOUDWARDEN_DEBUG");
        return value != null && !value.isBlank() && !value.equals("0");
    }

    /** Hands each subcommand the writers it prints to. */
    private record Factory(PrintWriter out, PrintWriter err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 2 && constructor.getParameterTypes()[0] == PrintWriter.class) {
                    return type.cast(constructor.newInstance(out, err));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
