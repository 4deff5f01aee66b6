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
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    public static Peer.AddressSet addressSet(String id, String name, String... entries) {
        return new Peer.AddressSet(id, name, Arrays.stream(entries).map(IpRange::parse).toList());
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
        private FirewallGroup.Passage passage = FirewallGroup.Passage.FIRST_MATCH;
        private final List<FirewallGroup.Attachment> attachments = new ArrayList<>();

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

        /** Traffic must be allowed here and by every other such group on its way, as by Azure's NSGs. */
        public GroupBuilder everyGroupAllows() {
            passage = FirewallGroup.Passage.EVERY_GROUP_ALLOWS;
            return this;
        }

        /** The group takes effect at {@code target}, reached through {@code path} (group ids, first to last). */
        public GroupBuilder attachedTo(String target, String... path) {
            var ref = new ResourceRef(CloudId.AWS, ACCOUNT, REGION, "network-interface", target, "", Tags.of(Map.of()));
            attachments.add(new FirewallGroup.Attachment(ref, List.of(path)));
            return this;
        }

        public FirewallGroup build() {
            var resource = new ResourceRef(CloudId.AWS, ACCOUNT, REGION, "security-group", id, name, Tags.of(tags));
            return new FirewallGroup(resource, "vpc-1", rules, passage, attachments);
        }
    }

    public static final class RuleBuilder {
        private final String id;
        private Direction direction = Direction.INGRESS;
        private Access access = Access.ALLOW;
        private OptionalInt priority = OptionalInt.empty();
        private Protocol protocol = Protocol.TCP;
        private final List<PortRange> ports = new ArrayList<>();
        private final List<Peer> sources = new ArrayList<>();
        private boolean enabled = true;
        private final List<Peer> destinations = new ArrayList<>();
        private FirewallRule.Control control = FirewallRule.Control.CUSTOMER;

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
            Arrays.stream(cidrs).map(Peer.Cidr::of).forEach(sources::add);
            return this;
        }

        /**
         * A service tag such as Azure's {@code Internet} or {@code VirtualNetwork}, marked as the internet as Azure's
         * provider marks it ({@code Internet}, {@code *}, {@code Any}).
         */
        public RuleBuilder fromTag(String serviceTag) {
            sources.add(new Peer.ServiceTag(serviceTag, Set.of("internet", "*", "any").contains(serviceTag.toLowerCase(Locale.ROOT))));
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
            sources.add(new Peer.Group(groupId, ACCOUNT));
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

        /** GCP firewall policies' go-to-next: this group decides nothing, the next one does. */
        public RuleBuilder gotoNext() {
            access = Access.GOTO_NEXT;
            return this;
        }

        /** Reaching only these destinations of the group (Azure's destination prefixes, GCP's destination ranges). */
        public RuleBuilder to(String... cidrs) {
            Arrays.stream(cidrs).map(Peer.Cidr::of).forEach(destinations::add);
            return this;
        }

        public RuleBuilder control(FirewallRule.Control whose) {
            control = whose;
            return this;
        }

        public RuleBuilder disabled() {
            enabled = false;
            return this;
        }

        public FirewallRule build() {
            return new FirewallRule(id, id, direction, access, priority, protocol, ports.isEmpty() ? List.of(PortRange.ALL) : ports,
                    sources, destinations, enabled, AppliesTo.WHOLE_GROUP, control, "");
        }
    }
}
