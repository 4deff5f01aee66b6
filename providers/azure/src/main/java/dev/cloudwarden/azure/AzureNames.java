package dev.cloudwarden.azure;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Azure's naming rules. Tag names: at most 512 characters, none of {@code < > % & \ ? /}, case-insensitive (a case fix is
 * one replace of the whole set), and the prefixes {@code microsoft}, {@code azure} and {@code windows} are Azure's own;
 * values at most 256 characters; 50 tags a resource. Locations are lowercase words such as {@code westeurope} or
 * {@code eastus2}. A notification topic is an Event Grid custom topic's resource id. A principal (an event's caller) acts
 * as a service identity when it is an application or managed identity's object id (a GUID); a user's name (a UPN) acts as none.
 */
public final class AzureNames implements CloudNames {
    /** One instance: the rules hold no state. */
    public static final AzureNames INSTANCE = new AzureNames();

    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9]{2,39}");
    private static final Pattern FORBIDDEN_IN_KEYS = Pattern.compile("[<>%&\\\\?/]");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TOPIC = Pattern.compile("/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.EventGrid/topics/[^/]+",
            Pattern.CASE_INSENSITIVE);

    private AzureNames() {
    }

    @Override
    public CloudId cloud() {
        return CloudId.AZURE;
    }

    @Override
    public Optional<String> tagKeyProblem(String key) {
        if (key.isEmpty() || key.length() > 512) {
            return Optional.of("an Azure tag name has 1 to 512 characters, got " + key.length());
        }
        if (FORBIDDEN_IN_KEYS.matcher(key).find()) {
            return Optional.of("an Azure tag name cannot contain < > % & \\ ? or /");
        }
        return reservedKey(key) ? Optional.of("tag names starting with microsoft, azure or windows are reserved by Azure") : Optional.empty();
    }

    @Override
    public Optional<String> tagValueProblem(String value) {
        return value.length() > 256 ? Optional.of("an Azure tag value has at most 256 characters, got " + value.length()) : Optional.empty();
    }

    @Override
    public boolean reservedKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("microsoft") || lower.startsWith("azure") || lower.startsWith("windows");
    }

    @Override
    public boolean caseInsensitiveKeys() {
        return true;
    }

    @Override
    public int maxTagsPerResource() {
        return 50;
    }

    @Override
    public String instanceType() {
        return "Microsoft.Compute/virtualMachines";
    }

    @Override
    public Optional<String> regionProblem(String region) {
        return LOCATION.matcher(region).matches() ? Optional.empty()
                : Optional.of("expected an Azure location such as westeurope or eastus2, got \"" + region + "\"");
    }

    @Override
    public Optional<String> topicProblem(String topic) {
        return TOPIC.matcher(topic).matches() ? Optional.empty()
                : Optional.of("expected an Event Grid topic's resource id (/subscriptions/…/resourceGroups/…/providers/"
                        + "Microsoft.EventGrid/topics/NAME), got \"" + topic + "\"");
    }

    /** {@inheritDoc} An application's or managed identity's object id acts as itself; a user acts as no role. */
    @Override
    public Optional<String> actingRole(String principal) {
        return GUID.matcher(principal).matches() ? Optional.of(principal.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** {@inheritDoc} The Azure CLI's and SDK's own variable for the subscription. */
    @Override
    public java.util.List<String> accountVariables() {
        return java.util.List.of("AZURE_SUBSCRIPTION_ID");
    }

    @Override
    public BookkeepingTags bookkeeping() {
        return BookkeepingTags.VERBATIM;
    }
}
