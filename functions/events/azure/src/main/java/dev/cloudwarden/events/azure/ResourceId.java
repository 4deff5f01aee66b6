package dev.cloudwarden.events.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Azure Resource Manager id of a resource group's resource, read apart: {@code /subscriptions/{s}/resourceGroups/{g}/
 * providers/{namespace}/{type}/{name}[/{childType}/{childName}…]}. ARM compares ids without regard to case and Event Grid
 * spells them in any case ({@code resourcegroups}), so the fixed segments and the types are matched so; the values are
 * kept as written. The subscription must be a GUID and the resource group's name one ARM allows (letters, digits,
 * {@code _ - . ( )}, not ending in a period, at most 90), so that no id read from an event can name a path of its own.
 *
 * @param types the resource types from the namespace on, such as {@code [networkSecurityGroups, securityRules]}
 * @param names the name of each, in the same order
 */
record ResourceId(String subscription, String resourceGroup, String namespace, List<String> types, List<String> names) {
    static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w.()]{0,89}[-\\w()]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SUBSCRIPTION_PREFIX = Pattern.compile("/subscriptions/(" + GUID.pattern() + ")(?:/.*)?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    ResourceId {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(namespace, "namespace");
        types = List.copyOf(types);
        names = List.copyOf(names);
        if (types.size() != names.size() || types.isEmpty()) {
            throw new IllegalArgumentException("a resource id has a name for each of its types, and at least one");
        }
    }

    /** The subscription an id of anything in a subscription names ({@code /subscriptions/{GUID}…}); empty for anything else. */
    static Optional<String> subscriptionOf(String id) {
        var match = SUBSCRIPTION_PREFIX.matcher(id);
        return match.matches() ? Optional.of(match.group(1)) : Optional.empty();
    }

    /** The id read apart; empty when {@code id} is not the id of a resource group's resource. */
    static Optional<ResourceId> parse(String id) {
        String[] parts = id.split("/", -1);
        if (parts.length < 9 || (parts.length - 7) % 2 != 0 || !parts[0].isEmpty() || !is(parts[1], "subscriptions")
                || !GUID.matcher(parts[2]).matches() || !is(parts[3], "resourceGroups") || !RESOURCE_GROUP.matcher(parts[4]).matches()
                || !is(parts[5], "providers") || parts[6].isEmpty()) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 7; i < parts.length; i += 2) {
            if (parts[i].isEmpty() || parts[i + 1].isEmpty()) {
                return Optional.empty();
            }
            types.add(parts[i]);
            names.add(parts[i + 1]);
        }
        return Optional.of(new ResourceId(parts[2], parts[4], parts[6], types, names));
    }

    /** Whether the id names a resource of this namespace and type path, such as {@code Microsoft.Network} and {@code networkSecurityGroups}. */
    boolean isA(String namespace, String... typePath) {
        if (!is(this.namespace, namespace) || types.size() != typePath.length) {
            return false;
        }
        for (int i = 0; i < typePath.length; i++) {
            if (!is(types.get(i), typePath[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The id of the {@code depth}-th resource down the path (1: the top resource), in the spelling ARM writes ids: the
     * fixed segments, the namespace and the types as {@code namespace} and {@code typePath} spell them, the values as the
     * event wrote them. Two events about one resource, whatever case each wrote its segments in, give the same id.
     */
    String canonical(String namespace, String... typePath) {
        StringBuilder id = new StringBuilder("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + namespace);
        for (int i = 0; i < typePath.length; i++) {
            id.append('/').append(typePath[i]).append('/').append(names.get(i));
        }
        return id.toString();
    }

    private static boolean is(String segment, String expected) {
        return segment.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }
}
