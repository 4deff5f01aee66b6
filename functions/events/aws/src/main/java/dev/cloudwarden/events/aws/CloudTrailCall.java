package dev.cloudwarden.events.aws;

import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One "AWS API Call via CloudTrail" event whose envelope, source and event name have been checked: what a trigger
 * reads the resources from.
 *
 * @param detail    the CloudTrail record ({@code detail})
 * @param id        the event's id
 * @param eventName the call ({@code RunInstances})
 * @param errorCode set when the call itself failed (it then changed nothing)
 */
public record CloudTrailCall(JsonNode detail, String id, String account, String region, String eventName, Optional<String> errorCode) {
    public CloudTrailCall {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(eventName, "eventName");
        errorCode = Objects.requireNonNullElse(errorCode, Optional.empty());
    }

    /** The call {@code eventName} in {@code event}, whose envelope has been checked. */
    static CloudTrailCall of(JsonNode event, String eventName) {
        JsonNode detail = event.path("detail");
        Optional<String> errorCode = Optional.of(string(detail, "errorCode", "detail.errorCode")).filter(s -> !s.isEmpty());
        String id = text(event, "id");
        String region = required(event, "region");
        return new CloudTrailCall(detail, id, text(event, "account"), region, eventName, errorCode);
    }

    /** Whether the call failed, and so created or changed nothing. */
    public boolean failed() {
        return errorCode.isPresent();
    }

    /** What the caller asked for ({@code detail.requestParameters}). */
    public JsonNode request() {
        return detail.path("requestParameters");
    }

    /** What AWS answered ({@code detail.responseElements}). */
    public JsonNode response() {
        return detail.path("responseElements");
    }

    /** The event for the resources {@code ids} the call named, created by {@code creator} when it is a create call. */
    public DecodedEvent named(List<String> ids, Optional<Creator> creator) {
        return new DecodedEvent(id, account, region, Scope.resources(ids), creator, eventName, errorCode);
    }

    /** A refusal: the call names nothing the operation can act on. */
    public UnsupportedEventException namesNo(String what, String lookedFor) {
        return new UnsupportedEventException(eventName + " event " + safe(id) + " names no " + what + ": looked for " + lookedFor);
    }

    /** The caller as CloudTrail recorded it: its ARN (an assumed-role session names the person), its type, the call's time. */
    public Creator creator() {
        JsonNode identity = detail.path("userIdentity");
        String principal = string(identity, "arn", "detail.userIdentity.arn");
        if (principal.isEmpty()) { // AWS services acting for a caller have no ARN, only a name
            principal = string(identity, "invokedBy", "detail.userIdentity.invokedBy");
        }
        if (principal.isEmpty()) {
            principal = string(identity, "principalId", "detail.userIdentity.principalId");
        }
        String type = string(identity, "type", "detail.userIdentity.type");
        if (principal.isEmpty() || type.isEmpty()) {
            throw new UnsupportedEventException("event " + safe(id) + " has no caller: expected detail.userIdentity.arn and .type");
        }
        String eventTime = string(detail, "eventTime", "detail.eventTime");
        try {
            return new Creator(principal, type, Instant.parse(eventTime));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("event " + safe(id) + " has no valid detail.eventTime: " + quote(eventTime));
        }
    }
}
