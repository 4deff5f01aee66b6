package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cloudwarden.core.testing.PolicySchema;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed policy in {@code bad-input/policies/}, run as a user runs it ({@code cloudwarden run --policy CASE}
 * against moto with its recorder on): the exit code and message that {@code expectations.tsv} names, one plain
 * sentence per problem (no stack trace, no Java class name), not one API call, and within a hang guard.
 * Cases named {@code gen:NAME} are too large to commit (or are not files at all) and are made here at run time.
 */
@ExtendWith(MotoExtension.class)
class BadPolicyCorpusTest {
    static final Path CORPUS = PolicySchema.ROOT.resolve("bad-input/policies");
    static final String EXPECTATIONS = "expectations.tsv";
    /** A hang guard, not a speed target: the slowest case takes well under a second. */
    static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|Caused by:|Exception in thread");
    private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*");
    private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path generated;
    private final MotoServer moto;

    BadPolicyCorpusTest(MotoServer moto) {
        this.moto = moto;
    }

    /** One row of expectations.tsv. */
    record Case(String name, int exit, String message) {
        boolean isGenerated() {
            return name.startsWith("gen:");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> expectations() {
        try {
            List<Case> cases = new ArrayList<>();
            for (String line : Files.readAllLines(CORPUS.resolve(EXPECTATIONS), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("case\t")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 3 || columns[2].isEmpty()) {
                    throw new IllegalStateException(EXPECTATIONS + ": expected case, exit code and message, got: " + line);
                }
                cases.add(new Case(columns[0], Integer.parseInt(columns[1]), columns[2]));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void aMalformedPolicy_endsWithItsExitCodeAndMessage_beforeAnyApiCall(Case c) {
        Path policy = c.isGenerated() ? generate(c.name()) : CORPUS.resolve(c.name());
        moto.startRecording();

        Result result = assertTimeoutPreemptively(HANG_GUARD, () -> run("run", "--policy", policy.toString(),
                "--endpoint", moto.endpoint().toString(), "--region", "us-east-1"), c.name() + " hangs");

        assertThat(result.exit()).as("exit code; stderr:%n%s", result.err()).isEqualTo(c.exit());
        assertThat(result.err()).contains(c.message());
        for (String output : List.of(result.err(), result.out())) {
            assertThat(STACK_FRAME.matcher(output).find()).as("a stack trace in:%n%s", output).isFalse();
            assertThat(QUALIFIED_CLASS.matcher(output).find()).as("a Java class name in:%n%s", output).isFalse();
            assertThat(THROWABLE_NAME.matcher(output).find()).as("an exception's name in:%n%s", output).isFalse();
        }
        if (c.exit() == ExitCode.INVALID_INPUT) {
            assertThat(result.out()).isEmpty();
        }
        assertThat(moto.recordedOperations()).as("API calls").isEmpty();
    }

    @Test
    void everyCaseFileHasOneExpectation_andEveryExpectationACase() throws IOException {
        List<String> named = expectations().stream().map(Case::name).toList();
        Set<String> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.map(p -> p.getFileName().toString()).filter(name -> !name.equals(EXPECTATIONS))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> generators = Arrays.stream(Generator.values()).map(Generator::caseName).collect(Collectors.toSet());

        assertThat(named).as("cases named twice").doesNotHaveDuplicates();
        assertThat(files).as("case files without an expectation").isSubsetOf(named);
        assertThat(named).as("expectations without a case file or generator")
                .allSatisfy(name -> assertThat(files.contains(name) || generators.contains(name)).as(name).isTrue());
        assertThat(files).as("committed cases").hasSizeGreaterThanOrEqualTo(80);
    }

    /** The cases made at run time, by their name in expectations.tsv. */
    enum Generator {
        JSON_50_MB("gen:50mb-json"),
        YAML_TOKEN_50_MB("gen:50mb-yaml-token"),
        YAML_TOKEN_8_MB("gen:8mb-yaml-token"),
        YAML_TOKEN_1_MB("gen:1mb-yaml-token"),
        ONE_BYTE_TOO_MANY("gen:256kib-plus-one"),
        DEV_ZERO("gen:dev-zero"),
        ENDLESS_FIFO("gen:endless-fifo"),
        DIRECTORY("gen:directory"),
        NO_SUCH_FILE("gen:no-such-file");

        private final String caseName;

        Generator(String caseName) {
            this.caseName = caseName;
        }

        String caseName() {
            return caseName;
        }
    }

    private static Path generate(String name) {
        Generator generator = Arrays.stream(Generator.values()).filter(g -> g.caseName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no generator " + name + " (see bad-input/README.md)"));
        try {
            return switch (generator) {
                // a policy that is valid but for its size: one 50 MB string value
                case JSON_50_MB -> padded("json-50mb.json", "{\"version\": 1, \"cloud\": \"aws\", \"securityGroupAudit\": {}, \"region\": \"",
                        "\"}\n", 50 * MIB);
                // one long YAML token: parsing time grows with its square (1 MB 3 s, 8 MB 142 s, 50 MB without end)
                case YAML_TOKEN_50_MB -> padded("token-50mb.yaml", "version: 1\ncloud: aws\nsecurityGroupAudit: {}\nregion: ", "\n", 50 * MIB);
                case YAML_TOKEN_8_MB -> padded("token-8mb.yaml", "version: 1\ncloud: aws\nsecurityGroupAudit: {}\nregion: ", "\n", 8 * MIB);
                case YAML_TOKEN_1_MB -> padded("token-1mb.yaml", "version: 1\ncloud: aws\nsecurityGroupAudit: {}\nregion: ", "\n", MIB);
                case ONE_BYTE_TOO_MANY -> padded("one-byte-too-many.yaml", "version: 1\ncloud: aws\nsecurityGroupAudit: {}\n#", "\n", 256 * 1024 + 1);
                case DEV_ZERO -> Path.of("/dev/zero");
                case ENDLESS_FIFO -> endlessFifo();
                case DIRECTORY -> Files.createDirectories(generated.resolve("a-directory.yaml"));
                case NO_SUCH_FILE -> generated.resolve("no-such-policy.yaml");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code head}, then 'x' up to {@code size} bytes in all, then {@code tail}. */
    private static Path padded(String file, String head, String tail, long size) throws IOException {
        Path path = generated.resolve(file);
        if (Files.exists(path)) {
            return path;
        }
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            long left = size - head.length() - tail.length();
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(path)).isEqualTo(size);
        return path;
    }

    /** A FIFO that a daemon thread feeds without end, until the reader closes it. */
    private static Path endlessFifo() throws IOException {
        Path fifo = generated.resolve("endless-" + System.nanoTime() + ".yaml");
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Thread writer = new Thread(() -> {
            byte[] chunk = "version: 1\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = Files.newOutputStream(fifo)) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the reader closed the FIFO: what we wanted
            }
        }, "endless-fifo-writer");
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
