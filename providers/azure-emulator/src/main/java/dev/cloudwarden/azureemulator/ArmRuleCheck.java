package dev.cloudwarden.azureemulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a security rule's {@code properties} as the network resource provider does before it accepts a PUT, and
 * refuses it with the provider's error: a required member missing, an enum value it does not know, a priority out
 * of 100-4096, a malformed port range, a service tag or {@code *} in a plural member. Enum values are accepted in
 * any case and kept in ARM's spelling ({@code tcp} becomes {@code Tcp}). Read-only members ({@code provisioningState})
 * and members this server does not model are ignored.
 *
 * <p>The priority conflict with another rule is not checked here: it needs the group (see {@link ArmEstate.Nsg#conflictWith}).
 */
final class ArmRuleCheck {
    static final List<String> PROTOCOLS = List.of("Tcp", "Udp", "Icmp", "Esp", "Ah", "*");
    static final List<String> ACCESSES = List.of("Allow", "Deny");
    static final List<String> DIRECTIONS = List.of("Inbound", "Outbound");
    static final int LOWEST_PRIORITY = 100;
    static final int HIGHEST_PRIORITY = 4096;

    private static final Pattern PORT_RANGE = Pattern.compile("\\*|\\d{1,5}|\\d{1,5}-\\d{1,5}");
    /** An IPv4 or IPv6 address or CIDR block: what the plural address members accept (tags go in the singular one). */
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+(/\\d{1,2})?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private ArmRuleCheck() {
    }

    /** The rule read from {@code properties}, or the error ARM answers instead. */
    record Result(ArmRule rule, ArmError error) {
        static Result refused(ArmError error) {
            return new Result(null, error);
        }
    }

    static Result read(String name, String ruleId, JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            return Result.refused(ArmError.invalidRequestFormat("A security rule is sent as {\"properties\": {...}}."));
        }
        try {
            return new Reader(name, ruleId, properties).read();
        } catch (Refusal r) {
            return Result.refused(r.error);
        }
    }

    private static final class Reader {
        private final String name;
        private final String ruleId;
        private final JsonNode p;

        Reader(String name, String ruleId, JsonNode properties) {
            this.name = name;
            this.ruleId = ruleId;
            this.p = properties;
        }

        Result read() {
            String protocol = enumValue("protocol", "Protocol", PROTOCOLS);
            Form sourcePorts = ports("sourcePortRange", "sourcePortRanges", "SourcePortRange");
            Form destinationPorts = ports("destinationPortRange", "destinationPortRanges", "DestinationPortRange");
            Form source = addresses("source", "Source");
            Form destination = addresses("destination", "Destination");
            String access = enumValue("access", "Access", ACCESSES);
            int priority = priority();
            String direction = enumValue("direction", "Direction", DIRECTIONS);
            String description = text("description");
            return new Result(new ArmRule(name, direction, priority, access, protocol,
                    source.single, source.list, source.groups, sourcePorts.single, sourcePorts.list,
                    destination.single, destination.list, destination.groups, destinationPorts.single, destinationPorts.list,
                    description), null);
        }

        private String enumValue(String member, String parameter, List<String> allowed) {
            String value = text(member);
            if (value == null) {
                throw new Refusal(ArmError.parameterMissing(parameter, ruleId));
            }
            return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst().orElseThrow(() ->
                    new Refusal(ArmError.invalidValue(parameter, value, "Allowed values: " + String.join(",", allowed))));
        }

        private int priority() {
            JsonNode node = p.get("priority");
            if (node == null || node.isNull()) {
                throw new Refusal(ArmError.parameterMissing("Priority", ruleId));
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw new Refusal(ArmError.invalidRequestFormat("Priority must be an integer, not " + node + "."));
            }
            int priority = node.intValue();
            if (priority < LOWEST_PRIORITY || priority > HIGHEST_PRIORITY) {
                throw new Refusal(ArmError.invalidValue("Priority", String.valueOf(priority),
                        "Allowed range " + LOWEST_PRIORITY + "-" + HIGHEST_PRIORITY));
            }
            return priority;
        }

        private Form ports(String singularMember, String pluralMember, String parameter) {
            String single = text(singularMember);
            List<String> list = texts(pluralMember);
            both(single, list, singularMember, pluralMember);
            if (single == null && list.isEmpty()) {
                throw new Refusal(ArmError.parameterMissing(parameter, ruleId));
            }
            for (String range : single != null ? List.of(single) : list) {
                if (!validPortRange(range)) {
                    throw new Refusal(ArmError.invalidPortRange(range));
                }
                if (single == null && range.equals("*")) {
                    throw new Refusal(ArmError.invalidPortRanges(parameter + "s", ruleId, range));
                }
            }
            return new Form(single, list, List.of());
        }

        private Form addresses(String side, String parameterSide) {
            String singularMember = side + "AddressPrefix";
            String pluralMember = side + "AddressPrefixes";
            String single = text(singularMember);
            List<String> list = texts(pluralMember);
            List<String> groups = groupIds(side + "ApplicationSecurityGroups");
            both(single, list, singularMember, pluralMember);
            if (single == null && list.isEmpty() && groups.isEmpty()) {
                throw new Refusal(ArmError.parametersMissing(parameterSide, ruleId));
            }
            for (String prefix : list) {
                if (!ADDRESS.matcher(prefix).matches()) {
                    throw new Refusal(ArmError.unsupportedValue(parameterSide + "AddressPrefixes", ruleId, prefix));
                }
            }
            // a rule that names application security groups on a side uses them instead of prefixes
            return groups.isEmpty() ? new Form(single, list, List.of()) : new Form(null, List.of(), groups);
        }

        /** Both members of a pair filled: refused (the provider's exact code for this was not found; see the module's notes). */
        private void both(String single, List<String> list, String singularMember, String pluralMember) {
            if (single != null && !list.isEmpty()) {
                throw new Refusal(ArmError.invalidRequestFormat("Give " + singularMember + " or " + pluralMember
                        + ", not both."));
            }
        }

        private String text(String member) {
            JsonNode node = p.get(member);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new Refusal(ArmError.invalidRequestFormat(member + " must be a string, not " + node + "."));
            }
            return node.textValue();
        }

        private List<String> texts(String member) {
            JsonNode node = p.get(member);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new Refusal(ArmError.invalidRequestFormat(member + " must be an array of strings."));
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isTextual()) {
                    throw new Refusal(ArmError.invalidRequestFormat(member + " must be an array of strings."));
                }
                values.add(v.textValue());
            }
            return values;
        }

        private List<String> groupIds(String member) {
            JsonNode node = p.get(member);
            if (node == null || node.isNull()) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode group : node) {
                Optional.ofNullable(group.get("id")).filter(JsonNode::isTextual).map(JsonNode::textValue).ifPresentOrElse(ids::add,
                        () -> {
                            throw new Refusal(ArmError.invalidRequestFormat(member + " must list {\"id\": ...} references."));
                        });
            }
            return ids;
        }
    }

    static boolean validPortRange(String range) {
        if (!PORT_RANGE.matcher(range).matches()) {
            return false;
        }
        if (range.equals("*")) {
            return true;
        }
        String[] ends = range.split("-");
        int low = Integer.parseInt(ends[0]);
        int high = Integer.parseInt(ends[ends.length - 1]);
        return low <= high && high <= 65535;
    }

    private record Form(String single, List<String> list, List<String> groups) {
    }

    /** Ends the reading of a rule with ARM's error. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ArmError error;

        Refusal(ArmError error) {
            super(error.code(), null, false, false);
            this.error = error;
        }
    }
}
