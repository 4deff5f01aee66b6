package dev.cloudwarden.events.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.trigger.DecodedEvent;
import java.util.Map;
import java.util.Set;

/**
 * What on AWS triggers one operation's function besides its schedule: the CloudTrail calls it reacts to and where each
 * records the resources, and the service notifications it takes. One class per operation, listed in
 * {@link AwsTriggers}; the EventBridge rules in infra/terraform match exactly these (EventPatternsTest checks it).
 */
public interface AwsTrigger {
    /** The operation whose function these events trigger ({@code security-group-audit}). */
    String operation();

    /** Per EventBridge source ({@code aws.ec2}), the CloudTrail event names the operation reacts to. */
    Map<String, Set<String>> calls();

    /**
     * The event for one of {@link #calls()}, whose envelope, source and event name have been checked.
     *
     * @throws dev.cloudwarden.core.trigger.UnsupportedEventException when the call names nothing the operation can act on
     */
    DecodedEvent call(CloudTrailCall call);

    /** The detail-types of the service notifications (not CloudTrail) the operation takes from {@code aws.ec2}; none by default. */
    default Set<String> notifications() {
        return Set.of();
    }

    /**
     * The event for one of {@link #notifications()}, whose envelope, detail-type and source have been checked.
     *
     * @throws dev.cloudwarden.core.trigger.UnsupportedEventException when it is not one the operation acts on
     */
    default DecodedEvent notification(JsonNode event) {
        throw new IllegalStateException("the " + operation() + " trigger takes no notifications");
    }
}
