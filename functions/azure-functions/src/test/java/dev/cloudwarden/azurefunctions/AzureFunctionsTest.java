package dev.cloudwarden.azurefunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.azureemulator.ArmRequest;
import dev.cloudwarden.azureemulator.ArmRule;
import dev.cloudwarden.azureemulator.ArmServer;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.runtime.FunctionRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two Azure Functions handlers called as the Java worker calls them (a method, the trigger's payload as text, an
 * {@code ExecutionContext}), over the shared runtime, the Azure provider and the real SDK against a local ARM server over
 * HTTPS, with the sample events of {@code events/azure}: the timer sweeps the subscription and revokes what the policy
 * says; an Event Grid event audits only the NSG it names; anything else fails the invocation before any call.
 */
@Timeout(120)
class AzureFunctionsTest {
    private static final Path SAMPLES = Path.of("../../events/azure").toAbsolutePath().normalize();
    private static final String POLICY = """
            version: 1
            cloud: azure
            region: westeurope
            account: %s
            securityGroupAudit:
              remediation:
                action: revoke
            """.formatted(ArmServer.SUBSCRIPTION);
    /** The function's managed identity in the samples written "by cloudwarden" (its object id). */
    private static final String OWN_PRINCIPAL = "6f1b1a26-0000-4000-8000-0000000000c2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArmServer arm;
    private String web;
    private String db;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void seed() {
        arm = ArmServer.start();
        arm.operationRetryAfter(0);
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(1));
        // nsg-web (the samples' NSG) opens RDP to the world on the subnet of a VM whose NIC has no NSG
        web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("rdp-anywhere", 100).allow().protocol("Tcp").sources("*").ports("3389").build(),
                ArmRule.inbound("https", 110).allow().protocol("Tcp").sources("Internet").ports("443").build());
        arm.putNic("rg-web", "vm-web-nic", arm.putSubnet("rg-net", "vnet-prod", "web", web), null);
        // another NSG, as open, that no sample names: only a sweep may touch it
        db = arm.putNsg("rg-db", "nsg-db", "westeurope",
                ArmRule.inbound("postgres-any", 300).allow().protocol("Tcp").sources("*").ports("5432").build());
        arm.putNic("rg-db", "vm-db-nic", arm.putSubnet("rg-net", "vnet-prod", "db", null), db);
        arm.clearRequests();
    }

    @AfterEach
    void stop() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
        arm.close();
    }

    @Test
    void theTimerSweep_revokesEveryRuleOpenToTheWorld() throws IOException {
        new SecurityGroupAuditSweep(runner(Map.of())).run(sample("timer-tick.json"), context(SecurityGroupAuditSweep.NAME));

        assertThat(arm.ruleNames(web)).containsExactly("https");
        assertThat(arm.ruleNames(db)).isEmpty();
        assertThat(arm.requests()).filteredOn(r -> !r.method().equals("GET")).extracting(ArmRequest::method).containsOnly("DELETE")
                .hasSize(2);
        JsonNode run = logLine("run");
        assertThat(run.at("/run/trigger").asText()).isEqualTo("schedule");
        assertThat(run.at("/run/account").asText()).isEqualTo(ArmServer.SUBSCRIPTION);
        assertThat(run.path("cause").asText()).isEqualTo("timer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventgrid-nsg-write-by-user.json", "cloudevents-nsg-write-by-user.json",
            "eventgrid-security-rule-write-by-service-principal.json", "cloudevents-security-rule-write-by-service-principal.json",
            "eventgrid-security-rule-write-by-cloudwarden.json", "cloudevents-security-rule-write-by-cloudwarden.json"})
    void anEventGridEvent_auditsOnlyTheNsgItNames(String file) throws IOException {
        new SecurityGroupEventAudit(runner(Map.of())).run(sample(file), context(SecurityGroupEventAudit.NAME));

        assertThat(arm.ruleNames(web)).containsExactly("https");
        assertThat(arm.ruleNames(db)).as("an NSG the event does not name").containsExactly("postgres-any");
        assertThat(arm.requests()).filteredOn(r -> r.path().contains("/networkSecurityGroups"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.path()).containsIgnoringCase("/networkSecurityGroups/nsg-web"));
        JsonNode run = logLine("run");
        assertThat(run.at("/run/trigger").asText()).isEqualTo("event");
        assertThat(run.at("/run/targets")).extracting(JsonNode::asText).containsExactly(web);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventgrid-security-rule-write-by-cloudwarden.json", "cloudevents-security-rule-write-by-cloudwarden.json"})
    void anEventOfTheFunctionsOwnIdentity_isSkipped_withoutACall(String file) throws IOException {
        new SecurityGroupEventAudit(runner(Map.of("CLOUDWARDEN_OWN_PRINCIPAL_ID", OWN_PRINCIPAL.toUpperCase())))
                .run(sample(file), context(SecurityGroupEventAudit.NAME));

        assertThat(arm.requests()).isEmpty();
        assertThat(arm.ruleNames(web)).containsExactly("https", "rdp-anywhere");
        assertThat(logLine("event-skipped").path("reason").asText()).contains("the function's own identity");
    }

    @Test
    void anotherCallersEvent_isAudited_whenTheOwnIdentityIsSet() throws IOException {
        new SecurityGroupEventAudit(runner(Map.of("CLOUDWARDEN_OWN_PRINCIPAL_ID", OWN_PRINCIPAL)))
                .run(sample("eventgrid-security-rule-write-by-service-principal.json"), context(SecurityGroupEventAudit.NAME));

        assertThat(arm.ruleNames(web)).containsExactly("https");
    }

    @Test
    void theSubscriptionValidationHandshake_failsTheInvocation_withoutACall() throws IOException {
        SecurityGroupEventAudit handler = new SecurityGroupEventAudit(runner(Map.of()));
        String event = sample("eventgrid-subscription-validation.json");

        assertThatThrownBy(() -> handler.run(event, context(SecurityGroupEventAudit.NAME)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("is a handshake, not a change")
                .hasMessageContaining("validationResponse");
        assertThat(arm.requests()).isEmpty();
        assertThat(logLine("event-rejected").path("handler").asText()).isEqualTo(SecurityGroupEventAudit.NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid/eventgrid-storage-account-write.json", "invalid/cloudevents-storage-account-write.json"})
    void anEventTheAuditDoesNotReactTo_failsTheInvocation_withoutACall(String file) throws IOException {
        SecurityGroupEventAudit handler = new SecurityGroupEventAudit(runner(Map.of()));
        String event = sample(file);

        assertThatThrownBy(() -> handler.run(event, context(SecurityGroupEventAudit.NAME)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("unsupported data.operationName 'Microsoft.Storage/storageAccounts/write'");
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void anEventFromAnotherSubscription_failsTheInvocation_withoutACall() throws IOException {
        SecurityGroupEventAudit handler = new SecurityGroupEventAudit(runner(Map.of()));
        String event = sample("eventgrid-nsg-write-by-user.json").replace(ArmServer.SUBSCRIPTION, "6f1b1a26-0000-4000-8000-000000000009");

        assertThatThrownBy(() -> handler.run(event, context(SecurityGroupEventAudit.NAME)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("is from account '6f1b1a26-0000-4000-8000-000000000009', but this function runs in account "
                        + ArmServer.SUBSCRIPTION);
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void eachHandler_refusesTheOthersPayload_withoutACall() throws IOException {
        FunctionRunner runner = runner(Map.of());
        String tick = sample("timer-tick.json");
        String grid = sample("eventgrid-nsg-write-by-user.json");

        assertThatThrownBy(() -> new SecurityGroupEventAudit(runner).run(tick, context(SecurityGroupEventAudit.NAME)))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("'eventType'");
        assertThatThrownBy(() -> new SecurityGroupAuditSweep(runner).run(grid, context(SecurityGroupAuditSweep.NAME)))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("this handler takes an Azure Functions timer tick");
        assertThat(arm.requests()).isEmpty();
    }

    /** The runner as the function builds it, with the app settings a deployment sets, pointed at the local server. */
    private FunctionRunner runner(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("CLOUDWARDEN_POLICY", POLICY, "CLOUDWARDEN_ENDPOINT", arm.endpoint(),
                "CLOUDWARDEN_ENDPOINT_CA_CERT", arm.caCertificate().toString()));
        env.putAll(extra);
        FunctionRunner runner = Wiring.runner(env, new PrintStream(log, true, StandardCharsets.UTF_8));
        arm.clearRequests();
        return runner;
    }

    private static String sample(String file) throws IOException {
        return Files.readString(SAMPLES.resolve(file));
    }

    private static FakeExecutionContext context(String function) {
        return new FakeExecutionContext(function);
    }

    /** The last log line of {@code type}. */
    private JsonNode logLine(String type) throws IOException {
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode line = JSON.readTree(lines.get(i));
            if (line.path("type").asText().equals(type)) {
                return line;
            }
        }
        throw new AssertionError("no " + type + " line in the log:\n" + String.join("\n", lines));
    }
}
