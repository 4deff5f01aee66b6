package dev.cloudwarden.events.azure;

import static dev.cloudwarden.events.azure.AzureSamples.CLOUDWARDEN;
import static dev.cloudwarden.events.azure.AzureSamples.NSG;
import static dev.cloudwarden.events.azure.AzureSamples.SERVICE_PRINCIPAL;
import static dev.cloudwarden.events.azure.AzureSamples.SUBSCRIPTION;
import static dev.cloudwarden.events.azure.AzureSamples.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/azure through the decoder, as the security-group audit's function and the CLI's --event read it,
 * with what must come of it: the NSG to evaluate (a rule's write cut at its NSG, whatever the case of the id's segments),
 * who made the change in the form the Azure provider's CloudNames reads (so that the function's own writes can be
 * told), a timer's sweep and the firing it stands for, or the refusal.
 */
class SampleEventsTest {
    private static final String SG = FirewallAudit.OPERATION;
    private static final AzureEventDecoder DECODER = new AzureEventDecoder();
    /** The Azure provider module's names, found as a deployment finds them. */
    private static final CloudNames NAMES = Providers.find(CloudId.AZURE).names();

    private static final String NSG_WRITE = "Microsoft.Network/networkSecurityGroups/write";
    private static final String RULE_WRITE = "Microsoft.Network/networkSecurityGroups/securityRules/write";

    /** What the decoder must make of one sample. */
    private sealed interface Expected {
    }

    /** The NSG's write, by {@code principal} of {@code type}, who acts as {@code role} (empty: a person). */
    private record Write(String operationName, String principal, String type, Optional<String> role, Instant at) implements Expected {
    }

    private record Sweep(String cause, Instant firing) implements Expected {
    }

    private record Refused(String fragment) implements Expected {
    }

    private static final Write BY_USER = new Write(NSG_WRITE, USER, "User", Optional.empty(), Instant.parse("2026-12-07T09:14:27.6117357Z"));
    private static final Write BY_SERVICE_PRINCIPAL = new Write(RULE_WRITE, SERVICE_PRINCIPAL, "ServicePrincipal", Optional.of(SERVICE_PRINCIPAL),
            Instant.parse("2026-12-07T09:31:05.2046613Z"));
    private static final Write BY_CLOUDWARDEN = new Write(RULE_WRITE, CLOUDWARDEN, "ServicePrincipal", Optional.of(CLOUDWARDEN),
            Instant.parse("2026-12-07T09:14:41.0934281Z"));

    /** A storage account's write, refused naming the operation, its event type as the schema names the field, and what is taken. */
    private static Refused storageWrite(String typeField) {
        return new Refused("unsupported data.operationName 'Microsoft.Storage/storageAccounts/write' in " + typeField
                + " 'Microsoft.Resources.ResourceWriteSuccess': the security-group-audit function evaluates " + RULE_WRITE + ", " + NSG_WRITE);
    }

    private static final Map<String, Expected> EXPECTATIONS = Map.ofEntries(
            Map.entry("eventgrid-nsg-write-by-user.json", BY_USER),
            Map.entry("cloudevents-nsg-write-by-user.json", BY_USER),
            Map.entry("eventgrid-security-rule-write-by-service-principal.json", BY_SERVICE_PRINCIPAL),
            Map.entry("cloudevents-security-rule-write-by-service-principal.json", BY_SERVICE_PRINCIPAL),
            Map.entry("eventgrid-security-rule-write-by-cloudwarden.json", BY_CLOUDWARDEN),
            Map.entry("cloudevents-security-rule-write-by-cloudwarden.json", BY_CLOUDWARDEN),
            Map.entry("timer-tick.json", new Sweep("timer", Instant.parse("2026-12-07T03:00:00Z"))),
            Map.entry("timer-tick-past-due.json", new Sweep("timer, past due", Instant.parse("2026-12-07T00:00:00Z"))),
            Map.entry("eventgrid-subscription-validation.json", new Refused("Event Grid subscription validation event"
                    + " '2f7d9b1e-5c3a-4e8f-b6d0-9a1c3e5f7b2d' is a handshake, not a change: the endpoint answers it with"
                    + " {\"validationResponse\": \"8b1e4d7a-2c5f-4a9e-b3d6-0f2a5c8e1b4d\"}")),
            Map.entry("invalid/eventgrid-storage-account-write.json", storageWrite("eventType")),
            Map.entry("invalid/cloudevents-storage-account-write.json", storageWrite("type")));

    static Stream<String> sampleEvents() throws IOException {
        Path dir = AzureSamples.dir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("README.md"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everySampleEvent_isDecodedAsSpecified(String name) {
        Expected expected = EXPECTATIONS.get(name);
        if (expected == null) {
            fail("events/azure/" + name + " has no expectation in SampleEventsTest: say what the decoder must do with it");
        }
        byte[] bytes = AzureSamples.text(name).getBytes(StandardCharsets.UTF_8);
        switch (expected) {
            case Write write -> {
                DecodedEvent event = DECODER.read(new ByteArrayInputStream(bytes), SG);
                assertThat(event.scope()).isEqualTo(Scope.resources(List.of(NSG)));
                assertThat(event.account()).isEqualTo(SUBSCRIPTION);
                assertThat(event.region()).as("Azure's resource events name no location").isEmpty();
                assertThat(event.cause()).isEqualTo(write.operationName());
                assertThat(event.errorCode()).isEmpty();
                assertThat(event.creator()).contains(new Creator(write.principal(), write.type(), write.at()));
                assertThat(NAMES.actingRole(event.creator().orElseThrow().principal())).isEqualTo(write.role());
                RunRequest request = event.request(RunReport.Trigger.EVENT, false);
                assertThat(request.scope().isSweep()).isFalse();
                assertThat(request.creator()).isEqualTo(event.creator());
                assertThat(request.firing()).isEmpty();
            }
            case Sweep sweep -> {
                DecodedEvent event = DECODER.read(new ByteArrayInputStream(bytes), SG);
                assertThat(event.scope().isSweep()).isTrue();
                assertThat(event.cause()).isEqualTo(sweep.cause());
                assertThat(event.creator()).isEmpty();
                assertThat(event.firing()).contains(sweep.firing());
                assertThat(event.request(RunReport.Trigger.SCHEDULE, false).firing()).contains(sweep.firing());
            }
            case Refused refused -> {
                UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                        () -> DECODER.read(new ByteArrayInputStream(bytes), SG));
                assertThat(e).as("refused").isNotNull();
                assertThat(e.getMessage()).contains(refused.fragment());
                assertThat(e.getCause()).as("a refusal, not a defect").isNull();
            }
        }
    }

    /** The three writes about one NSG, in whatever case each spelled its id, name one NSG; the timer any operation's sweep. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everyOperation_getsTheTimersSweep_andOnlyTheAuditTakesTheWrites(String name) throws IOException {
        Expected expected = EXPECTATIONS.get(name);
        if (!(expected instanceof Sweep) && !(expected instanceof Write)) {
            return;
        }
        JsonNode event = new ObjectMapper().readTree(AzureSamples.text(name));
        for (String operation : Operations.ids()) {
            if (expected instanceof Sweep || operation.equals(SG)) {
                assertThat(DECODER.decode(event, operation).scope().isSweep()).isEqualTo(expected instanceof Sweep);
            } else {
                assertThat(catchThrowableOfType(UnsupportedEventException.class, () -> DECODER.decode(event, operation)))
                        .hasMessageEndingWith("the " + operation + " function accepts no Event Grid events, only its timer");
            }
        }
    }
}
