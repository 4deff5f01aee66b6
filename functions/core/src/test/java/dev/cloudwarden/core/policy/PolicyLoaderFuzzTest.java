package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.core.testing.PolicySchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the policy loader with Jazzer: whatever the bytes, the loader answers with a
 * {@link Policy} or an {@link InvalidPolicyException} whose every error says something in plain words. Any other
 * exception, an empty message, a Java name in it, or an input that takes longer than the timeout is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} (the {@code test} phase) this runs once per seed: the malformed policies of
 * {@code bad-input/policies}, the repository's valid ones, and what fuzzing found, kept under
 * {@code PolicyLoaderFuzzTestInputs/}. functions/core's {@code fuzz-policy-loader} execution (integration-test phase,
 * so {@code ./cloudwarden test}) fuzzes it for {@code maxDuration}; {@code bad-input/fuzz --minutes N} fuzzes longer
 * (see bad-input/README.md).
 */
class PolicyLoaderFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    /**
     * A class of the JDK or of a library the loader uses, or an exception's name. Not any dotted word: a message quotes
     * the policy's own values, which YAML may have folded or the message escaped ({@code \\u000A}).
     */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:java|javax|jdk|sun|com\\.fasterxml|com\\.google|com\\.cronutils|org\\.yaml"
            + "|dev\\.cloudwarden)\\.[\\w$.]*|\\b[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final List<String> VALID_POLICIES = List.of(
            "tools/aws-demo/src/main/resources/dev/cloudwarden/demo/demo-policy.yaml",
            "infra/terraform/aws/examples/minimal/policy.yaml",
            "infra/terraform/aws/examples/complete/policy.yaml");

    /**
     * The per-input timeout is for an input that hangs the loader, not for the JVM loading the loader's classes (YAML,
     * cron-utils, the provider registry): the first input paid for that, and timed out on a busy machine.
     */
    @BeforeAll
    static void loadTheLoadersClasses() {
        for (String policy : VALID_POLICIES) {
            PolicyLoader.parse(read(PolicySchema.ROOT.resolve(policy)), policy, CLOCK);
        }
    }

    /** The malformed policies of bad-input/policies and the valid policies the repository ships, as seeds. */
    static Stream<Arguments> seeds() throws IOException {
        Path root = PolicySchema.ROOT;
        Stream.Builder<Arguments> seeds = Stream.builder();
        try (Stream<Path> files = Files.list(root.resolve("bad-input/policies"))) {
            files.filter(f -> !f.getFileName().toString().endsWith(".tsv")).sorted()
                    .forEach(f -> seeds.add(arguments(Named.of(f.getFileName().toString(), read(f)))));
        }
        for (String policy : VALID_POLICIES) {
            seeds.add(arguments(Named.of(policy, read(root.resolve(policy)))));
        }
        return seeds.build();
    }

    @MethodSource("seeds")
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // per input when fuzzing (libFuzzer's -timeout): a hang is a finding
    @FuzzTest(maxDuration = "25s")
    void anyBytes_loadAsAPolicy_orAreRefusedInPlainWords(byte[] input) {
        // the same characters as inline text (CLOUDWARDEN_POLICY), where malformed UTF-8 has become U+FFFD
        String text = new String(input, StandardCharsets.UTF_8);
        answers(text, () -> PolicyLoader.parse(input, "fuzz.yaml", CLOCK));
        answers(text, () -> PolicyLoader.parse(text, "from CLOUDWARDEN_POLICY", CLOCK));
    }

    /** Loads, or is refused in plain words: a Java name in the message is a finding unless the input itself holds it. */
    private static void answers(String input, Load load) {
        try {
            load.run();
        } catch (InvalidPolicyException e) {
            if (e.errors().isEmpty()) {
                throw new AssertionError("refused without an error: " + e.getMessage(), e);
            }
            for (PolicyError error : e.errors()) {
                if (error.problem() == null || error.problem().isBlank() || error.field() == null || error.field().isBlank()) {
                    throw new AssertionError("an error without a field or problem: " + e.getMessage(), e);
                }
                // the field is a path of the policy's own keys; the problem may quote the policy (control characters
                // escaped), but nothing else
                Matcher name = JAVA_NAME.matcher(error.problem());
                while (name.find()) {
                    if (!input.contains(name.group()) && !PolicyNodes.escaped(input).contains(name.group())) {
                        throw new AssertionError("a Java name in the message: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Load {
        void run();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
