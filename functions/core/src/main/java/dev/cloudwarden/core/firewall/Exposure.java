package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.Source;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * One allow rule that lets the internet reach sensitive ports of a group.
 *
 * @param internetSources the rule's sources that count as the internet (others, such as group references, are not listed)
 * @param exposedPorts    the sensitive ports the rule opens and no higher-priority deny rule closes
 */
public record Exposure(FirewallGroup group, FirewallRule rule, List<Source> internetSources,
                       List<SensitivePort> exposedPorts) {
    public Exposure {
        internetSources = List.copyOf(internetSources);
        exposedPorts = List.copyOf(exposedPorts);
        if (exposedPorts.isEmpty()) {
            throw new IllegalArgumentException("an exposure opens at least one sensitive port");
        }
    }

    /** The worst of the exposed ports. */
    public Severity severity() {
        return exposedPorts.stream().map(SensitivePort::severity).max(Comparator.naturalOrder()).orElseThrow();
    }
}
