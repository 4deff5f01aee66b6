package dev.cloudwarden.lambda;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SampleEvents;
import dev.cloudwarden.runtime.InvalidSettingsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the function refuses before it calls anything: an event from another account than its own (named by the Lambda
 * context), an invocation without a context, and settings it cannot start with.
 */
@ExtendWith(MotoExtension.class)
class RefusalsTest {
    private static final String POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              remediation:
                action: revoke
            """;

    private final MotoServer moto;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private Ec2Estate estate;
    private String group;
    private byte[] call;

    RefusalsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void seed() throws IOException {
        estate = new Ec2Estate(moto.endpoint());
        group = estate.group("open", Map.of(), tcp(22, "0.0.0.0/0"));
        call = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"))
                .replace(SampleEvents.SAMPLE_GROUP_ID, group).getBytes(StandardCharsets.UTF_8);
        moto.startRecording();
    }

    @AfterEach
    void close() {
        estate.close();
    }

    @Test
    void anEventFromAnotherAccount_isRefused_andTheGroupItNamesIsLeftAlone() {
        // the same group id, but the event says the call was made in account 111122223333: acting on it would revoke in ours
        byte[] foreign = new String(call, StandardCharsets.UTF_8).replace("\"account\": \"123456789012\"", "\"account\": \"111122223333\"")
                .getBytes(StandardCharsets.UTF_8);

        String message = refusal(foreign, Invocations.CONTEXT);

        assertThat(message).isEqualTo("event b3e1f6a4-6c2d-0f7e-8a19-4d5c2b7e9f03 is from account '111122223333', but this function runs"
                + " in account 123456789012: cloudwarden acts only on its own account's events");
        assertThat(estate.ingress(group)).containsExactly("tcp 22 from 0.0.0.0/0");
    }

    @Test
    void theSameEventInTheFunctionsOwnAccount_isActedOn() throws IOException {
        JsonNode report = Invocations.invoke(handler(env()), call);

        assertThat(report.at("/run/status").asText()).isEqualTo("complete");
        assertThat(estate.ingress(group)).isEmpty();
    }

    /**
     * Without a context the function cannot tell its account. The runtime always passes one, so a missing context is a
     * caller that is not Lambda: it is refused, not trusted to be in the right account.
     */
    @Test
    void withoutALambdaContext_noEventIsActedOn() {
        assertThat(refusal(call, null)).isEqualTo("no Lambda context: the function cannot tell which account it runs in, so it acts"
                + " on no event (the Lambda runtime always passes one)");
        assertThat(estate.ingress(group)).containsExactly("tcp 22 from 0.0.0.0/0");
    }

    @Test
    void aContextWhoseFunctionArnNamesNoAccount_isRefusedToo() {
        Context odd = new Invocations.LambdaContext("cloudwarden-test", 300_000);

        assertThat(refusal(call, odd)).isEqualTo("the Lambda context's function ARN 'cloudwarden-test' names no account, so the function"
                + " cannot check the event's account and acts on no event");
    }

    @Test
    void settingsItCannotUse_stopTheFunctionAtStart_eachProblemInOneSentence_withoutAStackTrace() {
        Map<String, String> env = new HashMap<>(env());
        env.put("AWS_REGION", "us east 1");
        env.put("CLOUDWARDEN_ENDPOINT", "localhost:15101");
        env.put("CLOUDWARDEN_DRY_RUN", "ture");

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> handler(env));

        assertThat(e.problems()).containsExactly(
                "AWS_REGION: expected an AWS region such as us-east-1 or eu-west-2, got \"us east 1\"",
                "CLOUDWARDEN_ENDPOINT: endpoint 'localhost:15101' cannot be used: it does not start with http:// or https://; give an"
                        + " absolute http:// or https:// URL with a host, such as http://127.0.0.1:5000",
                "CLOUDWARDEN_DRY_RUN must be true or false, not 'ture'");
        assertThat(e.getMessage()).isEqualTo(String.join("; ", e.problems()));
        assertThat(e.getStackTrace()).isEmpty();
        List<JsonNode> lines = Invocations.logLines(logs);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("type").asText()).isEqualTo("settings-invalid");
            assertThat(line.path("problems")).hasSize(3);
        });
        assertThat(moto.recordedOperations()).isEmpty();
    }

    private String refusal(byte[] event, Context context) {
        EventBridgeHandler handler = handler(env());
        logs.reset();
        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                () -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context));
        assertThat(e).as("refused").isNotNull();
        assertThat(Invocations.logLines(logs)).singleElement().satisfies(line -> {
            assertThat(line.path("type").asText()).isEqualTo("event-rejected");
            assertThat(line.path("reason").asText()).isEqualTo(e.getMessage());
        });
        assertThat(moto.recordedOperations()).as("refused before any call").isEmpty();
        return e.getMessage();
    }

    private EventBridgeHandler handler(Map<String, String> env) {
        return new EventBridgeHandler(env, new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> env() {
        return Map.of("CLOUDWARDEN_POLICY", POLICY, "AWS_REGION", "us-east-1", "CLOUDWARDEN_ENDPOINT", moto.endpoint().toString());
    }
}
