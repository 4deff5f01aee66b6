package dev.cloudwarden.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SilentServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --timeout}: a run against an endpoint that accepts and never answers still ends at its deadline with a
 * report, and so does one whose changes stop answering half-way; the report says what was and was not done.
 */
@ExtendWith(MotoExtension.class)
class RunTimeoutTest {
    private static final String REVOKE_POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              exempt:
                tags:
                  cloudwarden:exempt: "true"
              remediation:
                action: revoke
            """;
    /** How long after its deadline a run may take to write its report: a bound, generous on a busy machine. */
    private static final Duration REPORT_WITHIN = Duration.ofSeconds(10);

    private final MotoServer moto;
    @TempDir
    Path dir;

    RunTimeoutTest(MotoServer moto) {
        this.moto = moto;
    }

    @Test
    void anEndpointThatNeverAnswers_endsAtTheTimeout_withAFailedReportNamingTheDeadlineAndTheCall() throws IOException {
        Duration timeout = Duration.ofSeconds(3);
        try (SilentServer silent = SilentServer.start()) {
            long started = System.nanoTime();

            Result result = assertTimeoutPreemptively(timeout.plus(REPORT_WITHIN).plusSeconds(20), () -> run("run", "--policy", policy(),
                    "--endpoint", silent.endpoint().toString(), "--region", "us-east-1", "--timeout", "3s"));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(timeout, timeout.plus(REPORT_WITHIN));
            assertThat(result.exit()).isEqualTo(ExitCode.INCOMPLETE);
            JsonNode report = result.report();
            assertThat(report.at("/run/status").asText()).isEqualTo("failed");
            assertThat(report.at("/run/error").asText())
                    .startsWith("discovery failed, nothing was evaluated or changed: ec2:DescribeSecurityGroups failed: ")
                    .contains("run's deadline");
            assertThat(result.err()).contains("the run reached its deadline (--timeout 3s)");
        }
    }

    @Test
    void aRunWhoseChangesStopAnswering_isPartialAtTheTimeout_andTheReportSaysWhatWasDone() throws IOException {
        Map<String, String> groups;
        Map<String, List<String>> before = new java.util.HashMap<>();
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            groups = estate.seedDemo();
            groups.forEach((name, id) -> before.put(name, estate.ingress(id)));
        }
        // in front of moto: everything passes, except that the second revoke gets no answer
        WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        try {
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=RevokeSecurityGroupIngress"))
                    .inScenario("revokes").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("one revoked")
                    .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=RevokeSecurityGroupIngress"))
                    .inScenario("revokes").whenScenarioStateIs("one revoked")
                    .willReturn(aResponse().withStatus(500).withFixedDelay(60_000)));
            Duration timeout = Duration.ofSeconds(8);
            long started = System.nanoTime();

            Result result = assertTimeoutPreemptively(timeout.plus(REPORT_WITHIN).plusSeconds(20), () -> run("run", "--policy", policy(),
                    "--endpoint", "http://127.0.0.1:" + proxy.port(), "--region", "us-east-1", "--timeout", "8s"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(timeout.plus(REPORT_WITHIN));
            assertThat(result.exit()).isEqualTo(ExitCode.INCOMPLETE);
            JsonNode report = result.report();
            assertThat(report.at("/run/status").asText()).isEqualTo("partial");
            List<String> statuses = StreamSupport.stream(report.path("findings").spliterator(), false)
                    .filter(f -> !f.at("/action/kind").asText().equals("none")).map(f -> f.at("/action/status").asText()).toList();
            assertThat(statuses).as("one group revoked; one cut off at the deadline; the others never sent")
                    .containsOnly("applied", "failed").containsOnlyOnce("applied").hasSize(4);
            List<String> reasons = StreamSupport.stream(report.path("findings").spliterator(), false)
                    .filter(f -> f.at("/action/status").asText().equals("failed")).map(f -> f.at("/action/reason").asText()).toList();
            assertThat(reasons).anySatisfy(r -> assertThat(r).contains("no answer before the run's deadline"))
                    .anySatisfy(r -> assertThat(r).contains("deadline").contains("not sent"));
            assertThat(result.err()).contains("the run reached its deadline (--timeout 8s)");
            try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
                List<String> changed = groups.keySet().stream().filter(name -> !estate.ingress(groups.get(name)).equals(before.get(name))).toList();
                assertThat(changed).as("exactly the revoke that was answered took effect").hasSize(1);
            }
        } finally {
            proxy.stop();
        }
    }

    @Test
    void theDefaultTimeout_isALambdaInvocationsLimit() {
        assertThat(new Converters.Timeout().convert(RunCommand.DEFAULT_TIMEOUT)).isEqualTo(Duration.ofMinutes(15));
        assertThat(new Converters.Timeout().convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Converters.Timeout.format(Duration.ofSeconds(3_630))).isEqualTo("1h30s");
    }

    private String policy() throws IOException {
        return Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".yaml"), REVOKE_POLICY).toString();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
        JsonNode report() throws IOException {
            ReportSchema.assertValid(out);
            return new ObjectMapper().readTree(out);
        }
    }
}
