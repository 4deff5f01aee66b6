package dev.cloudwarden.events.azure;

import static dev.cloudwarden.core.trigger.EventFields.kind;
import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One event as Event Grid delivers it, in either of its schemas, read apart into what both have: its id, type and time,
 * and its {@code data}. Event Grid posts an array of events; the function takes one event a delivery (the Azure
 * Functions Event Grid trigger hands over one at a time; a webhook gets one while the subscription's
 * {@code maxEventsPerBatch} is 1, its default), so an array must hold exactly one.
 *
 * @param schema which of Event Grid's schemas the event is in, for the names of its fields
 * @param data   the event's {@code data}: an object, or a missing node when the event has none
 */
public record GridEvent(Schema schema, String id, String type, String time, JsonNode data) {
    public GridEvent {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** Event Grid's two schemas: the same event, with its envelope's fields named differently. */
    public enum Schema {
        /** Event Grid's own schema: {@code eventType}, {@code eventTime}, {@code topic}. */
        EVENT_GRID("eventType", "eventTime"),
        /** CloudEvents 1.0 in structured JSON: {@code type}, {@code time}, {@code source}, {@code specversion}. */
        CLOUD_EVENTS("type", "time");

        private final String typeField;
        private final String timeField;

        Schema(String typeField, String timeField) {
            this.typeField = typeField;
            this.timeField = timeField;
        }

        /** The field that holds the event's type ({@code eventType}, {@code type}), for messages. */
        public String typeField() {
            return typeField;
        }

        /** The field that holds the event's time ({@code eventTime}, {@code time}), for messages. */
        public String timeField() {
            return timeField;
        }
    }

    /** Whether {@code event} (or the first event of its array) has the envelope of either schema. */
    static boolean shaped(JsonNode event) {
        JsonNode first = event != null && event.isArray() ? event.path(0) : event;
        return first != null && first.isObject() && (first.has("eventType") || first.has("specversion"));
    }

    /**
     * The one event of a delivery, read apart: an object, or an array that holds one object. Refused when the delivery
     * holds none or several, or is in neither schema; each envelope field it reads must be a string, {@code data} an
     * object when present.
     */
    static GridEvent of(JsonNode delivery) {
        JsonNode event = single(delivery);
        Schema schema;
        if (event.has("specversion")) {
            String version = text(event, "specversion");
            if (!version.equals("1.0")) {
                throw new UnsupportedEventException("event field 'specversion' is " + quote(version)
                        + ": cloudwarden reads CloudEvents 1.0, as Event Grid delivers them");
            }
            schema = Schema.CLOUD_EVENTS;
            required(event, "source");
        } else if (event.has("eventType")) {
            schema = Schema.EVENT_GRID;
            text(event, "topic");
        } else {
            throw new UnsupportedEventException("unsupported event: neither an Event Grid event (it has no 'eventType') nor a"
                    + " CloudEvents event (no 'specversion')");
        }
        text(event, "subject");
        JsonNode data = event.path("data");
        if (!data.isMissingNode() && !data.isObject()) {
            throw new UnsupportedEventException("event field 'data' is " + kind(data) + ", expected an object");
        }
        return new GridEvent(schema, required(event, "id"), required(event, schema.typeField()), text(event, schema.timeField()), data);
    }

    /**
     * When the event happened ({@code eventTime}, {@code time}).
     *
     * @throws UnsupportedEventException when the event has no such time
     */
    public Instant at() {
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("event " + safe(id) + " has no valid '" + schema.timeField() + "' (when it happened, such as"
                    + " 2026-12-07T09:14:27.1234567Z): " + (time.isEmpty() ? "none" : quote(time)));
        }
    }

    /** The event's type, named as its schema names the field ({@code eventType 'Microsoft.Resources.ResourceWriteSuccess'}). */
    String typeQuoted() {
        return schema.typeField() + " " + quote(type);
    }

    private static JsonNode single(JsonNode delivery) {
        if (delivery == null || !(delivery.isObject() || delivery.isArray())) {
            throw new UnsupportedEventException("the event is " + kind(delivery) + ", not a JSON object or array: expected "
                    + AzureEvents.JSON.oneEvent());
        }
        if (delivery.isObject()) {
            return delivery;
        }
        if (delivery.size() != 1) {
            throw new UnsupportedEventException(delivery.isEmpty() ? "the delivery is an empty array: it holds no event"
                    : "the delivery holds " + delivery.size() + " events: cloudwarden takes one event a delivery; set the event"
                            + " subscription's maxEventsPerBatch to 1 (Event Grid's default)");
        }
        JsonNode event = delivery.get(0);
        if (!event.isObject()) {
            throw new UnsupportedEventException("the delivery's event is " + kind(event) + ", expected an object");
        }
        return event;
    }
}
