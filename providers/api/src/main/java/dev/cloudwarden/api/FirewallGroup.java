package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * A set of rules evaluated together, one stage on the way of traffic: an AWS security group, an Azure NSG, a GCP
 * VPC network's firewall rules or a firewall policy (hierarchical or network). See docs/ARCHITECTURE.md for the
 * mapping.
 *
 * @param network     the VPC / virtual network / GCP network the group belongs to
 * @param passage     how the group's verdict combines with the other groups on the traffic's way
 * @param attachments where the group's rules take effect and, for each, every group the traffic passes there in
 *                    order; empty when the group is its own only stage (an AWS security group: its members get
 *                    exactly what it allows)
 */
public record FirewallGroup(ResourceRef resource, String network, List<FirewallRule> rules, Passage passage,
                            List<Attachment> attachments) {

    /** How a group's verdict combines with the other groups on the traffic's way. */
    public enum Passage {
        /**
         * The first rule that matches, by priority, decides: an allow lets the traffic in without asking any later
         * group, a deny stops it, and when no rule matches (or one says go to next) the next group decides; past the
         * last group the traffic is denied. AWS security groups (one group, allow-only), GCP's firewall policies
         * and VPC firewall rules.
         */
        FIRST_MATCH,
        /**
         * Traffic must be allowed here and by every other group of this kind on its way: a deny, or no match, stops
         * it. Azure NSGs, where inbound traffic passes the subnet's NSG and then the NIC's.
         */
        EVERY_GROUP_ALLOWS
    }

    /**
     * One place a group's rules take effect: an Azure subnet or NIC, a GCP network. The groups on the way there are
     * named in the order traffic passes them, this group among them (an Azure subnet's NSG before the NIC's; GCP's
     * organisation and folder policies, then the network's rules and policies in its enforcement order); a place
     * with no other group names just this one.
     *
     * @param target what the rules protect there (the subnet, the NIC, the network)
     * @param path   the ids of the groups traffic passes to reach the target, first to last
     */
    public record Attachment(ResourceRef target, List<String> path) {
        public Attachment {
            Objects.requireNonNull(target, "target");
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("attachment to " + target.id() + " names no group on the way");
            }
        }
    }

    public FirewallGroup {
        Objects.requireNonNull(resource, "resource");
        network = Objects.requireNonNullElse(network, "");
        rules = List.copyOf(rules);
        passage = Objects.requireNonNullElse(passage, Passage.FIRST_MATCH);
        attachments = List.copyOf(Objects.requireNonNullElse(attachments, List.of()));
        for (Attachment attachment : attachments) {
            if (!attachment.path().contains(resource.id())) {
                throw new IllegalArgumentException("attachment to " + attachment.target().id() + " of group " + resource.id()
                        + " does not pass the group itself");
            }
        }
    }

    /** A group that is its own only stage and decides by first match: an AWS security group. */
    public FirewallGroup(ResourceRef resource, String network, List<FirewallRule> rules) {
        this(resource, network, rules, Passage.FIRST_MATCH, List.of());
    }

    /** The same group, where it is, holding {@code newRules}: what a revoke or a narrowing leaves. */
    public FirewallGroup withRules(List<FirewallRule> newRules) {
        return new FirewallGroup(resource, network, newRules, passage, attachments);
    }

    public String id() {
        return resource.id();
    }
}
