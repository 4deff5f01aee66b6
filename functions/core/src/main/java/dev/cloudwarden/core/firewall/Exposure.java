package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One allow rule that lets the internet reach sensitive ports of a group.
 *
 * @param internetSources the rule's sources that count as the internet (others, such as group references, are not listed)
 * @param exposedPorts    the sensitive ports the rule opens and no higher-priority deny rule closes
 * @param publicSets      each address set among the internet sources, with the entries that make it the internet
 * @param through         the group's attachments through which the internet gets in; empty for a group without
 *                        attachments (an AWS security group), whose members get what it allows
 */
public record Exposure(FirewallGroup group, FirewallRule rule, List<Peer> internetSources,
                       List<SensitivePort> exposedPorts, List<PublicSet> publicSets, List<FirewallGroup.Attachment> through) {
    public Exposure {
        internetSources = List.copyOf(internetSources);
        through = List.copyOf(through);
        exposedPorts = List.copyOf(exposedPorts);
        publicSets = List.copyOf(publicSets);
        if (exposedPorts.isEmpty()) {
            throw new IllegalArgumentException("an exposure opens at least one sensitive port");
        }
    }

    /** The worst of the exposed ports. */
    public Severity severity() {
        return exposedPorts.stream().map(SensitivePort::severity).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * An address set (an AWS managed prefix list) that counts as the internet, and the entries that make it so: the
     * evidence an operator needs, since the rule itself names only the set.
     */
    public record PublicSet(Peer.AddressSet set, List<IpRange> publicEntries) {
        public PublicSet {
            Objects.requireNonNull(set, "set");
            publicEntries = List.copyOf(publicEntries);
            if (publicEntries.isEmpty()) {
                throw new IllegalArgumentException("address set " + set.id() + " has no public entry: it is not the internet");
            }
        }
    }
}
