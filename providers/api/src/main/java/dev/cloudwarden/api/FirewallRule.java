package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One rule of a security group, NSG or VPC firewall, in terms that keep every cloud's meaning.
 *
 * @param id          the rule's id, stable across runs: on AWS the rule itself written as a key
 *                    ({@code ingress:tcp:22:22:0.0.0.0/0}), an Azure security rule name, a GCP firewall name
 * @param priority    lower wins; empty on AWS, whose groups have no order and no deny
 * @param ports       the ports matched; {@link PortRange#ALL} for protocols without ports or "every port"
 * @param sources     the peer addresses: sources of an ingress rule, destinations of an egress rule
 * @param enabled     GCP firewall rules can be disabled; AWS and Azure rules are always enabled
 * @param appliesTo   which members of the group the rule reaches (GCP target tags / service accounts)
 */
public record FirewallRule(String id, Direction direction, Access access, OptionalInt priority, Protocol protocol,
                           List<PortRange> ports, List<Source> sources, boolean enabled, AppliesTo appliesTo,
                           String description) {

    public enum Direction { INGRESS, EGRESS }

    public enum Access { ALLOW, DENY }

    public FirewallRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(access, "access");
        priority = Objects.requireNonNullElse(priority, OptionalInt.empty());
        Objects.requireNonNull(protocol, "protocol");
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no port range; use PortRange.ALL");
        }
        sources = List.copyOf(sources);
        appliesTo = Objects.requireNonNullElse(appliesTo, AppliesTo.WHOLE_GROUP);
        description = Objects.requireNonNullElse(description, "");
    }

    /** An always-enabled allow rule without priority, the only kind AWS security groups have. */
    public static FirewallRule allow(String id, Direction direction, Protocol protocol, PortRange ports,
                                     Source source, String description) {
        return new FirewallRule(id, direction, Access.ALLOW, OptionalInt.empty(), protocol, List.of(ports),
                List.of(source), true, AppliesTo.WHOLE_GROUP, description);
    }

    /** True when the rule matches traffic of {@code protocol} to {@code port}. */
    public boolean matches(Protocol trafficProtocol, int port) {
        if (!protocol.includes(trafficProtocol)) {
            return false;
        }
        return !protocol.hasPorts() || ports.stream().anyMatch(range -> range.covers(port));
    }
}
