package dev.cloudwarden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.emulator.BadEvents;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed event of bad-input/events through the handler Terraform deploys ({@code EventBridgeHandler}), as
 * Lambda invokes it, against moto with its recorder on: the invocation fails with the expected sentence, logged as a
 * rejection, and nothing is called.
 */
@ExtendWith(MotoExtension.class)
class BadEventsHandlerTest {
    /** A hang guard, not a speed target: each case is refused in milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final MotoServer moto;

    private static String policy() {
        try {
            return Files.readString(BadEvents.policy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    private final Map<String, EventBridgeHandler> handlers = new HashMap<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    BadEventsHandlerTest(MotoServer moto) {
        this.moto = moto;
    }

    static List<BadEvents.Case> cases() {
        return BadEvents.cases();
    }

    @Test
    void everyCaseFileHasARow_andEveryRowAFileOrAGenerator() {
        assertThat(BadEvents.mismatches()).isEmpty();
        assertThat(BadEvents.cases()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMalformedEvent_failsTheInvocation_withItsSentence_andCallsNothing(BadEvents.Case malformed) {
        byte[] event = malformed.bytes();
        EventBridgeHandler handler = handlers.computeIfAbsent(malformed.operation(), this::handler);
        logs.reset();
        moto.startRecording();

        UnsupportedEventException refused = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowableOfType(UnsupportedEventException.class,
                () -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), Invocations.CONTEXT)));

        assertThat(malformed.exit()).as("the command's exit code for it: the function fails its invocation").isNotZero();
        assertThat(refused).as("the invocation fails").isNotNull();
        assertThat(refused.getMessage()).contains(malformed.message()).doesNotContain("Exception").doesNotContain("java.");
        assertThat(refused.getMessage().chars()).as("nothing raw from the event").noneMatch(c -> Character.isISOControl(c) && c != '\n');
        assertThat(refused.getStackTrace()).as("an expected refusal, no stack trace").isEmpty();
        assertThat(refused.getCause()).as("no defect inside the decoder").isNull();
        List<JsonNode> lines = Invocations.logLines(logs);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("type").asText()).isEqualTo("event-rejected");
            assertThat(line.path("reason").asText()).isEqualTo(refused.getMessage());
        });
        assertThat(moto.recordedOperations()).as("nothing is called for a malformed event").isEmpty();
    }

    private EventBridgeHandler handler(String operation) {
        Map<String, String> env = Map.of("CLOUDWARDEN_POLICY", policy(), "CLOUDWARDEN_OPERATION", operation, "AWS_REGION", "us-east-1",
                "CLOUDWARDEN_ENDPOINT", moto.endpoint().toString());
        return new EventBridgeHandler(env, new PrintStream(logs, true, StandardCharsets.UTF_8));
    }
}
