package dev.cloudwarden.events.azure;

import static dev.cloudwarden.core.trigger.EventFields.kind;
import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Azure Resource Manager event ({@code Microsoft.Resources.Resource…}) whose envelope and type have been checked:
 * what a trigger reads the resource from. The event carries no request or resource body, only which operation was
 * done to which resource, by whom: a trigger names the resource, and the operation reads it.
 *
 * @param event         the event, read apart
 * @param subscription  the subscription of the resource (the event's account), lower case as Azure writes subscription ids
 * @param operationName the ARM operation, as the event spells it ({@code Microsoft.Network/networkSecurityGroups/write})
 * @param resourceUri   the resource's id, as the event spells it ({@code data.resourceUri})
 */
public record ResourceEvent(GridEvent event, String subscription, String operationName, String resourceUri) {
    /** A user's name as Entra ID signs it (users only). */
    static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    /** A user's unique name; a guest, who has no UPN, has this. */
    static final String UNIQUE_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    /** The caller's object id in Entra ID: a user's, a service principal's, a managed identity's. */
    static final String OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    /** A user's display name. */
    static final String DISPLAY_NAME = "name";

    public ResourceEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(operationName, "operationName");
        Objects.requireNonNull(resourceUri, "resourceUri");
    }

    /**
     * The resource event {@code event}, whose type has been checked: its {@code data} must name the operation and the
     * resource, in a subscription (a GUID) that {@code data.subscriptionId}, when present, agrees with.
     */
    static ResourceEvent of(GridEvent event) {
        JsonNode data = event.data();
        if (!data.isObject()) {
            throw new UnsupportedEventException("event " + safe(event.id()) + " has no 'data': a resource event names its operation and"
                    + " resource in data.operationName and data.resourceUri");
        }
        String operationName = string(data, "operationName", "data.operationName");
        if (operationName.isBlank()) {
            throw new UnsupportedEventException("event " + safe(event.id()) + " names no operation: looked for data.operationName");
        }
        String resourceUri = string(data, "resourceUri", "data.resourceUri");
        if (resourceUri.isBlank()) {
            throw new UnsupportedEventException("event " + safe(event.id()) + " names no resource: looked for data.resourceUri");
        }
        String subscription = ResourceId.subscriptionOf(resourceUri).orElseThrow(() -> new UnsupportedEventException("event "
                + safe(event.id()) + ": data.resourceUri is not an Azure resource id (/subscriptions/{GUID}/…): " + quote(resourceUri)))
                .toLowerCase(Locale.ROOT);
        String stated = string(data, "subscriptionId", "data.subscriptionId");
        if (!stated.isEmpty() && !stated.equalsIgnoreCase(subscription)) {
            throw new UnsupportedEventException("event " + safe(event.id()) + " is from subscription " + quote(stated)
                    + " (data.subscriptionId), but its data.resourceUri is in subscription " + subscription);
        }
        return new ResourceEvent(event, subscription, operationName, resourceUri);
    }

    /** The event's id. */
    public String id() {
        return event.id();
    }

    /** The event for the resources {@code ids} it named, changed by {@code caller}; Azure's events name no location. */
    public DecodedEvent named(List<String> ids, Optional<Creator> caller) {
        return new DecodedEvent(event.id(), subscription, "", Scope.resources(ids), caller, operationName, Optional.empty());
    }

    /** A refusal: the event names nothing the operation can act on. */
    public UnsupportedEventException namesNo(String what, String expected) {
        return new UnsupportedEventException(operationName + " event " + safe(event.id()) + " names no " + what + ": data.resourceUri "
                + quote(resourceUri) + " is not " + expected);
    }

    /**
     * Who made the change, as Entra ID signed the caller's token ({@code data.claims}), in the form
     * {@code CloudNames.actingRole} reads: a person by name ({@code principalType} {@code User}: the UPN, for a guest
     * without one the unique name, else the display name), and a service principal or managed identity by its object id
     * ({@code ServicePrincipal}, in lower case: the object-id claim, else {@code data.authorization.evidence.principalId} when the role
     * assignment that let the call through is the caller's own, not a group's). {@code appid} is never the caller: it names
     * the client application, which for a person is the portal or the CLI. When is the event's time.
     *
     * <p>Empty when the claims identify no one: the operation then runs without knowing the caller (it cannot be its own).
     *
     * @throws UnsupportedEventException when a field read is of the wrong kind, or the object id is not a GUID
     */
    public Optional<Creator> caller() {
        JsonNode data = event.data();
        JsonNode claims = data.path("claims");
        if (!claims.isMissingNode() && !claims.isNull() && !claims.isObject()) {
            throw new UnsupportedEventException("event field 'data.claims' is " + kind(claims) + ", expected an object");
        }
        String upn = claim(claims, UPN);
        String uniqueName = claim(claims, UNIQUE_NAME);
        String displayName = claim(claims, DISPLAY_NAME);
        String objectId = claim(claims, OBJECT_ID);
        JsonNode evidence = data.path("authorization").path("evidence");
        String assigned = string(evidence, "principalId", "data.authorization.evidence.principalId");
        String assignedType = string(evidence, "principalType", "data.authorization.evidence.principalType");
        for (String person : new String[] {upn, uniqueName, displayName}) {
            if (!person.isBlank()) {
                return Optional.of(new Creator(person, "User", event.at()));
            }
        }
        String identity = !objectId.isBlank() ? objectId : assignedType.equals("ServicePrincipal") ? assigned : "";
        if (identity.isBlank()) {
            return Optional.empty();
        }
        if (!ResourceId.GUID.matcher(identity).matches()) {
            throw new UnsupportedEventException("event " + safe(event.id()) + ": the caller's object id is not a GUID: " + quote(identity)
                    + " (data.claims[\"" + OBJECT_ID + "\"] or data.authorization.evidence.principalId)");
        }
        return Optional.of(new Creator(identity.toLowerCase(Locale.ROOT), "ServicePrincipal", event.at()));
    }

    private static String claim(JsonNode claims, String name) {
        return string(claims, name, "data.claims[\"" + name + "\"]");
    }
}
