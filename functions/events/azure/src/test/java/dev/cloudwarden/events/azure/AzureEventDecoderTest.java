package dev.cloudwarden.events.azure;

import static dev.cloudwarden.events.azure.AzureSamples.CLOUDWARDEN;
import static dev.cloudwarden.events.azure.AzureSamples.NSG;
import static dev.cloudwarden.events.azure.AzureSamples.SERVICE_PRINCIPAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoders;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the decoder refuses, and how it says so: one sentence naming the field, values from the event made printable
 * and short; and what it reads the same whatever the spelling (the case of ids and operation names, either schema).
 */
class AzureEventDecoderTest {
    private static final String SG = FirewallAudit.OPERATION;
    private static final AzureEventDecoder DECODER = new AzureEventDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE_ID = NSG + "/securityRules/allow-rdp-from-office";
    private static final String OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /** The service principal's rule write, in the Event Grid schema: its one event, to change. */
    private static ObjectNode gridEvent() throws IOException {
        return (ObjectNode) JSON.readTree(AzureSamples.text("eventgrid-security-rule-write-by-service-principal.json")).get(0);
    }

    private static ObjectNode cloudEvent() throws IOException {
        return (ObjectNode) JSON.readTree(AzureSamples.text("cloudevents-security-rule-write-by-service-principal.json"));
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) data(event).get("claims");
    }

    private static DecodedEvent decoded(JsonNode event) {
        return DECODER.read(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), SG);
    }

    private static String refusal(JsonNode event) {
        return refusal(event.toString());
    }

    private static String refusal(String event) {
        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                () -> DECODER.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), SG));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getCause()).as("a refusal, not a defect").isNull();
        assertThat(e.getStackTrace()).as("an expected outcome carries no stack trace").isEmpty();
        return e.getMessage();
    }

    private static Optional<Creator> caller(ObjectNode event) {
        return decoded(event).creator();
    }

    // --- found as the SPI's Azure decoder ------------------------------------------------------------------------------

    @Test
    void theDecoder_isFoundForAzure_andRecognisesAzuresShapesOnly() throws IOException {
        assertThat(EventDecoders.find(CloudId.AZURE)).isInstanceOf(AzureEventDecoder.class);
        assertThat(EventDecoders.recognising(JSON.readTree(AzureSamples.text("timer-tick.json")))).isInstanceOf(AzureEventDecoder.class);
        assertThat(DECODER.recognises(JSON.readTree(AzureSamples.text("eventgrid-nsg-write-by-user.json")))).isTrue();
        assertThat(DECODER.recognises(cloudEvent())).isTrue();
        assertThat(DECODER.recognises(JSON.readTree("{\"specversion\": \"1.0\", \"type\": \"google.cloud.audit.log.v1.written\"}")))
                .as("CloudEvents of another cloud").isFalse();
        assertThat(DECODER.recognises(JSON.readTree("{\"detail-type\": \"Scheduled Event\", \"source\": \"aws.events\"}"))).isFalse();
        assertThat(DECODER.recognises(JSON.readTree("[]"))).isFalse();
    }

    // --- one delivery, one event ----------------------------------------------------------------------------------------

    @Test
    void anEventAlone_andAsTheOneEventOfAnArray_areTheSame() throws IOException {
        ArrayNode array = JSON.createArrayNode().add(gridEvent());

        assertThat(decoded(gridEvent())).isEqualTo(decoded(array));
        assertThat(decoded(cloudEvent())).isEqualTo(decoded(JSON.createArrayNode().add(cloudEvent())));
    }

    @Test
    void aDeliveryOfSeveralEvents_orNone_isRefused_namingTheSetting() throws IOException {
        assertThat(refusal(JSON.createArrayNode().add(gridEvent()).add(gridEvent())))
                .isEqualTo("the delivery holds 2 events: cloudwarden takes one event a delivery; set the event subscription's"
                        + " maxEventsPerBatch to 1 (Event Grid's default)");
        assertThat(refusal("[]")).isEqualTo("the delivery is an empty array: it holds no event");
        assertThat(refusal("[\"Microsoft.Resources.ResourceWriteSuccess\"]")).isEqualTo("the delivery's event is a string, expected an object");
    }

    @Test
    void whatIsNotJson_orNotAnObjectOrArray_isRefused_inEventGridsWords() throws IOException {
        assertThat(refusal("not json")).startsWith("the event is not valid JSON (line 1, column 1): Unrecognized token 'not'");
        assertThat(refusal("\"x\"")).isEqualTo("the event is a string, not a JSON object or array: expected an Event Grid event or a timer tick");
        assertThat(refusal(" ")).isEqualTo("the event is empty: expected an Event Grid event or a timer tick, a JSON object or array");
        assertThat(refusal(gridEvent() + " {}")).startsWith("the event has more after its JSON object (line 1, column ");
        assertThat(refusal("{\"eventType\": \"a\", \"eventType\": \"b\"}")).contains("Duplicate field 'eventType'");
    }

    @Test
    void aDeliveryLargerThanEventGridsLimit_isRefused() throws IOException {
        ObjectNode event = gridEvent();
        data(event).put("pad", "p".repeat(AzureEvents.MAX_EVENT_BYTES));

        assertThat(refusal(event)).isEqualTo("the event is larger than 1024 KB (1048576 bytes), Event Grid's limit for an event: it is not one");
    }

    // --- the envelope of each schema --------------------------------------------------------------------------------------

    @Test
    void eachEnvelopeField_isRequired_andMustBeAString_namedAsItsSchemaNamesIt() throws IOException {
        ObjectNode grid = gridEvent();
        grid.remove("id");
        assertThat(refusal(grid)).isEqualTo("event has no 'id' field");
        assertThat(refusal(gridEvent().put("eventType", " "))).isEqualTo("event field 'eventType' is blank");
        assertThat(refusal(gridEvent().set("topic", JSON.createArrayNode()))).isEqualTo("event field 'topic' is an array, expected a string");
        assertThat(refusal(gridEvent().set("data", JSON.createArrayNode()))).isEqualTo("event field 'data' is an array, expected an object");
        assertThat(refusal(gridEvent().put("eventTime", "yesterday"))).isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d has no valid"
                + " 'eventTime' (when it happened, such as 2026-12-07T09:14:27.1234567Z): 'yesterday'");

        ObjectNode cloud = cloudEvent();
        cloud.remove("source");
        assertThat(refusal(cloud)).isEqualTo("event has no 'source' field");
        assertThat(refusal(cloudEvent().put("specversion", "0.3"))).isEqualTo("event field 'specversion' is '0.3': cloudwarden reads"
                + " CloudEvents 1.0, as Event Grid delivers them");
        ObjectNode timeless = cloudEvent();
        timeless.remove("time");
        assertThat(refusal(timeless)).endsWith("has no valid 'time' (when it happened, such as 2026-12-07T09:14:27.1234567Z): none");
        assertThat(refusal("{\"hello\": \"world\"}")).isEqualTo("unsupported event: not an Event Grid event (it has no 'eventType'), a"
                + " CloudEvents event (no 'specversion') nor an Azure Functions timer tick (no 'IsPastDue' or 'ScheduleStatus')");
    }

    @Test
    void anotherEventType_isRefused_namingWhatTheFunctionAccepts() throws IOException {
        assertThat(refusal(gridEvent().put("eventType", "Microsoft.Resources.ResourceDeleteSuccess")))
                .isEqualTo("unsupported event: eventType 'Microsoft.Resources.ResourceDeleteSuccess'; the security-group-audit function"
                        + " accepts Microsoft.Resources.ResourceWriteSuccess");
        assertThat(refusal(cloudEvent().put("type", "Microsoft.Resources.ResourceWriteFailure")))
                .startsWith("unsupported event: type 'Microsoft.Resources.ResourceWriteFailure'; ");
        assertThat(catchThrowableOfType(UnsupportedEventException.class, () -> DECODER.decode(gridEvent(), TagCompliance.OPERATION)))
                .hasMessage("unsupported event: eventType 'Microsoft.Resources.ResourceWriteSuccess'; the tag-compliance function accepts"
                        + " no Event Grid events, only its timer");
    }

    // --- the operation and the resource -----------------------------------------------------------------------------------

    @Test
    void operationNames_areMatchedWithoutRegardToCase_andKeptAsWritten() throws IOException {
        String lower = "microsoft.network/networksecuritygroups/securityrules/write";

        DecodedEvent event = decoded(gridEvent().set("data", data(gridEvent()).put("operationName", lower)));

        assertThat(event.cause()).isEqualTo(lower);
        assertThat(event.scope()).isEqualTo(Scope.resources(List.of(NSG)));
    }

    @Test
    void anotherOperation_orNone_isRefused_namingTheField() throws IOException {
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("operationName", "Microsoft.Network/virtualNetworks/write"))))
                .isEqualTo("unsupported data.operationName 'Microsoft.Network/virtualNetworks/write' in eventType"
                        + " 'Microsoft.Resources.ResourceWriteSuccess': the security-group-audit function evaluates"
                        + " Microsoft.Network/networkSecurityGroups/securityRules/write, Microsoft.Network/networkSecurityGroups/write");
        ObjectNode unnamed = gridEvent();
        data(unnamed).remove("operationName");
        assertThat(refusal(unnamed)).isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d names no operation: looked for data.operationName");
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("operationName", 7))))
                .isEqualTo("event field 'data.operationName' is a number, expected a string");
        ObjectNode dataless = gridEvent();
        dataless.remove("data");
        assertThat(refusal(dataless)).startsWith("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d has no 'data'");
    }

    @Test
    void aMissingResourceUri_isRefused_namingTheField() throws IOException {
        ObjectNode event = gridEvent();
        data(event).remove("resourceUri");

        assertThat(refusal(event)).isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d names no resource: looked for data.resourceUri");
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).set("resourceUri", JSON.createObjectNode()))))
                .isEqualTo("event field 'data.resourceUri' is an object, expected a string");
    }

    @Test
    void theNsgId_isCanonicalWhateverTheCaseOfItsSegments_withItsValuesAsWritten() throws IOException {
        String shouting = "/SUBSCRIPTIONS/6f1b1a26-0000-4000-8000-000000000001/RESOURCEGROUPS/rg-web/PROVIDERS/microsoft.network"
                + "/NETWORKSECURITYGROUPS/nsg-web/SECURITYRULES/allow-rdp-from-office";
        String mixedValues = RULE_ID.replace("rg-web", "RG-Web").replace("nsg-web", "NSG-Web");

        assertThat(decoded(gridEvent().set("data", data(gridEvent()).put("resourceUri", shouting))).scope())
                .isEqualTo(Scope.resources(List.of(NSG)));
        assertThat(decoded(gridEvent().set("data", data(gridEvent()).put("resourceUri", NSG.toLowerCase()))).scope())
                .as("an NSG's own id").isEqualTo(Scope.resources(List.of(NSG)));
        assertThat(decoded(gridEvent().set("data", data(gridEvent()).put("resourceUri", mixedValues))).scope())
                .isEqualTo(Scope.resources(List.of(NSG.replace("rg-web", "RG-Web").replace("nsg-web", "NSG-Web"))));
    }

    @Test
    void aResourceThatIsNotAnNsg_orNotAnId_isRefused_namingTheField() throws IOException {
        String expected = "is not a network security group's id or one of its security rules'";
        for (String notAnNsg : List.of(
                NSG.replace("networkSecurityGroups/nsg-web", "virtualNetworks/vnet-web"),
                NSG.replace("Microsoft.Network", "Microsoft.Compute"),
                RULE_ID + "/extra/segments",
                NSG + "/defaultSecurityRules/AllowVnetInBound",
                NSG + "/",
                NSG.replace("rg-web", ".."),
                NSG.replace("nsg-web", "nsg web"),
                NSG.replace("nsg-web", "-nsg"),
                "/subscriptions/6f1b1a26-0000-4000-8000-000000000001/providers/Microsoft.Network/networkSecurityGroups/nsg-web")) {
            assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("resourceUri", notAnNsg))))
                    .as(notAnNsg).startsWith("Microsoft.Network/networkSecurityGroups/securityRules/write event"
                            + " 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d names no network security group: data.resourceUri '").contains(expected);
        }
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("resourceUri", "nsg-web"))))
                .isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d: data.resourceUri is not an Azure resource id (/subscriptions/{GUID}/…): 'nsg-web'");
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("resourceUri", NSG.replace("6f1b1a26-0000-4000-8000-000000000001", "my-sub")))))
                .contains("data.resourceUri is not an Azure resource id");
    }

    @Test
    void aSubscriptionTheResourceIsNotIn_isRefused() throws IOException {
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).put("subscriptionId", "11111111-2222-4333-8444-555555555555"))))
                .isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d is from subscription '11111111-2222-4333-8444-555555555555'"
                        + " (data.subscriptionId), but its data.resourceUri is in subscription 6f1b1a26-0000-4000-8000-000000000001");
        assertThat(decoded(gridEvent().set("data", data(gridEvent()).put("subscriptionId", "6F1B1A26-0000-4000-8000-000000000001"))).account())
                .as("a GUID in capitals is the same subscription").isEqualTo("6f1b1a26-0000-4000-8000-000000000001");
    }

    // --- the caller ------------------------------------------------------------------------------------------------------

    @Test
    void aGuestWithoutUpn_isAPersonByUniqueName_thenByDisplayName() throws IOException {
        ObjectNode guest = gridEvent();
        claims(guest).put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "live.com#bob@example.org").put("name", "Bob");
        assertThat(caller(guest).orElseThrow()).extracting(Creator::principal, Creator::principalType)
                .containsExactly("live.com#bob@example.org", "User");

        ObjectNode named = gridEvent();
        claims(named).put("name", "Bob");
        assertThat(caller(named).orElseThrow().principal()).isEqualTo("Bob");
    }

    @Test
    void withoutAnObjectIdClaim_theRoleAssignmentsPrincipalIsTheCaller_onlyWhenItIsAServicePrincipal() throws IOException {
        ObjectNode viaAssignment = gridEvent();
        claims(viaAssignment).remove(OBJECT_ID);
        assertThat(caller(viaAssignment).orElseThrow().principal()).isEqualTo(SERVICE_PRINCIPAL);

        ObjectNode viaGroup = gridEvent();
        claims(viaGroup).remove(OBJECT_ID);
        ((ObjectNode) data(viaGroup).get("authorization").get("evidence")).put("principalType", "Group");
        assertThat(caller(viaGroup)).as("a group's assignment names the group, not the caller").isEmpty();
    }

    @Test
    void claimsThatIdentifyNoOne_leaveTheCallerUnknown_andTheNsgIsStillEvaluated() throws IOException {
        ObjectNode anonymous = gridEvent();
        data(anonymous).remove("claims");
        data(anonymous).remove("authorization");

        DecodedEvent event = decoded(anonymous);

        assertThat(event.creator()).isEmpty();
        assertThat(event.scope()).isEqualTo(Scope.resources(List.of(NSG)));
    }

    @Test
    void theObjectIdIsLowerCase_andMustBeAGuid() throws IOException {
        ObjectNode upper = gridEvent();
        claims(upper).put(OBJECT_ID, CLOUDWARDEN.toUpperCase());
        assertThat(caller(upper).orElseThrow().principal()).isEqualTo(CLOUDWARDEN);

        ObjectNode notAGuid = gridEvent();
        claims(notAGuid).put(OBJECT_ID, "cloudwarden");
        assertThat(refusal(notAGuid)).isEqualTo("event 7a3c5e9b-2d4f-4a6c-b8e0-3f5a7c9e1b2d: the caller's object id is not a GUID:"
                + " 'cloudwarden' (data.claims[\"" + OBJECT_ID + "\"] or data.authorization.evidence.principalId)");
    }

    @Test
    void claimsOfTheWrongKind_areRefused_namingTheField() throws IOException {
        assertThat(refusal(gridEvent().set("data", data(gridEvent()).set("claims", JSON.createArrayNode()))))
                .isEqualTo("event field 'data.claims' is an array, expected an object");
        ObjectNode numeric = gridEvent();
        claims(numeric).put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", 42);
        assertThat(refusal(numeric)).isEqualTo("event field 'data.claims[\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\"]'"
                + " is a number, expected a string");
    }

    // --- the timer ------------------------------------------------------------------------------------------------------

    @Test
    void aTimerTick_withoutAStatus_standsForItsOwnTime() throws IOException {
        DecodedEvent tick = decoded(JSON.readTree("{\"Schedule\": {\"AdjustForDST\": true}, \"ScheduleStatus\": null, \"IsPastDue\": false}"));

        assertThat(tick.scope().isSweep()).isTrue();
        assertThat(tick.firing()).isEmpty();
        assertThat(tick.account()).isEmpty();
        assertThat(tick.region()).isEmpty();
    }

    @Test
    void aTimerTickOfTheWrongShape_isRefused_namingTheField() throws IOException {
        assertThat(refusal("{\"IsPastDue\": \"false\"}")).isEqualTo("timer field 'IsPastDue' is a string, expected true or false");
        assertThat(refusal("{\"IsPastDue\": false, \"ScheduleStatus\": []}")).isEqualTo("timer field 'ScheduleStatus' is an array, expected an object");
        assertThat(refusal("{\"IsPastDue\": false, \"Schedule\": 5}")).isEqualTo("timer field 'Schedule' is a number, expected an object");
        assertThat(refusal("{\"IsPastDue\": false, \"ScheduleStatus\": {\"Next\": \"2026-12-07T03:00:00\"}}"))
                .isEqualTo("timer tick has no valid 'ScheduleStatus.Next' (when this run was due, with its offset, such as"
                        + " 2026-12-07T03:00:00+00:00): '2026-12-07T03:00:00'");
        assertThat(refusal("{\"IsPastDue\": false, \"ScheduleStatus\": {\"Next\": 1}}"))
                .isEqualTo("event field 'ScheduleStatus.Next' is a number, expected a string");
    }

    @Test
    void theTimersHandler_takesOnlyTicks_andTheEventGridHandlerNoTicks() throws IOException {
        JsonNode tick = JSON.readTree(AzureSamples.text("timer-tick.json"));

        assertThat(catchThrowableOfType(UnsupportedEventException.class, () -> DECODER.timer(gridEvent())))
                .hasMessage("unsupported event: this handler takes an Azure Functions timer tick, an object with 'IsPastDue' and 'ScheduleStatus'");
        assertThat(catchThrowableOfType(UnsupportedEventException.class, () -> DECODER.eventGrid(tick, SG)))
                .hasMessage("unsupported event: neither an Event Grid event (it has no 'eventType') nor a CloudEvents event (no 'specversion')");
        assertThat(catchThrowableOfType(UnsupportedEventException.class, () -> DECODER.decode(JSON.createArrayNode().add(tick), SG)))
                .as("a tick comes alone, never in Event Grid's array").hasMessageStartingWith("unsupported event: neither an Event Grid event");
    }

    // --- the subscription's handshake ---------------------------------------------------------------------------------------

    @Test
    void theValidationCode_isGivenToWhoeverAnswersTheHandshake_andOtherEventsHaveNone() throws IOException {
        JsonNode validation = JSON.readTree(AzureSamples.text("eventgrid-subscription-validation.json"));

        assertThat(DECODER.subscriptionValidationCode(validation)).contains("8b1e4d7a-2c5f-4a9e-b3d6-0f2a5c8e1b4d");
        assertThat(DECODER.subscriptionValidationCode(gridEvent())).isEmpty();
        assertThat(DECODER.subscriptionValidationCode(JSON.readTree(AzureSamples.text("timer-tick.json")))).isEmpty();
        ObjectNode codeless = (ObjectNode) validation.get(0).deepCopy();
        ((ObjectNode) codeless.get("data")).remove("validationCode");
        assertThat(refusal(codeless)).isEqualTo("Event Grid subscription validation event 2f7d9b1e-5c3a-4e8f-b6d0-9a1c3e5f7b2d has no code to"
                + " answer with: looked for data.validationCode");
    }

    // --- what a message quotes -----------------------------------------------------------------------------------------

    @Test
    void controlCharactersAndLongValues_areMadePrintableAndShortInTheMessage() throws IOException {
        String message = refusal(gridEvent().put("eventType", "\u001b[31mall clear\u001b[0m\r\n\u202e" + "x".repeat(10_000)));

        assertThat(message).startsWith("unsupported event: eventType '\\u001b[31mall clear\\u001b[0m\\r\\n\\u202e")
                .contains("… (10021 characters)'").hasSizeLessThan(300);
        assertThat(message.chars()).noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }
}
