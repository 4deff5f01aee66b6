package dev.cloudwarden.events.azure;

import dev.cloudwarden.core.trigger.EventJson;

/** The names Event Grid gives Azure's events (event types), and the limits of one delivery. */
public final class AzureEvents {
    /** A write (PUT, PATCH) through Azure Resource Manager that succeeded: what a subscription's system topic publishes. */
    public static final String RESOURCE_WRITE_SUCCESS = "Microsoft.Resources.ResourceWriteSuccess";
    /**
     * Event Grid's handshake, sent to a webhook when an event subscription is created or updated (Event Grid schema only:
     * for the CloudEvents schema it is an HTTP OPTIONS request instead). Not a change: the endpoint answers it.
     */
    public static final String SUBSCRIPTION_VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";

    /**
     * Event Grid's limit on an event, and on what one delivery posts (an event is at most 1 MB; a batch's preferred size
     * at most 1,024 KB). Anything larger is not an Event Grid delivery, and is not read further than this.
     */
    public static final int MAX_EVENT_BYTES = 1024 * 1024;
    /**
     * How deep objects and arrays may nest: a resource event in its array nests four levels (data.authorization.evidence);
     * Jackson's own limit is 1,000.
     */
    public static final int MAX_NESTING = 64;
    /** How an Event Grid delivery (an array of events, or one) or a timer tick is read before any field is. */
    public static final EventJson JSON = EventJson.inArrays("Event Grid", "an Event Grid event or a timer tick", MAX_EVENT_BYTES, MAX_NESTING);

    private AzureEvents() {
    }
}
