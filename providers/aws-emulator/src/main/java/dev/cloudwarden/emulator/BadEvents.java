package dev.cloudwarden.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The corpus of malformed events, {@code bad-input/events/} at the repository's root, and what cloudwarden must do
 * with each: {@code expectations.tsv}, one row per case (the case, the operation the function or command runs, the
 * exit code, a fragment of the one-sentence message). A case whose name starts with {@code @} is made here at run time
 * by the generator of that name, being too large to commit. Every test that runs the corpus also checks that it and
 * its expectations agree ({@link #mismatches()}).
 */
public final class BadEvents {
    /** The file of expectations, beside the cases. */
    public static final String EXPECTATIONS = "expectations.tsv";
    /** The policy every case is sent to, beside the cases. */
    public static final String POLICY = "policy.yaml";
    /** Files in the directory that are not cases. */
    private static final Set<String> NOT_CASES = Set.of(EXPECTATIONS, POLICY, "README.md");
    /** A valid scheduled event, the base of the generated cases that are about size. */
    private static final String SCHEDULED = """
            {"version": "0", "id": "5f1c7a2e-9b4d-4e61-8f3a-2d7c6b0e9a41", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-03-10T06:00:00Z", "region": "us-east-1", "resources": [], "detail": {"pad": ""}}
            """;
    private static final Map<String, Supplier<byte[]>> GENERATORS = generators();

    /**
     * One case.
     *
     * @param name      the file name, or {@code @generator}
     * @param operation the operation the function or command runs
     * @param exit      the command's exit code (the function fails its invocation whenever it is not 0)
     * @param message   a fragment of the message, the same from the command and the function
     */
    public record Case(String name, String operation, int exit, String message) {
        public boolean generated() {
            return name.startsWith("@");
        }

        /** The event's bytes, read or generated. */
        public byte[] bytes() {
            if (generated()) {
                return GENERATORS.get(name.substring(1)).get();
            }
            try {
                return Files.readAllBytes(dir().resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The event as a file: the committed one, or the generated one written into {@code tempDir}. */
        public Path file(Path tempDir) {
            if (!generated()) {
                return dir().resolve(name);
            }
            try {
                return Files.write(tempDir.resolve(name.substring(1) + ".json"), bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private BadEvents() {
    }

    /** The policy every case is sent to: all four operations, remediation on. */
    public static Path policy() {
        return dir().resolve(POLICY);
    }

    public static Path dir() {
        return SampleEvents.awsDir().getParent().getParent().resolve("bad-input/events");
    }

    /** Every row of the expectations, in their order. */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        boolean header = true;
        for (String line : lines()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) { // case, operation, exit, message
                header = false;
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 4) {
                throw new IllegalStateException(EXPECTATIONS + ": a row has 4 columns separated by tabs, this one " + columns.length + ": " + line);
            }
            cases.add(new Case(columns[0], columns[1], Integer.parseInt(columns[2]), columns[3]));
        }
        return cases;
    }

    /** What does not agree: a case file without a row, a row without its file, a generator that does not exist, a row twice. */
    public static List<String> mismatches() {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> listed = Files.list(dir())) {
            listed.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !NOT_CASES.contains(n)).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> mismatches = new ArrayList<>();
        Set<String> rows = new TreeSet<>();
        for (Case c : cases()) {
            if (!rows.add(c.name())) {
                mismatches.add(c.name() + " has two rows");
            }
            if (c.generated() ? !GENERATORS.containsKey(c.name().substring(1)) : !files.contains(c.name())) {
                mismatches.add(c.name() + " has a row but " + (c.generated() ? "no such generator (" + GENERATORS.keySet() + ")" : "no file"));
            }
            if (c.message().isBlank()) {
                mismatches.add(c.name() + " expects no message");
            }
        }
        files.stream().filter(f -> !rows.contains(f)).forEach(f -> mismatches.add(f + " has no row in " + EXPECTATIONS));
        return mismatches;
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(dir().resolve(EXPECTATIONS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Supplier<byte[]>> generators() {
        Map<String, Supplier<byte[]>> generators = new LinkedHashMap<>();
        generators.put("nesting-1001-levels", () -> nested(1_001));
        generators.put("nesting-100000-levels", () -> nested(100_000));
        generators.put("string-of-20-million-characters",
                () -> SCHEDULED.replace("\"Scheduled Event\"", "\"" + "a".repeat(20_000_000) + "\"").getBytes(StandardCharsets.UTF_8));
        generators.put("event-one-byte-over-256-kb", () -> {
            int pad = 256 * 1024 + 1 - SCHEDULED.getBytes(StandardCharsets.UTF_8).length;
            return SCHEDULED.replace("\"pad\": \"\"", "\"pad\": \"" + "p".repeat(pad) + "\"").getBytes(StandardCharsets.UTF_8);
        });
        return generators;
    }

    /** Arrays nested {@code depth} deep inside an otherwise valid scheduled event's detail. */
    private static byte[] nested(int depth) {
        return SCHEDULED.replace("\"pad\": \"\"", "\"pad\": " + "[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }
}
