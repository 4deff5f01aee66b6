package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.AppliesTo;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Source;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Firewall groups and rules for tests, written the way an operator describes them:
 * {@code group("sg-web").rules(rule("sgr-ssh").tcp(22).from("0.0.0.0/0")).build()}.
 * A rule is an enabled TCP ingress allow on every port from nowhere until told otherwise.
 */
public final class Firewalls {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";
    public static final String ANYWHERE = "0.0.0.0/0";
    public static final String ANYWHERE_IPV6 = "::/0";

    private Firewalls() {
    }

    public static GroupBuilder group(String id) {
        return new GroupBuilder(id);
    }

    public static RuleBuilder rule(String id) {
        return new RuleBuilder(id);
    }

    /** An address set (an AWS managed prefix list) holding these CIDR blocks. */
    public static Source.AddressSet addressSet(String id, String name, String... entries) {
        return new Source.AddressSet(id, name, Arrays.stream(entries).map(IpRange::parse).toList());
    }

    /** The ids of a group's rules, in order. */
    public static List<String> ruleIds(FirewallGroup group) {
        return group.rules().stream().map(FirewallRule::id).toList();
    }

    public static final class GroupBuilder {
        private final String id;
        private String name = "";
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<FirewallRule> rules = new ArrayList<>();

        private GroupBuilder(String id) {
            this.id = id;
        }

        public GroupBuilder named(String groupName) {
            this.name = groupName;
            return this;
        }

        public GroupBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public GroupBuilder rules(RuleBuilder... more) {
            Arrays.stream(more).map(RuleBuilder::build).forEach(rules::add);
            return this;
        }

        public FirewallGroup build() {
            var resource = new ResourceRef(CloudId.AWS, ACCOUNT, REGION, "security-group", id, name, Tags.of(tags));
            return new FirewallGroup(resource, "vpc-1", rules);
        }
    }

    public static final class RuleBuilder {
        private final String id;
        private Direction direction = Direction.INGRESS;
        private Access access = Access.ALLOW;
        private OptionalInt priority = OptionalInt.empty();
        private Protocol protocol = Protocol.TCP;
        private final List<PortRange> ports = new ArrayList<>();
        private final List<Source> sources = new ArrayList<>();
        private boolean enabled = true;

        private RuleBuilder(String id) {
            this.id = id;
        }

        public RuleBuilder tcp(int port) {
            return tcp(port, port);
        }

        public RuleBuilder tcp(int from, int to) {
            protocol = Protocol.TCP;
            ports.add(new PortRange(from, to));
            return this;
        }

        /** Any protocol in a cloud's own spelling ({@code -1}, {@code icmp}, {@code Udp}); ports stay as set. */
        public RuleBuilder protocol(String name) {
            protocol = Protocol.of(name);
            return this;
        }

        public RuleBuilder from(String... cidrs) {
            Arrays.stream(cidrs).map(Source.Cidr::of).forEach(sources::add);
            return this;
        }

        /** A service tag such as Azure's {@code Internet} or {@code VirtualNetwork}. */
        public RuleBuilder fromTag(String serviceTag) {
            sources.add(new Source.ServiceTag(serviceTag));
            return this;
        }

        /**
         * An address set (an AWS managed prefix list) with these entries. An {@link InMemoryCloud} reads the set it
         * holds under this id instead ({@link InMemoryCloud#putAddressSet}), as a provider reads the list.
         */
        public RuleBuilder fromAddressSet(String id, String name, String... entries) {
            sources.add(addressSet(id, name, entries));
            return this;
        }

        public RuleBuilder fromGroup(String groupId) {
            sources.add(new Source.GroupRef(groupId, ACCOUNT));
            return this;
        }

        public RuleBuilder priority(int value) {
            priority = OptionalInt.of(value);
            return this;
        }

        public RuleBuilder deny() {
            access = Access.DENY;
            return this;
        }

        public RuleBuilder egress() {
            direction = Direction.EGRESS;
            return this;
        }

        public RuleBuilder disabled() {
            enabled = false;
            return this;
        }

        public FirewallRule build() {
            return new FirewallRule(id, direction, access, priority, protocol,
                    ports.isEmpty() ? List.of(PortRange.ALL) : ports, sources, enabled, AppliesTo.WHOLE_GROUP, "");
        }
    }
}
