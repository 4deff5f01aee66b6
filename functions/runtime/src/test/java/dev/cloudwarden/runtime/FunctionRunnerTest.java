package dev.cloudwarden.runtime;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.policy.InvalidPolicyException;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner on a platform of another cloud than AWS (GCP, with made-up events and the in-memory cloud as its
 * provider): what every entry point gets from it, whatever the cloud.
 */
class FunctionRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            version: 1
            cloud: gcp
            securityGroupAudit:
              remediation:
                action: revoke
            """;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private InMemoryCloud cloud;

    @BeforeEach
    void cloud() {
        cloud = new InMemoryCloud(CloudId.GCP, TestPlatform.REGION);
        cloud.put(group("fw-1").rules(rule("ssh").tcp(22).from(ANYWHERE), rule("https").tcp(443).from(ANYWHERE)).build());
        cloud.put(group("fw-2").rules(rule("rdp").tcp(3389).from(ANYWHERE)).build());
        InMemoryProviderFactory.cloud = cloud;
    }

    private FunctionRunner runner(Map<String, String> env) {
        return new FunctionRunner(TestPlatform.PLATFORM, env, new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    private FunctionRunner runner() {
        return runner(Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", TestPlatform.REGION));
    }

    private JsonNode handle(FunctionRunner runner, String event, Invocation invocation) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runner.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), TestPlatform.PLATFORM.events()::decode, out,
                "TestHandler", invocation);
        String json = out.toString(StandardCharsets.UTF_8);
        ReportSchema.assertValid(json);
        return JSON.readTree(json);
    }

    private List<JsonNode> lines() {
        return logs.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("log line is not JSON: " + line, e);
            }
        }).toList();
    }

    @Test
    void aSchedulesEvent_sweepsTheRegion_logsEachFindingThenTheRun_andReturnsTheReport() throws IOException {
        JsonNode report = handle(runner(), TestPlatform.tick(TestPlatform.REGION), TestPlatform.invocation(TestPlatform.PROJECT, 300_000));

        assertThat(report.at("/run/status").asText()).isEqualTo("complete");
        assertThat(report.at("/run/trigger").asText()).isEqualTo("schedule");
        assertThat(cloud.group("fw-1").rules()).extracting(r -> r.id()).containsExactly("https");
        assertThat(cloud.group("fw-2").rules()).isEmpty();
        assertThat(lines()).extracting(l -> l.path("type").asText()).containsExactly("finding", "finding", "run");
        assertThat(lines()).allSatisfy(l -> assertThat(l.path("eventId").asText()).isEqualTo("t-1"));
    }

    @Test
    void anEventNamingOneResource_evaluatesOnlyIt() throws IOException {
        JsonNode report = handle(runner(), TestPlatform.changed("fw-2", TestPlatform.PROJECT),
                TestPlatform.invocation(TestPlatform.PROJECT, 300_000));

        assertThat(report.at("/run/trigger").asText()).isEqualTo("event");
        assertThat(cloud.group("fw-2").rules()).isEmpty();
        assertThat(cloud.group("fw-1").rules()).hasSize(2);
    }

    @Test
    void anEventForAnotherRegion_orAnotherProject_isRefused_logged_andNothingIsCalled() {
        FunctionRunner runner = runner();

        assertThatThrownBy(() -> handle(runner, TestPlatform.tick("us-central1"), TestPlatform.invocation(TestPlatform.PROJECT, 300_000)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("event t-1 is for region us-central1 but this function serves europe-west1; deploy one function per region");
        assertThatThrownBy(() -> handle(runner, TestPlatform.changed("fw-1", "project-2"), TestPlatform.invocation(TestPlatform.PROJECT, 1)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("event c-1 is from account 'project-2', but this function runs in account project-1: cloudwarden acts only"
                        + " on its own account's events");
        assertThat(lines()).extracting(l -> l.path("type").asText() + " " + l.path("handler").asText())
                .containsExactly("event-rejected TestHandler", "event-rejected TestHandler");
        assertThat(cloud.apiCalls().total()).as("nothing called").isZero();
    }

    @Test
    void aPolicyForAnotherCloud_stopsTheFunctionAtStart() {
        assertThatThrownBy(() -> runner(Map.of("CLOUDWARDEN_POLICY", POLICY.replace("cloud: gcp", "cloud: aws"),
                "FUNCTION_REGION", TestPlatform.REGION)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("line 2: cloud: this build cannot run a policy for aws: no provider module for cloud 'aws'");
    }

    @Test
    void settingsItCannotUse_areLogged_andStopTheFunctionAtStart() {
        assertThatThrownBy(() -> runner(Map.of("CLOUDWARDEN_POLICY", POLICY, "FUNCTION_REGION", "nowhere")))
                .isInstanceOf(InvalidSettingsException.class);
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line.path("type").asText()).isEqualTo("settings-invalid"));
    }

    @Test
    void theDeadline_leavesAMarginToLogAndReturn() {
        Instant before = Instant.now();
        assertThat(FunctionRunner.deadline(600_000)).isBetween(before.plus(Duration.ofSeconds(569)), Instant.now().plus(Duration.ofSeconds(570)));
        assertThat(FunctionRunner.deadline(10_000)).isBefore(Instant.now().plus(Duration.ofSeconds(9)).plusMillis(1));
    }
}
