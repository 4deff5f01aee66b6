package dev.cloudwarden.events.azure;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the Azure event decoder (Jazzer): whatever the bytes, each of its entry points, for each
 * operation, either decodes a {@link DecodedEvent} or refuses with an {@link UnsupportedEventException} that says why in
 * a printable sentence. Anything else (a NullPointerException, a ClassCastException, a refusal that wraps a defect, an
 * NSG id that is not one) is a finding: a bug to fix, its input kept under
 * {@code src/test/resources/.../EventDecoderFuzzTestInputs}.
 *
 * <p>In the {@code test} phase this runs as a regression test on its seeds: every file in events/azure and bad-input/events
 * (copied there by the build) and every finding ever kept. In the {@code integration-test} phase it fuzzes for a bounded
 * time (surefire execution {@code fuzz-event-decoders} in this module's pom).
 */
class EventDecoderFuzzTest {
    private static final List<String> OPERATIONS = Operations.ids();
    private static final AzureEventDecoder DECODER = new AzureEventDecoder();
    /** What a decoded NSG id must be: canonical segments, a GUID subscription, names without a separator. */
    private static final Pattern NSG_ID = Pattern.compile("/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\\.Network"
            + "/networkSecurityGroups/[A-Za-z0-9_.-]+");

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"eventType\"", "\"eventTime\"", "\"topic\"", "\"subject\"", "\"id\"", "\"data\"", "\"specversion\"", "\"1.0\"",
            "\"type\"", "\"time\"", "\"source\"", "\"Microsoft.Resources.ResourceWriteSuccess\"",
            "\"Microsoft.EventGrid.SubscriptionValidationEvent\"", "\"validationCode\"", "\"operationName\"", "\"resourceUri\"",
            "\"subscriptionId\"", "\"claims\"", "\"authorization\"", "\"evidence\"", "\"principalId\"", "\"principalType\"",
            "\"ServicePrincipal\"", "\"Microsoft.Network/networkSecurityGroups/write\"",
            "\"Microsoft.Network/networkSecurityGroups/securityRules/write\"", "\"/subscriptions/6f1b1a26-0000-4000-8000-000000000001\"",
            "\"/resourceGroups/\"", "\"/providers/Microsoft.Network/networkSecurityGroups/\"", "\"/securityRules/\"",
            "\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\"", "\"http://schemas.microsoft.com/identity/claims/objectidentifier\"",
            "\"IsPastDue\"", "\"ScheduleStatus\"", "\"Next\"", "\"2026-12-07T03:00:00+00:00\"", "\\u"})
    void everyDecoder_decodesOrRefuses_neverCrashes(byte[] bytes) {
        // the whole way, as an entry point and the CLI take an event: a refusal that wraps a defect is a finding too
        outcome(() -> DECODER.read(new ByteArrayInputStream(bytes), FirewallAudit.OPERATION));
        JsonNode event;
        try {
            event = AzureEvents.JSON.parse(bytes);
        } catch (UnsupportedEventException refused) {
            checkRefusal(refused);
            return;
        }
        DECODER.recognises(event);
        outcome(() -> DECODER.timer(event));
        try {
            DECODER.subscriptionValidationCode(event);
        } catch (UnsupportedEventException refused) {
            checkRefusal(refused);
        }
        for (String operation : OPERATIONS) {
            outcome(() -> DECODER.decode(event, operation));
            outcome(() -> DECODER.eventGrid(event, operation));
        }
    }

    private static void outcome(Supplier<DecodedEvent> decoder) {
        DecodedEvent decoded;
        try {
            decoded = decoder.get();
        } catch (UnsupportedEventException refused) {
            checkRefusal(refused);
            return;
        }
        if (decoded == null) {
            throw new AssertionError("a decoder returned null");
        }
        if (decoded.scope() instanceof Scope.Resources resources
                && (resources.ids().size() != 1 || !NSG_ID.matcher(resources.ids().getFirst()).matches())) {
            throw new AssertionError("decoded an event whose scope is not one NSG's id: " + decoded);
        }
    }

    private static void checkRefusal(UnsupportedEventException refused) {
        String message = refused.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError("a refusal without a message", refused);
        }
        if (refused.getCause() != null) {
            throw new AssertionError("the decoder failed on the event: " + message, refused.getCause());
        }
        if (message.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new AssertionError("a refusal quotes the event raw: " + message.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
