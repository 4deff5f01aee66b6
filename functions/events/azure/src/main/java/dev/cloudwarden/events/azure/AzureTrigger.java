package dev.cloudwarden.events.azure;

import dev.cloudwarden.core.trigger.DecodedEvent;
import java.util.Map;
import java.util.Set;

/**
 * What on Azure triggers one operation's function besides its timer: the Azure Resource Manager operations it reacts to,
 * per Event Grid event type. One class per operation, listed in {@link AzureTriggers}; an event subscription's filters
 * should match exactly these.
 */
public interface AzureTrigger {
    /** The operation whose function these events trigger ({@code security-group-audit}). */
    String operation();

    /**
     * Per event type ({@code Microsoft.Resources.ResourceWriteSuccess}), the ARM operations the operation reacts to
     * ({@code Microsoft.Network/networkSecurityGroups/write}), as ARM spells them; events spell them in any case, and are
     * matched without regard to it.
     */
    Map<String, Set<String>> operations();

    /**
     * The event for one of {@link #operations()}, whose envelope, type and operation have been checked.
     *
     * @throws dev.cloudwarden.core.trigger.UnsupportedEventException when the event names nothing the operation can act on
     */
    DecodedEvent resourceEvent(ResourceEvent event);
}
