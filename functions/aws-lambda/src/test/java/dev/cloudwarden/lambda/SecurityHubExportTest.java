package dev.cloudwarden.lambda;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SampleEvents;
import dev.cloudwarden.runtime.FindingsExportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * The security-group audit function with {@code CLOUDWARDEN_SECURITY_HUB=true}, against moto: what the handler files in
 * Security Hub is read back with a plain SDK client's GetFindings, as an analyst's tooling would read it.
 */
@ExtendWith(MotoExtension.class)
class SecurityHubExportTest {
    private static final String REPORT_ONLY = """
            version: 1
            cloud: aws
            securityGroupAudit: {}
            """;
    private static final String REVOKE = """
            version: 1
            cloud: aws
            securityGroupAudit:
              remediation:
                action: revoke
            """;
    private static final String ACCOUNT = "123456789012";
    private static final String PREFIX = "cloudwarden/123456789012/us-east-1/security-group-audit/";
    private static final String PRODUCT = "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default";
    private static final String GROUP_ARN = "arn:aws:ec2:us-east-1:123456789012:security-group/";

    private final MotoServer moto;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private Ec2Estate estate;
    private SecurityHubClient hub;

    SecurityHubExportTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void seed() {
        estate = new Ec2Estate(moto.endpoint());
        hub = SecurityHubClient.builder().region(Region.of(Ec2Estate.REGION)).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("analyst", "analyst"))).build();
    }

    @AfterEach
    void close() {
        hub.close();
        estate.close();
    }

    @Test
    void aSweepFilesEachOpenGroupInSecurityHub_andTheSweepAfterTheFixArchivesThem() throws IOException {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        String web = estate.group("web", Map.of("team", "web"), tcp(22, "0.0.0.0/0"), tcp(443, "10.0.0.0/8"));
        String db = estate.group("db", Map.of(), tcp(3389, "0.0.0.0/0"));
        String inside = estate.group("inside", Map.of(), tcp(3306, "10.0.0.0/8"));
        ScheduledSweepHandler handler = new ScheduledSweepHandler(env(REPORT_ONLY), log());

        JsonNode first = invoke(handler, sweep());

        assertThat(first.at("/findings")).hasSize(2);
        List<AwsSecurityFinding> filed = findings();
        assertThat(filed).extracting(AwsSecurityFinding::id).containsExactlyInAnyOrder(
                PREFIX + findingOf(first, web).path("id").asText(), PREFIX + findingOf(first, db).path("id").asText());
        String seen = Instant.parse(first.at("/run/finishedAt").asText()).truncatedTo(ChronoUnit.MILLIS).toString();
        assertThat(filed).allSatisfy(f -> {
            assertThat(f.schemaVersion()).isEqualTo("2018-10-08");
            assertThat(f.productArn()).isEqualTo(PRODUCT);
            assertThat(f.awsAccountId()).isEqualTo(ACCOUNT);
            assertThat(f.generatorId()).isEqualTo("cloudwarden/" + FirewallAudit.CHECK);
            assertThat(f.types()).containsExactly("Software and Configuration Checks/AWS Security Best Practices/Network Reachability");
            assertThat(f.createdAt()).isEqualTo(seen);
            assertThat(f.updatedAt()).isEqualTo(seen);
            assertThat(f.compliance().status()).as("report only: nothing was fixed").isEqualTo(ComplianceStatus.FAILED);
            assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
            assertThat(f.resources()).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("AwsEc2SecurityGroup");
                assertThat(r.region()).isEqualTo(Ec2Estate.REGION);
            });
            assertThat(f.productFields()).containsEntry("cloudwarden/operation", FirewallAudit.OPERATION)
                    .containsEntry("cloudwarden/runId", first.at("/run/id").asText())
                    .containsEntry("cloudwarden/dryRun", "false")
                    .containsEntry("cloudwarden/action/kind", "none")
                    .containsEntry("cloudwarden/action/status", "skipped");
        });
        assertThat(filed).filteredOn(f -> f.resources().getFirst().id().equals(GROUP_ARN + web)).singleElement().satisfies(f -> {
            assertThat(f.severity().label()).isEqualTo(SeverityLabel.HIGH);
            assertThat(f.title()).isEqualTo(findingOf(first, web).path("title").asText()).contains("ssh (22)");
            assertThat(f.resources().getFirst().tags()).containsEntry("team", "web");
        });
        assertThat(filed).filteredOn(f -> f.resources().getFirst().id().equals(GROUP_ARN + db)).singleElement()
                .satisfies(f -> assertThat(f.severity().label()).isEqualTo(SeverityLabel.CRITICAL));
        assertThat(filed).noneMatch(f -> f.resources().getFirst().id().contains(inside));
        JsonNode exported = lastLine("security-hub-export");
        assertThat(exported.path("level").asText()).isEqualTo("INFO");
        assertThat(exported.path("imported").asInt()).isEqualTo(2);
        assertThat(exported.path("archived").asInt()).isZero();
        assertThat(exported.at("/apiCalls/byOperation").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("securityhub:DescribeHub", "securityhub:GetFindings", "securityhub:BatchImportFindings");

        estate.ec2().revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(tcp(22, "0.0.0.0/0")));
        estate.ec2().revokeSecurityGroupIngress(r -> r.groupId(db).ipPermissions(tcp(3389, "0.0.0.0/0")));
        JsonNode second = invoke(handler, sweep());

        assertThat(second.at("/findings")).isEmpty();
        String archivedAt = Instant.parse(second.at("/run/finishedAt").asText()).truncatedTo(ChronoUnit.MILLIS).toString();
        assertThat(findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.recordState()).isEqualTo(RecordState.ARCHIVED);
            assertThat(f.compliance().status()).isEqualTo(ComplianceStatus.PASSED);
            assertThat(f.createdAt()).isEqualTo(seen);
            assertThat(f.updatedAt()).isEqualTo(archivedAt);
            assertThat(f.productFields()).containsEntry("cloudwarden/archivedBy", second.at("/run/id").asText());
        });
        exported = lastLine("security-hub-export");
        assertThat(exported.path("imported").asInt()).isZero();
        assertThat(exported.path("archived").asInt()).isEqualTo(2);
        assertThat(exported.at("/apiCalls/byOperation").properties()).extracting(Map.Entry::getKey)
                .as("the hub was described by the first invocation of this container")
                .containsExactlyInAnyOrder("securityhub:GetFindings", "securityhub:BatchImportFindings");

        invoke(handler, sweep());
        assertThat(lastLine("security-hub-export").at("/apiCalls/byOperation").properties()).extracting(Map.Entry::getKey)
                .as("nothing found, nothing active: nothing to import").containsExactly("securityhub:GetFindings");
    }

    @Test
    void aDryRunIsExportedToo_andTheRealRunsFixThenPasses() throws IOException {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        String web = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        Map<String, String> dryRun = new HashMap<>(env(REVOKE));
        dryRun.put("CLOUDWARDEN_DRY_RUN", "true");

        invoke(new ScheduledSweepHandler(dryRun, log()), sweep());

        assertThat(findings()).singleElement().satisfies(f -> {
            assertThat(f.compliance().status()).isEqualTo(ComplianceStatus.FAILED);
            assertThat(f.productFields()).containsEntry("cloudwarden/dryRun", "true")
                    .containsEntry("cloudwarden/action/kind", "revoke-ingress-rule").containsEntry("cloudwarden/action/status", "planned");
            assertThat(f.description()).contains("Action revoke-ingress-rule: planned (dry-run: nothing is changed)");
        });
        assertThat(estate.ingress(web)).containsExactly("tcp 22 from 0.0.0.0/0");

        invoke(new ScheduledSweepHandler(env(REVOKE), log()), sweep());

        assertThat(estate.ingress(web)).isEmpty();
        assertThat(findings()).singleElement().satisfies(f -> {
            assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
            assertThat(f.compliance().status()).as("revoked").isEqualTo(ComplianceStatus.PASSED);
            assertThat(f.productFields()).containsEntry("cloudwarden/action/status", "applied");
        });
    }

    @Test
    void anEventRunFilesWhatItFinds_butNeverArchives() throws IOException {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        String web = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        String db = estate.group("db", Map.of(), tcp(3389, "0.0.0.0/0"));
        EventBridgeHandler handler = new EventBridgeHandler(env(REPORT_ONLY), log());
        invoke(handler, sweep());
        estate.ec2().revokeSecurityGroupIngress(r -> r.groupId(db).ipPermissions(tcp(3389, "0.0.0.0/0")));
        String call = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"));

        JsonNode onDb = invoke(handler, call.replace(SampleEvents.SAMPLE_GROUP_ID, db).getBytes(StandardCharsets.UTF_8));
        JsonNode onWeb = invoke(handler, call.replace(SampleEvents.SAMPLE_GROUP_ID, web).getBytes(StandardCharsets.UTF_8));

        assertThat(onDb.at("/findings")).isEmpty();
        assertThat(onWeb.at("/findings")).hasSize(1);
        assertThat(findings()).hasSize(2).allSatisfy(f -> assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE));
        assertThat(findings()).filteredOn(f -> f.resources().getFirst().id().equals(GROUP_ARN + web)).singleElement()
                .satisfies(f -> assertThat(f.productFields()).containsEntry("cloudwarden/trigger", "event")
                        .containsEntry("cloudwarden/runId", onWeb.at("/run/id").asText()));
        assertThat(lastLine("security-hub-export").at("/apiCalls/byOperation").properties()).extracting(Map.Entry::getKey)
                .as("an event run lists nothing").containsExactly("securityhub:BatchImportFindings");
    }

    @Test
    void withSecurityHubNotEnabled_theReportIsLoggedFirst_thenTheExportFailure_andTheInvocationFails() throws IOException {
        String web = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        RequestStreamHandler handler = new ScheduledSweepHandler(env(REPORT_ONLY), log());

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(sweep()), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(FindingsExportException.class)
                .hasMessageContaining("the Security Hub export is incomplete: 0 imported, 0 archived, 1 failed")
                .hasMessageContaining("not subscribed to AWS Security Hub");

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("type").asText()).containsExactly("finding", "run", "security-hub-export");
        assertThat(lines.get(1).path("level").asText()).as("the run itself was complete").isEqualTo("INFO");
        JsonNode exported = lines.get(2);
        assertThat(exported.path("level").asText()).isEqualTo("ERROR");
        assertThat(exported.path("failed").asInt()).isEqualTo(1);
        assertThat(exported.path("error").asText()).contains("not subscribed to AWS Security Hub");
        assertThat(exported.at("/failures/0/id").asText()).as("without a hub the account is unknown: the report's own finding id")
                .isEqualTo(lines.get(0).at("/finding/id").asText());
        assertThat(exported.at("/failures/0/kind").asText()).isEqualTo("access_denied");
        assertThat(exported.at("/failures/0/code").asText()).isEqualTo("InvalidAccessException");
        assertThat(estate.ingress(web)).containsExactly("tcp 22 from 0.0.0.0/0");
    }

    @Test
    void withoutTheSetting_nothingIsSentToSecurityHub_andATypoIsRefusedAtStart() throws IOException {
        hub.enableSecurityHub(r -> r.enableDefaultStandards(false));
        estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        Map<String, String> off = new HashMap<>(env(REPORT_ONLY));
        off.remove("CLOUDWARDEN_SECURITY_HUB");

        invoke(new ScheduledSweepHandler(off, log()), sweep());

        assertThat(findings()).isEmpty();
        assertThat(lines()).extracting(l -> l.path("type").asText()).doesNotContain("security-hub-export");
        off.put("CLOUDWARDEN_SECURITY_HUB", "yes");
        assertThatThrownBy(() -> new ScheduledSweepHandler(off, log()))
                .isInstanceOf(IllegalStateException.class).hasMessage("CLOUDWARDEN_SECURITY_HUB must be true or false, not 'yes'");
    }

    private List<AwsSecurityFinding> findings() {
        return hub.getFindingsPaginator(r -> r.maxResults(100)).findings().stream().toList();
    }

    private static JsonNode findingOf(JsonNode report, String groupId) {
        return StreamSupport.stream(report.path("findings").spliterator(), false)
                .filter(f -> f.at("/resource/id").asText().equals(groupId)).findFirst().orElseThrow();
    }

    private static byte[] sweep() throws IOException {
        return Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
    }

    private static JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        return Invocations.invoke(handler, event);
    }

    private List<JsonNode> lines() {
        return Invocations.logLines(logs);
    }

    private JsonNode lastLine(String type) {
        return lines().stream().filter(l -> l.path("type").asText().equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    private Map<String, String> env(String policy) {
        return Map.of("CLOUDWARDEN_POLICY", policy, "CLOUDWARDEN_OPERATION", FirewallAudit.OPERATION,
                "AWS_REGION", Ec2Estate.REGION, "CLOUDWARDEN_ENDPOINT", moto.endpoint().toString(),
                "CLOUDWARDEN_SECURITY_HUB", "true");
    }

    private PrintStream log() {
        return new PrintStream(logs, true, StandardCharsets.UTF_8);
    }
}
