package dev.cloudwarden.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Azure Resource Manager resource id, read apart: {@code /subscriptions/{s}/resourceGroups/{g}/providers/{namespace}/
 * {type}/{name}[/{childType}/{childName}…]}. ARM compares ids without regard to case, and Event Grid spells them
 * with any case ({@code resourcegroups}), so the segment names are matched so; the values are kept as written.
 *
 * @param types the resource types from the namespace on, such as {@code [networkSecurityGroups, securityRules]}
 * @param names the name of each, in the same order
 */
record ArmId(String subscription, String resourceGroup, String namespace, List<String> types, List<String> names) {
    ArmId {
        types = List.copyOf(types);
        names = List.copyOf(names);
    }

    /** The id read apart; empty when {@code id} is not a resource id of a resource group's resource. */
    static Optional<ArmId> parse(String id) {
        String[] parts = id.startsWith("/") ? id.substring(1).split("/", -1) : new String[0];
        if (parts.length < 8 || !is(parts[0], "subscriptions") || !is(parts[2], "resourceGroups") || !is(parts[4], "providers")
                || (parts.length - 6) % 2 != 0) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 6; i < parts.length; i += 2) {
            if (parts[i].isEmpty() || parts[i + 1].isEmpty()) {
                return Optional.empty();
            }
            types.add(parts[i]);
            names.add(parts[i + 1]);
        }
        if (parts[1].isEmpty() || parts[3].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArmId(parts[1], parts[3], parts[5], types, names));
    }

    /** The id of a resource of this type in this group, as ARM writes it. */
    static String of(String subscription, String resourceGroup, String namespace, String type, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + namespace + "/" + type + "/" + name;
    }

    /** The resource's own name: the last one. */
    String name() {
        return names.getLast();
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

    /** The id of the {@code depth}-th resource down the path (1: the top resource), as ARM writes ids. */
    String prefix(int depth) {
        StringBuilder id = new StringBuilder("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + namespace);
        for (int i = 0; i < depth; i++) {
            id.append('/').append(types.get(i)).append('/').append(names.get(i));
        }
        return id.toString();
    }

    private static boolean is(String segment, String expected) {
        return segment.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }
}
