package dev.cloudwarden.infra;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.azureemulator.ArmRule;
import dev.cloudwarden.azureemulator.ArmServer;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SilentServer;
import dev.cloudwarden.emulator.SsmGapServer;
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
 * says, each time in a fresh JVM with the jar alone on its class path: every operation applied against the emulator,
 * a {@code run} against an emulator (with an event file, whose account STS checks; and against an endpoint that never
 * answers, until its {@code --timeout}), a policy of {@code cloud: azure} against the local ARM server, picocli's error
 * path and its version. A class the shrinker removed but one of
 * them needs fails here as a NoClassDefFoundError, a NoSuchMethodError or a command picocli cannot build. (The demo is
 * a jar of its own, tools/aws-demo: AwsDemoJarTest.)
 */
@ExtendWith(MotoExtension.class)
class ShrunkCliJarTest {
    private static final Path JAR = Repo.ROOT.resolve("functions/cli/target/cloudwarden-cli.jar");
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One policy for the four operations, each with something to change in the estate the test seeds. */
    private static final String EVERY_OPERATION = """
            version: 1
            cloud: aws
            securityGroupAudit:
              remediation: {action: revoke}
            tagCompliance:
              resourceTypes: [ec2:instance, ec2:volume]
              required:
                - key: owner
                  default: platform-team@example.com
              remediation: {addDefaults: true}
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 3}
                  copies:
                    - region: us-west-2
                      retain: {count: 2}
            patchBaselines:
              baselines:
                - name: cloudwarden-al2023
                  operatingSystem: AMAZON_LINUX_2023
                  default: true
                  patchGroups: [web-servers]
                  approvalRules:
                    - filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}
                      approveAfterDays: 7
              compliance:
                scanMaxAge: 7d
            """;

    private final MotoServer moto;

    ShrunkCliJarTest(MotoServer moto) {
        this.moto = moto;
    }

    /**
     * What the demo did from this jar before it had a jar of its own: each operation's reads and writes, applied (the
     * SDK's marshallers of every call, the provider's code of every action), through the SSM gap server, which answers
     * the Patch Manager calls moto lacks and hands every other call to moto.
     */
    @Test
    void everyOperation_appliesItsPlanAgainstTheEmulator() throws IOException {
        Path policy = Files.createTempFile("cloudwarden-policy", ".yaml");
        Files.writeString(policy, EVERY_OPERATION);
        try (SsmGapServer ssm = SsmGapServer.start(moto); ResourceEstate estate = new ResourceEstate(moto.endpoint())) {
            try (Ec2Estate groups = new Ec2Estate(moto.endpoint())) {
                groups.group("ssh", Map.of(), tcp(22, "0.0.0.0/0"));
            }
            estate.volume(Map.of("backup", "daily"));
            String instance = estate.instance(Map.of("Name", "web-1", "Patch Group", "web-servers"));
            ssm.manage(instance, "Linux", "Amazon Linux");

            for (String operation : Repo.OPERATIONS) {
                Tools.Result run = cli("run", "--policy", policy.toString(), "--operation", operation,
                        "--endpoint", ssm.endpoint().toString(), "--region", Ec2Estate.REGION);

                assertThat(run.exitCode()).as("%s exited with %d:%n%s", operation, run.exitCode(), run.output()).isZero();
                JsonNode report = JSON.readTree(run.output());
                assertThat(report.at("/run/status").asText()).as(run.output()).isEqualTo("complete");
                assertThat(report.at("/findings")).as(run.output())
                        .anySatisfy(finding -> assertThat(finding.at("/action/status").asText()).isEqualTo("applied"));
            }
        }
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

    /**
     * The Azure provider and its SDK, which the jar carries beside AWS's: a policy of {@code cloud: azure} against the local
     * ARM server over HTTPS. The SDK finds its HTTP client through ServiceLoader and makes its models, enums, answers and
     * errors by reflection (proguard.conf says which); the dry-run reports the one rule through which the internet
     * reaches a machine and changes nothing, the real run deletes exactly that rule (a long-running operation, polled).
     */
    @Test
    void anAzurePolicy_reportsThenRevokesTheRuleOpenToTheInternet() throws IOException {
        Path policy = Files.createTempFile("cloudwarden-policy", ".yaml");
        Files.writeString(policy, """
                version: 1
                cloud: azure
                region: westeurope
                account: %s
                securityGroupAudit:
                  remediation: {action: revoke}
                """.formatted(ArmServer.SUBSCRIPTION));
        try (ArmServer arm = ArmServer.start()) {
            // a subnet's NSG opening RDP to the world over a VM whose NIC has no NSG; HTTPS only from the private network
            String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                    ArmRule.inbound("rdp", 100).allow().protocol("Tcp").sources("*").ports("3389").build(),
                    ArmRule.inbound("https-internal", 110).allow().protocol("Tcp").sources("10.0.0.0/8").ports("443").build());
            arm.putNic("rg-web", "vm-web-nic", arm.putSubnet("rg-net", "vnet-prod", "web", web), null);
            List<String> run = List.of("run", "--policy", policy.toString(), "--endpoint", arm.endpoint(),
                    "--ca-cert", arm.caCertificate().toString());

            Tools.Result dry = cli(concat(run, "--dry-run"));

            assertThat(dry.exitCode()).as("the dry-run exited with %d:%n%s", dry.exitCode(), dry.output()).isZero();
            JsonNode planned = JSON.readTree(dry.output());
            assertThat(planned.at("/run/status").asText()).as(dry.output()).isEqualTo("complete");
            assertThat(planned.at("/run/cloud").asText()).isEqualTo("azure");
            assertThat(planned.at("/findings")).as(dry.output()).singleElement().satisfies(finding -> {
                assertThat(finding.at("/resource/name").asText()).isEqualTo("nsg-web");
                assertThat(finding.at("/evidence/rule/id").asText()).isEqualTo("rdp");
                assertThat(finding.at("/action/status").asText()).isEqualTo("planned");
            });
            assertThat(arm.ruleNames(web)).containsExactly("https-internal", "rdp");

            Tools.Result real = cli(run.toArray(String[]::new));

            assertThat(real.exitCode()).as("the run exited with %d:%n%s", real.exitCode(), real.output()).isZero();
            assertThat(JSON.readTree(real.output()).at("/findings")).as(real.output()).singleElement().satisfies(finding -> {
                assertThat(finding.at("/evidence/rule/id").asText()).isEqualTo("rdp");
                assertThat(finding.at("/action/status").asText()).isEqualTo("applied");
            });
            assertThat(arm.ruleNames(web)).containsExactly("https-internal");
        }
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
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
