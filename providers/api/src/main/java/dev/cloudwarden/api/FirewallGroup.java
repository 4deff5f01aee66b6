package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * A set of rules evaluated together: an AWS security group, an Azure NSG, or a GCP VPC network's
 * firewall (see docs/ARCHITECTURE.md for the mapping).
 *
 * @param network the VPC / virtual network / GCP network the group belongs to
 */
public record FirewallGroup(ResourceRef resource, String network, List<FirewallRule> rules) {
    public FirewallGroup {
        Objects.requireNonNull(resource, "resource");
        network = Objects.requireNonNullElse(network, "");
        rules = List.copyOf(rules);
    }

    public String id() {
        return resource.id();
    }
}
