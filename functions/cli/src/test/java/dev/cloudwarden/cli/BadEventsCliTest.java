package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cloudwarden.emulator.BadEvents;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed event of bad-input/events through {@code cloudwarden run --event}, against moto with its recorder on:
 * the expected exit code and sentence, no Java exception or stack trace on either stream, and no call to moto, except
 * the one that asks which account the credentials act in, for an event that is otherwise well-formed.
 */
@ExtendWith(MotoExtension.class)
class BadEventsCliTest {
    /** A hang guard, not a speed target: each case is refused in well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    /** A Java exception's or error's class name, or a stack frame. */
    private static final Pattern JAVA_TRACE = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b|\\bjava\\.|^\\s+at ", Pattern.MULTILINE);

    private static final Path POLICY = BadEvents.policy();
    /** Where the generated cases are written. */
    @TempDir
    static Path dir;
    private final MotoServer moto;

    BadEventsCliTest(MotoServer moto) {
        this.moto = moto;
    }

    static List<BadEvents.Case> cases() {
        return BadEvents.cases();
    }

    @Test
    void everyCaseFileHasARow_andEveryRowAFileOrAGenerator() {
        assertThat(BadEvents.mismatches()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMalformedEvent_exitsWithItsCodeAndSentence_andCallsNothing(BadEvents.Case malformed) {
        Path event = malformed.file(dir);
        moto.startRecording();

        Result result = assertTimeoutPreemptively(HANG_GUARD, () -> run("run", "--policy", POLICY.toString(),
                "--operation", malformed.operation(), "--event", event.toString(), "--endpoint", moto.endpoint().toString(),
                "--region", "us-east-1"));

        assertThat(result.exit()).as(result.err()).isEqualTo(malformed.exit());
        assertThat(result.err()).contains(malformed.message());
        assertThat(result.err().lines()).as("one sentence").hasSize(1);
        assertThat(result.err().chars()).as("nothing raw from the event").noneMatch(c -> Character.isISOControl(c) && c != '\n'
                || Character.getType(c) == Character.FORMAT);
        assertThat(JAVA_TRACE.matcher(result.err()).find()).as("no Java exception or stack trace: %s", result.err()).isFalse();
        assertThat(JAVA_TRACE.matcher(result.out()).find()).isFalse();
        assertThat(result.out()).as("no report for an event that is refused").isEmpty();
        List<String> calls = moto.recordedOperations();
        if (malformed.message().contains("is from account")) {
            assertThat(calls).as("only the account check").containsExactly("GetCallerIdentity");
        } else {
            assertThat(calls).as("nothing is called for a malformed event").isEmpty();
        }
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
