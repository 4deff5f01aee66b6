package dev.cloudwarden.infra;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SilentServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jar {@code ./cloudwarden} runs, shrunk by ProGuard (functions/cli/proguard.conf), still does what the README
 * says, each time in a fresh JVM with the jar alone on its class path: the demo (every operation against the embedded
 * emulator), a {@code run} against an emulator (with an event file, whose account STS checks; and against an endpoint
 * that never answers, until its {@code --timeout}), picocli's error path and its version. A class the shrinker removed
 * but one of them needs fails here as a NoClassDefFoundError, a NoSuchMethodError or a command picocli cannot build.
 */
@ExtendWith(MotoExtension.class)
class ShrunkCliJarTest {
    private static final Path JAR = Repo.ROOT.resolve("functions/cli/target/cloudwarden-cli.jar");
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto;

    ShrunkCliJarTest(MotoServer moto) {
        this.moto = moto;
    }

    @Test
    void theDemo_runsEveryOperationToTheEnd() {
        Tools.Result demo = cli("demo");

        assertThat(demo.exitCode()).as("demo exited with %d:\n%s", demo.exitCode(), demo.output()).isZero();
        assertThat(demo.output()).contains("Demo complete").contains("security-group-audit").contains("tag-compliance")
                .contains("snapshot-lifecycle").contains("patch-baselines").doesNotContain("Exception");
    }

    @Test
    void aRunAgainstAnEmulator_reportsTheOpenGroup() throws IOException {
        Ec2Estate estate = new Ec2Estate(moto.endpoint());
        String open;
        try (estate) {
            open = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
            estate.group("internal", Map.of(), tcp(22, "10.0.0.0/8"));
        }
        Path policy = Files.createTempFile("cloudwarden-policy", ".yaml");
        Files.writeString(policy, """
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation: {action: revoke}
                """);

        Tools.Result run = cli("run", "--policy", policy.toString(), "--operation", "security-group-audit", "--dry-run",
                "--endpoint", moto.endpoint().toString(), "--region", Ec2Estate.REGION);

        assertThat(run.exitCode()).as("run exited with %d:\n%s", run.exitCode(), run.output()).isZero();
        JsonNode report = JSON.readTree(run.output());
        assertThat(report.at("/run/status").asText()).isEqualTo("complete");
        assertThat(report.at("/findings")).singleElement().satisfies(finding -> {
            assertThat(finding.at("/resource/id").asText()).isEqualTo(open);
            assertThat(finding.at("/evidence/rule/id").asText()).isEqualTo("ingress:tcp:22:22:0.0.0.0/0");
            assertThat(finding.at("/action/status").asText()).isEqualTo("planned");
        });
    }

    /** STS, which only the CLI's jar carries: an event file's account is checked against the credentials' first. */
    @Test
    void anEventFile_isCheckedAgainstTheAccountTheCredentialsActIn() throws IOException {
        Path policy = Files.createTempFile("cloudwarden-policy", ".yaml");
        Files.writeString(policy, "version: 1\ncloud: aws\nsecurityGroupAudit: {}\n");
        Path ours = Repo.ROOT.resolve("events/aws/scheduled-sweep.json");
        Path theirs = Files.writeString(Files.createTempFile("cloudwarden-event", ".json"),
                Files.readString(ours).replace("\"account\": \"123456789012\"", "\"account\": \"111122223333\""));

        Tools.Result run = cli("run", "--policy", policy.toString(), "--event", ours.toString(), "--dry-run", "--endpoint", moto.endpoint().toString());
        Tools.Result refused = cli("run", "--policy", policy.toString(), "--event", theirs.toString(), "--dry-run",
                "--endpoint", moto.endpoint().toString());

        assertThat(run.exitCode()).as("run exited with %d:\n%s", run.exitCode(), run.output()).isZero();
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("is from account '111122223333', but the credentials act in account 123456789012")
                .doesNotContain("Exception");
    }

    /** The SDK's call timers, which the run's deadline lowers: a run against an endpoint that never answers ends in time. */
    @Test
    void aRunAgainstAnEndpointThatNeverAnswers_endsAtItsTimeout_withAReport() throws IOException {
        Path policy = Files.createTempFile("cloudwarden-policy", ".yaml");
        Files.writeString(policy, "version: 1\ncloud: aws\nsecurityGroupAudit: {}\n");
        try (SilentServer silent = SilentServer.start()) {
            long started = System.nanoTime();

            Tools.Result run = cli("run", "--policy", policy.toString(), "--endpoint", silent.endpoint().toString(), "--region", "us-east-1",
                    "--timeout", "2s");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("\"status\" : \"failed\"").contains("ec2:DescribeSecurityGroups failed")
                    .contains("run's deadline").contains("the run reached its deadline (--timeout 2s)").doesNotContain("Exception");
        }
    }

    @Test
    void aMissingOption_isInvalidInput_withTheUsage() {
        Tools.Result run = cli("run", "--operation", "security-group-audit");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("Missing required option: '--policy=FILE'").contains("Usage:");
    }

    @Test
    void theVersion() {
        Tools.Result version = cli("--version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output().strip()).isEqualTo("cloudwarden 0.1.0");
    }

    /** {@code java -jar cloudwarden-cli.jar args…} in a fresh JVM, stdout and stderr together. */
    private static Tools.Result cli(String... args) {
        assertThat(JAR).as("the CLI jar (./mvnw package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return Tools.run(Repo.ROOT, Map.of("AWS_ACCESS_KEY_ID", "shrunk-cli-test", "AWS_SECRET_ACCESS_KEY", "shrunk-cli-test"),
                TIMEOUT, command);
    }
}
