package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.azureemulator.ArmRequest;
import dev.cloudwarden.azureemulator.ArmServer;
import dev.cloudwarden.azureemulator.DemoEstate;
import dev.cloudwarden.core.testing.ReportSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cloudwarden run} for a policy of {@code cloud: azure}, through the command line's own code, the Azure provider and
 * the real SDK, against a local ARM server over HTTPS ({@code --endpoint}, {@code --ca-cert}) seeded as an engineer would
 * find an estate: the dry-run reports exactly the rules through which the internet reaches a machine and changes nothing,
 * and the real run deletes exactly those, leaving shadowed, blocked and default rules alone.
 */
@Timeout(120)
class AzureSecurityGroupAuditTest {
    private static final String POLICY = """
            version: 1
            cloud: azure
            region: westeurope
            account: %s
            securityGroupAudit:
              remediation:
                action: revoke
            """.formatted(ArmServer.SUBSCRIPTION);

    private ArmServer arm;
    private Path policy;
    private String web;
    private String db;
    private String app;

    @BeforeEach
    void seedAnEstate(@TempDir Path dir) throws IOException {
        arm = ArmServer.start();
        arm.operationRetryAfter(0);
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(1));
        policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);

        // RDP open to * on a subnet's NSG over a NIC without one, PostgreSQL open to Any on a NIC's NSG: exposed; SSH denied
        // ahead of an allow, and a NIC's allow behind a subnet NSG with only Azure's defaults: not
        Map<String, String> groups = DemoEstate.seed(arm);
        web = groups.get("nsg-web");
        db = groups.get("nsg-db");
        app = groups.get("nsg-app");
        arm.clearRequests();
    }

    @AfterEach
    void stop() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
        arm.close();
    }

    @Test
    void theDryRunReportsExactlyTheRulesTheInternetGetsInThrough_andChangesNothing() throws IOException {
        Result dry = run("--dry-run");

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(exposures(dry.report())).containsExactlyInAnyOrder("nsg-web/rdp-anywhere", "nsg-db/postgres-any");
        assertThat(dry.report().path("findings")).filteredOn(f -> f.at("/evidence/rule/id").asText().equals("rdp-anywhere"))
                .singleElement().satisfies(f -> assertThat(f.at("/evidence/attachments").toString()).contains("vm-web-nic"));
        assertThat(arm.requests()).extracting(ArmRequest::method).containsOnly("GET");
        assertThat(arm.ruleNames(web)).containsExactly("https", "rdp-anywhere");
    }

    @Test
    void theRealRunDeletesExactlyThoseRules_andLeavesShadowedBlockedAndDefaultRulesAlone() throws IOException {
        Result real = run();

        assertThat(real.exit()).as(real.err()).isZero();
        assertThat(exposures(real.report())).containsExactlyInAnyOrder("nsg-web/rdp-anywhere", "nsg-db/postgres-any");
        assertThat(real.report().path("findings")).allSatisfy(f -> assertThat(f.at("/action/status").asText()).isEqualTo("applied"));
        assertThat(arm.ruleNames(web)).containsExactly("https");
        assertThat(arm.ruleNames(db)).containsExactly("deny-ssh-internet", "ssh");
        assertThat(arm.ruleNames(app)).containsExactly("ssh-internet");
        assertThat(arm.requests()).filteredOn(r -> !r.method().equals("GET")).extracting(ArmRequest::method).containsOnly("DELETE")
                .hasSize(2);

        Result again = run();
        assertThat(exposures(again.report())).as("a second run finds nothing left to do").isEmpty();
    }

    /** An Event Grid event (a rule of nsg-web written by a service principal) replayed: that NSG alone is read and judged. */
    @Test
    void aReplayedEventGridEvent_auditsJustTheNsgItNames() throws IOException {
        Result replay = run("--dry-run", "--event", Path.of("../../events/azure/eventgrid-security-rule-write-by-service-principal.json")
                .toAbsolutePath().normalize().toString());

        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(exposures(replay.report())).containsExactly("nsg-web/rdp-anywhere");
        assertThat(arm.requests()).filteredOn(r -> r.path().contains("/networkSecurityGroups"))
                .allSatisfy(r -> assertThat(r.path()).containsIgnoringCase("/networkSecurityGroups/nsg-web"));
        assertThat(replay.report().at("/run/trigger").asText()).isEqualTo("event");
        assertThat(replay.report().at("/run/cloud").asText()).isEqualTo("azure");
    }

    private Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--policy", policy.toString(), "--endpoint", arm.endpoint(),
                "--ca-cert", arm.caCertificate().toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    /** "nsg/rule" of every finding of an exposure. */
    private static List<String> exposures(JsonNode report) {
        List<String> found = new ArrayList<>();
        report.path("findings").forEach(f -> found.add(f.at("/resource/name").asText() + "/" + f.at("/evidence/rule/id").asText()));
        return found;
    }

    private record Result(int exit, String out, String err) {
        JsonNode report() throws IOException {
            ReportSchema.assertValid(out);
            return new ObjectMapper().readTree(out);
        }
    }
}
