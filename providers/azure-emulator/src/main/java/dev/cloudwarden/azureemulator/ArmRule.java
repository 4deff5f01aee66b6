package dev.cloudwarden.azureemulator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A security rule of a network security group, as the server holds it: the members of the REST API's
 * {@code SecurityRulePropertiesFormat}, each address and port given in exactly one of its two forms.
 *
 * <p>ARM keeps a singular and a plural member for sources, destinations and ports ({@code sourceAddressPrefix} or
 * {@code sourceAddressPrefixes}, and so on). Here the singular one is {@code null} when the plural one is used, and
 * the plural one is empty when the singular one is used; the server answers the unused plural member as {@code []}
 * and leaves the unused singular one out, as real responses do. A source or destination may also be given by
 * application security groups (their ids), in which case both address members are unused.
 *
 * <p>The record checks only its shape. Whether ARM would accept the rule (priority 100-4096, known protocol, a
 * priority free in its direction...) is checked by the server, with ARM's error codes, when the rule is seeded or
 * PUT. Write one with {@link #inbound} or {@link #outbound}:
 * <pre>{@code ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build()}</pre>
 */
public record ArmRule(
        String name,
        String direction,
        int priority,
        String access,
        String protocol,
        String sourceAddressPrefix,
        List<String> sourceAddressPrefixes,
        List<String> sourceApplicationSecurityGroups,
        String sourcePortRange,
        List<String> sourcePortRanges,
        String destinationAddressPrefix,
        List<String> destinationAddressPrefixes,
        List<String> destinationApplicationSecurityGroups,
        String destinationPortRange,
        List<String> destinationPortRanges,
        String description) {

    public ArmRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a security rule needs a name");
        }
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(protocol, "protocol");
        sourceAddressPrefixes = List.copyOf(sourceAddressPrefixes);
        sourceApplicationSecurityGroups = List.copyOf(sourceApplicationSecurityGroups);
        sourcePortRanges = List.copyOf(sourcePortRanges);
        destinationAddressPrefixes = List.copyOf(destinationAddressPrefixes);
        destinationApplicationSecurityGroups = List.copyOf(destinationApplicationSecurityGroups);
        destinationPortRanges = List.copyOf(destinationPortRanges);
        oneForm("source address", sourceAddressPrefix, sourceAddressPrefixes, sourceApplicationSecurityGroups);
        oneForm("source port", sourcePortRange, sourcePortRanges, List.of());
        oneForm("destination address", destinationAddressPrefix, destinationAddressPrefixes, destinationApplicationSecurityGroups);
        oneForm("destination port", destinationPortRange, destinationPortRanges, List.of());
    }

    /** Starts an inbound rule. */
    public static Builder inbound(String name, int priority) {
        return new Builder(name, "Inbound", priority);
    }

    /** Starts an outbound rule. */
    public static Builder outbound(String name, int priority) {
        return new Builder(name, "Outbound", priority);
    }

    /** The same rule under another priority (the rest unchanged). */
    public ArmRule withPriority(int newPriority) {
        return new ArmRule(name, direction, newPriority, access, protocol, sourceAddressPrefix, sourceAddressPrefixes,
                sourceApplicationSecurityGroups, sourcePortRange, sourcePortRanges, destinationAddressPrefix,
                destinationAddressPrefixes, destinationApplicationSecurityGroups, destinationPortRange, destinationPortRanges,
                description);
    }

    private static void oneForm(String what, String singular, List<String> plural, List<String> groups) {
        int forms = (singular != null ? 1 : 0) + (plural.isEmpty() ? 0 : 1) + (groups.isEmpty() ? 0 : 1);
        if (forms != 1) {
            throw new IllegalArgumentException("a security rule gives its " + what + " in exactly one form (singular, "
                    + "plural" + (what.endsWith("address") ? " or application security groups" : "") + "), not " + forms);
        }
    }

    /**
     * A rule being written. Unless told otherwise: protocol {@code *}, source and destination {@code *}, destination
     * port {@code *}, source port {@code *}, no description. {@link #allow()} or {@link #deny()} is required: a rule's
     * access is never guessed.
     */
    public static final class Builder {
        private final String name;
        private final String direction;
        private final int priority;
        private String access;
        private String protocol = "*";
        private Side source = Side.single("*");
        private Side sourcePorts = Side.single("*");
        private Side destination = Side.single("*");
        private Side destinationPorts = Side.single("*");
        private String description;

        private Builder(String name, String direction, int priority) {
            this.name = name;
            this.direction = direction;
            this.priority = priority;
        }

        public Builder allow() {
            return access("Allow");
        }

        public Builder deny() {
            return access("Deny");
        }

        /** Any access text, sent as it is (for rules the server should refuse). */
        public Builder access(String value) {
            this.access = Objects.requireNonNull(value, "access");
            return this;
        }

        /** {@code Tcp}, {@code Udp}, {@code Icmp}, {@code Esp}, {@code Ah} or {@code *}. */
        public Builder protocol(String value) {
            this.protocol = Objects.requireNonNull(value, "protocol");
            return this;
        }

        /** One prefix goes to {@code sourceAddressPrefix}, several to {@code sourceAddressPrefixes}. */
        public Builder sources(String... prefixes) {
            this.source = Side.of(prefixes);
            return this;
        }

        /** Always {@code sourceAddressPrefixes}, even for one prefix. */
        public Builder sourceList(String... prefixes) {
            this.source = Side.list(prefixes);
            return this;
        }

        /** The source as application security groups (their ids): {@code sourceApplicationSecurityGroups}. */
        public Builder sourceGroups(String... groupIds) {
            this.source = Side.groups(groupIds);
            return this;
        }

        /** One range goes to {@code sourcePortRange}, several to {@code sourcePortRanges}. */
        public Builder sourcePorts(String... ranges) {
            this.sourcePorts = Side.of(ranges);
            return this;
        }

        /** One prefix goes to {@code destinationAddressPrefix}, several to {@code destinationAddressPrefixes}. */
        public Builder destinations(String... prefixes) {
            this.destination = Side.of(prefixes);
            return this;
        }

        /** Always {@code destinationAddressPrefixes}, even for one prefix. */
        public Builder destinationList(String... prefixes) {
            this.destination = Side.list(prefixes);
            return this;
        }

        /** The destination as application security groups (their ids). */
        public Builder destinationGroups(String... groupIds) {
            this.destination = Side.groups(groupIds);
            return this;
        }

        /** One range ({@code 22}, {@code 8000-8100}, {@code *}) goes to {@code destinationPortRange}, several to {@code destinationPortRanges}. */
        public Builder ports(String... ranges) {
            this.destinationPorts = Side.of(ranges);
            return this;
        }

        /** Always {@code destinationPortRanges}, even for one range. */
        public Builder portList(String... ranges) {
            this.destinationPorts = Side.list(ranges);
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public ArmRule build() {
            if (access == null) {
                throw new IllegalStateException("rule " + name + ": say allow() or deny()");
            }
            return new ArmRule(name, direction, priority, access, protocol,
                    source.single, source.list, source.groups, sourcePorts.single, sourcePorts.list,
                    destination.single, destination.list, destination.groups, destinationPorts.single, destinationPorts.list,
                    description);
        }
    }

    /** One side of a rule in one of its forms. */
    private record Side(String single, List<String> list, List<String> groups) {
        static Side single(String value) {
            return new Side(value, List.of(), List.of());
        }

        static Side of(String... values) {
            return values.length == 1 ? single(values[0]) : list(values);
        }

        static Side list(String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("give at least one value");
            }
            return new Side(null, Arrays.asList(values), List.of());
        }

        static Side groups(String... ids) {
            if (ids.length == 0) {
                throw new IllegalArgumentException("give at least one application security group id");
            }
            return new Side(null, List.of(), Arrays.asList(ids));
        }
    }
}
