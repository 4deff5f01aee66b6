package dev.cloudwarden.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import java.io.InputStream;

/**
 * The service-provider interface of event decoding: one implementation per cloud, in that cloud's events module
 * ({@code functions/events/<cloud>}), listed in {@code META-INF/services/dev.cloudwarden.core.trigger.EventDecoder}
 * and found by {@link EventDecoders}. It turns the cloud's events (schedules, audit-log records of API calls, service
 * notifications) into a {@link DecodedEvent} for one operation, or refuses them with an
 * {@link UnsupportedEventException} that says why in one sentence. It calls nothing: decoding needs no cloud SDK and
 * no function runtime, so the CLI replays an event exactly as the function would.
 */
public interface EventDecoder {
    /** The cloud whose events this decodes. */
    CloudId cloud();

    /** How this cloud's events are read before any field is: their size and nesting limits, and the words for messages. */
    EventJson json();

    /**
     * Whether {@code event} is shaped like one of this cloud's events (its envelope), for a caller that does not know
     * where an event came from. Whether the event is then accepted is {@link #decode}'s to say.
     */
    boolean recognises(JsonNode event);

    /**
     * Any event a function of {@code operation} accepts, decoded into the resources and facts the operation needs.
     *
     * @throws UnsupportedEventException when a function of {@code operation} does not accept the event, saying why
     */
    DecodedEvent decode(JsonNode event, String operation);

    /**
     * Reads one event from {@code in} within {@link #json()}'s limits and {@linkplain #decode decodes} it: what an entry
     * point and the CLI's {@code --event} do. A defect inside the decoder is a refusal too ({@link EventJson#decode}).
     *
     * @throws UnsupportedEventException whatever is wrong with the event
     */
    default DecodedEvent read(InputStream in, String operation) {
        return json().decode(in, this::decode, operation);
    }
}
