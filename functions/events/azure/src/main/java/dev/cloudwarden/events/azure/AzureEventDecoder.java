package dev.cloudwarden.events.azure;

import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoder;
import dev.cloudwarden.core.trigger.EventJson;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decodes the Azure events the functions accept, and rejects everything else with a message naming what was expected
 * and what arrived. This class routes by the envelope; what each operation reacts to is its {@link AzureTrigger}'s:
 * <ul>
 *   <li>an Azure Functions timer tick ({@code IsPastDue}, {@code ScheduleStatus}): sweep, for any operation;</li>
 *   <li>an Event Grid event from a subscription's system topic, in the Event Grid schema ({@code eventType}) or the
 *       CloudEvents 1.0 schema ({@code specversion}), alone or as the one event of a delivery's array, whose type and
 *       ARM operation ({@code data.operationName}) the function's operation reacts to ({@link AzureTrigger#operations()}):
 *       evaluate the resource it names.</li>
 * </ul>
 *
 * <p>Event Grid's subscription validation event is a handshake the endpoint answers, not a change: the SPI has no outcome
 * for it, so it is refused, with the answer it expects in the message; {@link #subscriptionValidationCode} gives the
 * code to an entry point that answers it (the Azure Functions Event Grid trigger answers it itself).
 *
 * <p>Azure's events name no location (a subscription's system topic is global, and a timer is the function's own): the
 * decoded region is empty. A timer tick names no subscription either.
 *
 * <p>Everything else fails with an {@link UnsupportedEventException} whose message is one sentence saying what is
 * wrong, naming the field, with every value it quotes from the event made printable and cut short. Before any field is
 * read, the bytes must be one delivery as Event Grid posts one, or one timer tick ({@link AzureEvents#JSON}).
 */
public final class AzureEventDecoder implements EventDecoder {
    @Override
    public CloudId cloud() {
        return CloudId.AZURE;
    }

    @Override
    public EventJson json() {
        return AzureEvents.JSON;
    }

    /**
     * An Event Grid event of Azure's (the Event Grid schema; CloudEvents whose type is one of Microsoft's, since other
     * clouds send CloudEvents too), alone or first in an array, or an Azure Functions timer tick.
     */
    @Override
    public boolean recognises(JsonNode event) {
        if (TimerTick.shaped(event)) {
            return true;
        }
        JsonNode first = event != null && event.isArray() ? event.path(0) : event;
        return first != null && first.isObject() && (first.path("eventType").isTextual()
                || (first.path("specversion").isTextual() && first.path("type").asText("").startsWith("Microsoft.")));
    }

    /** Any event a function of {@code operation} accepts, by its shape: what an entry point and the CLI's --event do. */
    @Override
    public DecodedEvent decode(JsonNode event, String operation) {
        if (TimerTick.shaped(event)) {
            return timer(event);
        }
        if (!GridEvent.shaped(event) && event != null && event.isObject()) {
            throw new UnsupportedEventException("unsupported event: not an Event Grid event (it has no 'eventType'), a CloudEvents event"
                    + " (no 'specversion') nor an Azure Functions timer tick (no 'IsPastDue' or 'ScheduleStatus')");
        }
        return eventGrid(event, operation);
    }

    /** A timer's tick, for any operation: sweep. */
    public DecodedEvent timer(JsonNode event) {
        if (!TimerTick.shaped(event)) {
            throw new UnsupportedEventException("unsupported event: this handler takes an Azure Functions timer tick, an object with"
                    + " 'IsPastDue' and 'ScheduleStatus'");
        }
        return TimerTick.decode(event);
    }

    /** An Event Grid delivery {@code operation} reacts to, decoded by the operation's trigger into the resource it names. */
    public DecodedEvent eventGrid(JsonNode event, String operation) {
        GridEvent grid = GridEvent.of(event);
        if (grid.type().equals(AzureEvents.SUBSCRIPTION_VALIDATION)) {
            throw new UnsupportedEventException("Event Grid subscription validation event " + quote(grid.id()) + " is a handshake, not a"
                    + " change: the endpoint answers it with {\"validationResponse\": \"" + safe(validationCode(grid)) + "\"} (the Azure"
                    + " Functions Event Grid trigger answers it itself); nothing was called");
        }
        Optional<AzureTrigger> trigger = AzureTriggers.of(operation);
        Map<String, Set<String>> accepted = trigger.map(AzureTrigger::operations).orElse(Map.of());
        if (!accepted.containsKey(grid.type())) {
            throw new UnsupportedEventException("unsupported event: " + grid.typeQuoted() + "; the " + operation + " function accepts "
                    + (accepted.isEmpty() ? "no Event Grid events, only its timer" : String.join(", ", new TreeSet<>(accepted.keySet()))));
        }
        ResourceEvent resource = ResourceEvent.of(grid);
        Set<String> names = accepted.get(grid.type()).stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!names.contains(resource.operationName().toLowerCase(Locale.ROOT))) {
            throw new UnsupportedEventException("unsupported data.operationName " + quote(resource.operationName()) + " in "
                    + grid.typeQuoted() + ": the " + operation + " function evaluates "
                    + String.join(", ", new TreeSet<>(accepted.get(grid.type()))));
        }
        return trigger.orElseThrow().resourceEvent(resource);
    }

    /**
     * The code an endpoint echoes to validate an Event Grid subscription, when {@code event} is the validation event;
     * empty for any other event.
     *
     * @throws UnsupportedEventException when the event is malformed, or is the validation event without a code
     */
    public Optional<String> subscriptionValidationCode(JsonNode event) {
        if (!GridEvent.shaped(event)) {
            return Optional.empty();
        }
        GridEvent grid = GridEvent.of(event);
        return grid.type().equals(AzureEvents.SUBSCRIPTION_VALIDATION) ? Optional.of(validationCode(grid)) : Optional.empty();
    }

    private static String validationCode(GridEvent grid) {
        String code = string(grid.data(), "validationCode", "data.validationCode");
        if (code.isBlank()) {
            throw new UnsupportedEventException("Event Grid subscription validation event " + safe(grid.id())
                    + " has no code to answer with: looked for data.validationCode");
        }
        return code;
    }
}
