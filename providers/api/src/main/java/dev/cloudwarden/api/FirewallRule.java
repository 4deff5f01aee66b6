package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One rule of a security group, NSG, VPC firewall or firewall policy, in terms that keep every cloud's meaning.
 *
 * @param id           the rule's id within its group, stable across runs and unique in it: what a finding and a revoke
 *                     name. On AWS the rule itself written as a key ({@code ingress:tcp:22:22:0.0.0.0/0}); an Azure
 *                     security rule's name; on GCP the firewall's name and the entry within it
 *                     ({@code allow-web/allowed[1]}), since one firewall holds several {@code allowed} entries
 * @param nativeId     what the cloud calls the object the rule lives in, which a write addresses: the same key on AWS,
 *                     the security rule's name on Azure, the firewall's name on GCP (shared by its entries)
 * @param priority     lower wins, compared only within the rule's own group; empty on AWS, whose groups have no order
 *                     and no deny
 * @param ports        the ports matched; {@link PortRange#ALL} for protocols without ports or "every port"
 * @param sources      where the traffic comes from (ingress) or, for egress, goes to
 * @param destinations for ingress, where in the group the traffic may go (Azure's destination prefixes and
 *                     application security groups, GCP's destination ranges); empty: anywhere the group applies
 * @param enabled      GCP firewall rules can be disabled; AWS and Azure rules are always enabled
 * @param appliesTo    which members of the group the rule reaches (GCP target tags / service accounts)
 * @param control      whose the rule is to change: only {@link Control#CUSTOMER} rules are ever revoked or narrowed
 */
public record FirewallRule(String id, String nativeId, Direction direction, Access access, OptionalInt priority, Protocol protocol,
                           List<PortRange> ports, List<Peer> sources, List<Peer> destinations, boolean enabled, AppliesTo appliesTo,
                           Control control, String description) {

    public enum Direction { INGRESS, EGRESS }

    /**
     * What a matching rule does. {@link #GOTO_NEXT} (GCP firewall policies) decides nothing in its group: the traffic
     * goes on to the next group on its way, as if no rule of this group had matched.
     */
    public enum Access { ALLOW, DENY, GOTO_NEXT }

    /** Whose a rule is: cloudwarden reports every rule, and changes only the customer's own. */
    public enum Control {
        /** The customer's own rule: cloudwarden may revoke or narrow it when the policy says so. */
        CUSTOMER,
        /** A rule the cloud puts in every group and will not let anyone delete (Azure's 65000+ defaults, GCP's implied rules). */
        CLOUD_DEFAULT,
        /** A rule another service keeps and would put back (AKS, GKE, a load balancer controller). */
        SERVICE_MANAGED,
        /** A rule of a policy set above the account (a GCP organisation or folder policy): not the account's to change. */
        INHERITED;

        /** Why cloudwarden leaves such a rule as it is, for the finding; empty for the customer's own. */
        public String whyUnchanged() {
            return switch (this) {
                case CUSTOMER -> "";
                case CLOUD_DEFAULT -> "a default rule of the cloud, which cannot be changed";
                case SERVICE_MANAGED -> "managed by another service, which would put it back";
                case INHERITED -> "inherited from a policy above the account, which is not the account's to change";
            };
        }
    }

    public FirewallRule {
        Objects.requireNonNull(id, "id");
        nativeId = nativeId == null || nativeId.isEmpty() ? id : nativeId;
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(access, "access");
        priority = Objects.requireNonNullElse(priority, OptionalInt.empty());
        Objects.requireNonNull(protocol, "protocol");
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no port range; use PortRange.ALL");
        }
        sources = List.copyOf(sources);
        destinations = List.copyOf(Objects.requireNonNullElse(destinations, List.of()));
        appliesTo = Objects.requireNonNullElse(appliesTo, AppliesTo.WHOLE_GROUP);
        control = Objects.requireNonNullElse(control, Control.CUSTOMER);
        description = Objects.requireNonNullElse(description, "");
    }

    /** A customer's rule whose id is its native id, open to every destination of its group. */
    public FirewallRule(String id, Direction direction, Access access, OptionalInt priority, Protocol protocol,
                        List<PortRange> ports, List<Peer> sources, boolean enabled, AppliesTo appliesTo, String description) {
        this(id, id, direction, access, priority, protocol, ports, sources, List.of(), enabled, appliesTo, Control.CUSTOMER,
                description);
    }

    /** An always-enabled allow rule without priority, the only kind AWS security groups have. */
    public static FirewallRule allow(String id, Direction direction, Protocol protocol, PortRange ports,
                                     Peer source, String description) {
        return new FirewallRule(id, direction, Access.ALLOW, OptionalInt.empty(), protocol, List.of(ports),
                List.of(source), true, AppliesTo.WHOLE_GROUP, description);
    }

    /** The same rule under another control: how a provider marks a default or managed rule it has translated. */
    public FirewallRule withControl(Control newControl) {
        return new FirewallRule(id, nativeId, direction, access, priority, protocol, ports, sources, destinations, enabled,
                appliesTo, newControl, description);
    }

    /** The same rule with other sources: how a provider fills in an address set it has read, or narrows a rule. */
    public FirewallRule withSources(List<Peer> newSources) {
        return new FirewallRule(id, nativeId, direction, access, priority, protocol, ports, newSources, destinations, enabled,
                appliesTo, control, description);
    }

    /** The same rule reaching only {@code newDestinations} of its group. */
    public FirewallRule withDestinations(List<Peer> newDestinations) {
        return new FirewallRule(id, nativeId, direction, access, priority, protocol, ports, sources, newDestinations, enabled,
                appliesTo, control, description);
    }

    /** True when cloudwarden may change the rule: it is the customer's own. */
    public boolean changeable() {
        return control == Control.CUSTOMER;
    }

    /** True when the rule matches traffic of {@code protocol} to {@code port}. */
    public boolean matches(Protocol trafficProtocol, int port) {
        if (!protocol.includes(trafficProtocol)) {
            return false;
        }
        return !protocol.hasPorts() || ports.stream().anyMatch(range -> range.covers(port));
    }
}
