package dev.cloudwarden.core.report;

import static dev.cloudwarden.core.testing.AuditPolicies.audit;
import static dev.cloudwarden.core.testing.AuditPolicies.revoke;
import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE_IPV6;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportJsonTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:15:30.123456789Z"), ZoneOffset.UTC);
    private static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SSH open on a tagged group, RDP open over IPv6 on another. */
    private static InMemoryCloud estate() {
        return InMemoryCloud.holding(
                group("sg-web").named("web").tag("env", "prod").rules(rule("sgr-ssh").tcp(22).from(ANYWHERE)).build(),
                group("sg-db").rules(rule("sgr-rdp").tcp(3389).from(ANYWHERE_IPV6)).build());
    }

    private static InMemoryCloud estateFailingNext(String operation, CloudException.Kind kind) {
        InMemoryCloud cloud = estate();
        cloud.failNext(operation, kind);
        return cloud;
    }

    private static RunReport run(InMemoryCloud cloud, FirewallAuditPolicy policy, RunRequest request) {
        return new FirewallAudit(cloud, policy, false, CLOCK).run(request);
    }

    private static RunReport partial() {
        return run(estateFailingNext(InMemoryCloud.REVOKE_INGRESS, CloudException.Kind.THROTTLED), revoke(), SWEEP);
    }

    static Stream<Named<RunReport>> reportsOfEveryStatus() {
        return Stream.of(
                named("complete dry-run", run(estate(), revoke(), RunRequest.sweep(Trigger.MANUAL, true))),
                named("complete, applied", run(estate(), revoke(), SWEEP)),
                named("complete, report only", run(estate(), audit(""), SWEEP)),
                named("complete event run", run(estate(), revoke(), RunRequest.single(Trigger.EVENT, "sg-web", false))),
                named("refused", run(estate(), audit("remediation: {action: revoke}\nblastRadius: {maxGroups: 1}"), SWEEP)),
                named("partial", partial()),
                named("failed", run(estateFailingNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.ACCESS_DENIED), revoke(), SWEEP)));
    }

    @ParameterizedTest
    @MethodSource("reportsOfEveryStatus")
    void everyReportMatchesTheFindingsSchema(RunReport report) {
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        ReportSchema.assertValid(ReportJson.toJson(report, true));
    }

    @ParameterizedTest
    @MethodSource("reportsOfEveryStatus")
    void everyReportWritesEveryRequiredField(RunReport report) throws Exception {
        JsonNode json = JSON.readTree(ReportJson.toJson(report, false));

        assertThat(fieldNames(json)).containsExactly("schemaVersion", "run", "counts", "apiCalls", "findings");
        assertThat(fieldNames(json.get("run"))).contains(
                "id", "operation", "cloud", "account", "region", "trigger", "mode", "startedAt", "finishedAt", "status");
        assertThat(fieldNames(json.get("counts"))).containsExactly("resourcesScanned", "findings", "bySeverity", "actions");
        assertThat(fieldNames(json.get("counts").get("bySeverity"))).containsExactly("info", "low", "medium", "high", "critical");
        assertThat(fieldNames(json.get("counts").get("actions"))).containsExactly("planned", "applied", "skipped", "failed");
        assertThat(fieldNames(json.get("apiCalls"))).containsExactly("total", "byOperation");
        for (JsonNode finding : json.get("findings")) {
            assertThat(fieldNames(finding)).containsExactly(
                    "id", "check", "severity", "title", "observedAt", "resource", "evidence", "action");
            assertThat(fieldNames(finding.get("resource"))).containsExactly("cloud", "account", "region", "type", "id", "name", "tags");
            assertThat(fieldNames(finding.get("action"))).containsExactly("kind", "status", "reason");
        }
    }

    @Test
    void writesTheRunInTheSchemasSpelling() throws Exception {
        JsonNode run = JSON.readTree(ReportJson.toJson(run(estate(), revoke(), RunRequest.single(Trigger.EVENT, "sg-web", false)), false))
                .get("run");

        assertThat(run.get("operation").asText()).isEqualTo("security-group-audit");
        assertThat(run.get("cloud").asText()).isEqualTo("aws");
        assertThat(run.get("trigger").asText()).isEqualTo("event");
        assertThat(run.get("targets")).hasSize(1);
        assertThat(run.get("targets").get(0).asText()).isEqualTo("sg-web");
        assertThat(run.get("mode").asText()).isEqualTo("apply");
        assertThat(run.get("status").asText()).isEqualTo("complete");
        assertThat(run.get("startedAt").asText()).isEqualTo("2026-06-02T10:15:30.123456789Z");
        assertThat(run.has("error")).isFalse();
    }

    @Test
    void countsAndApiCallsAgreeWithTheFindings() throws Exception {
        JsonNode json = JSON.readTree(ReportJson.toJson(partial(), false));

        assertThat(json.at("/run/status").asText()).isEqualTo("partial");
        assertThat(json.at("/run/error").asText()).startsWith("1 of 2 actions failed");
        assertThat(json.at("/counts").toString()).isEqualTo("""
                {"resourcesScanned":2,"findings":2,\
                "bySeverity":{"info":0,"low":0,"medium":0,"high":1,"critical":1},\
                "actions":{"planned":0,"applied":1,"skipped":0,"failed":1}}""");
        assertThat(json.at("/apiCalls").toString()).isEqualTo("""
                {"total":3,"byOperation":{"mem:ListGroups":1,"mem:RevokeIngress":2}}""");
    }

    @Test
    void aFindingCarriesItsResourceEvidenceAndAction() throws Exception {
        JsonNode finding = JSON.readTree(ReportJson.toJson(run(estate(), revoke(), SWEEP), false)).at("/findings/0");

        assertThat(finding.at("/check").asText()).isEqualTo("firewall.ingress-open-to-internet");
        assertThat(finding.at("/severity").asText()).isEqualTo("high");
        assertThat(finding.at("/observedAt").asText()).isEqualTo("2026-06-02T10:15:30.123456789Z");
        assertThat(finding.at("/resource").toString()).isEqualTo("""
                {"cloud":"aws","account":"123456789012","region":"eu-west-1","type":"security-group",\
                "id":"sg-web","name":"web","tags":{"env":"prod"}}""");
        assertThat(finding.at("/evidence/rule/id").asText()).isEqualTo("sgr-ssh");
        assertThat(finding.at("/evidence/internetSources").toString()).isEqualTo("[\"0.0.0.0/0\"]");
        assertThat(finding.at("/evidence/exposedPorts").toString()).isEqualTo("""
                [{"ports":"22","service":"ssh","severity":"high"}]""");
        assertThat(finding.at("/action").toString()).isEqualTo("""
                {"kind":"revoke-ingress-rule","status":"applied","reason":"revoked rule sgr-ssh"}""");
    }

    @Test
    void theSchemaRefusesAFieldReportJsonNeverWrites() {
        assertRefused(json -> ((ObjectNode) json.get("run")).put("region2", "eu-west-2"), "region2");
    }

    @Test
    void theSchemaRefusesASeverityOutsideTheList() {
        assertRefused(json -> ((ObjectNode) json.get("findings").get(0)).put("severity", "urgent"), "/findings/0/severity");
    }

    @Test
    void theSchemaRefusesATimestampThatIsNotADateTime() {
        assertRefused(json -> ((ObjectNode) json.get("run")).put("finishedAt", "yesterday"), "/run/finishedAt");
    }

    @Test
    void theSchemaRefusesAReportWithoutItsCounts() {
        assertRefused(json -> ((ObjectNode) json).remove("counts"), "counts");
    }

    @Test
    void theSchemaAcceptsAnyTagsAndEvidence() {
        JsonNode json = validReport();
        ((ObjectNode) json.at("/findings/0/resource/tags")).put("cost-centre", "4711");
        ((ObjectNode) json.at("/findings/0/evidence")).putObject("anything").put("nested", true);

        ReportSchema.assertValid(json.toString());
    }

    private static void assertRefused(Consumer<JsonNode> change, String named) {
        JsonNode json = validReport();
        change.accept(json);

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> ReportSchema.assertValid(json.toString()))
                .withMessageContaining(ReportSchema.FILE).withMessageContaining(named);
    }

    private static JsonNode validReport() {
        try {
            return JSON.readTree(ReportJson.toJson(run(estate(), revoke(), SWEEP), false));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
