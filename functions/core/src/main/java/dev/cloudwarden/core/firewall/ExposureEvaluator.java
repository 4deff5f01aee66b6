package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Source;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.policy.PublicAddressSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides which ingress rules expose sensitive ports to the internet, as a pure function of one group.
 *
 * <p>A source is the internet when it is a CIDR in the {@link PublicAddressSpace}, an address set (an AWS
 * managed prefix list) with at least one entry in it, or a service tag meaning "anywhere" (Azure's
 * {@code Internet}, {@code *}, {@code Any}). A rule that only references other groups is not internet exposure.
 *
 * <p>For clouds with priorities and deny rules (Azure, GCP) an allow is not an exposure when an
 * enabled deny of higher or equal priority (lower or equal number) that applies to the whole group covers its protocol,
 * the exposed ports and every internet source. Disabled rules expose nothing.
 */
public final class ExposureEvaluator {
    private static final Set<String> ANYWHERE_TAGS = Set.of("internet", "*", "any", "0.0.0.0/0");

    private final List<SensitivePort> sensitivePorts;
    private final PublicAddressSpace internet;

    public ExposureEvaluator(List<SensitivePort> sensitivePorts, List<IpRange> publicCidrs) {
        this.sensitivePorts = List.copyOf(sensitivePorts);
        this.internet = new PublicAddressSpace(publicCidrs);
    }

    public List<Exposure> evaluate(FirewallGroup group) {
        List<Exposure> exposures = new ArrayList<>();
        for (FirewallRule rule : group.rules()) {
            if (rule.direction() != Direction.INGRESS || rule.access() != Access.ALLOW || !rule.enabled()) {
                continue;
            }
            List<Source> internet = rule.sources().stream().filter(this::isInternet).toList();
            if (internet.isEmpty() || !rule.protocol().hasPorts()) {
                continue; // ICMP and other port-less protocols reach no service port
            }
            List<SensitivePort> exposed = sensitivePorts.stream()
                    .filter(sensitive -> opens(rule, sensitive.ports()))
                    .filter(sensitive -> !deniedAhead(group, rule, internet, sensitive.ports()))
                    .toList();
            if (!exposed.isEmpty()) {
                List<Exposure.PublicSet> publicSets = internet.stream()
                        .flatMap(source -> source instanceof Source.AddressSet set ? Stream.of(set) : Stream.empty())
                        .map(set -> new Exposure.PublicSet(set, publicEntries(set))).toList();
                exposures.add(new Exposure(group, rule, internet, exposed, publicSets));
            }
        }
        return exposures;
    }

    boolean isInternet(Source source) {
        return switch (source) {
            case Source.Cidr cidr -> internet.includes(cidr.range());
            case Source.AddressSet set -> !publicEntries(set).isEmpty();
            case Source.ServiceTag tag -> ANYWHERE_TAGS.contains(tag.name().toLowerCase(Locale.ROOT));
            case Source.GroupRef ignored -> false;
        };
    }

    /** The entries of an address set that are the internet, each judged as a CIDR source would be. */
    private List<IpRange> publicEntries(Source.AddressSet set) {
        return set.entries().stream().filter(internet::includes).toList();
    }

    /** Ports are checked for every protocol: Azure's {@code *} protocol can still name a port. */
    private static boolean opens(FirewallRule rule, PortRange sensitive) {
        return rule.ports().stream().anyMatch(p -> p.overlaps(sensitive));
    }

    /** True when a higher-priority deny closes this allow for the sensitive ports and every internet source. */
    private boolean deniedAhead(FirewallGroup group, FirewallRule allow, List<Source> internet, PortRange sensitive) {
        if (allow.priority().isEmpty()) {
            return false; // AWS: no order, no deny
        }
        int allowPriority = allow.priority().getAsInt();
        for (FirewallRule deny : group.rules()) {
            if (deny.direction() == Direction.INGRESS && deny.access() == Access.DENY && deny.enabled()
                    && deny.appliesTo().wholeGroup()
                    // GCP: a deny wins a tie with an allow; Azure priorities are unique within an NSG
                    && deny.priority().isPresent() && deny.priority().getAsInt() <= allowPriority
                    && deny.protocol().includes(allow.protocol())
                    && coversPorts(deny, allow, sensitive)
                    && internet.stream().allMatch(source -> deniesSource(deny, source))) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversPorts(FirewallRule deny, FirewallRule allow, PortRange sensitive) {
        // every sensitive port the allow opens must fall inside one of the deny's ranges
        return allow.ports().stream().filter(p -> p.overlaps(sensitive))
                .map(p -> new PortRange(Math.max(p.from(), sensitive.from()), Math.min(p.to(), sensitive.to())))
                .allMatch(opened -> covered(opened, deny.ports()));
    }

    /**
     * True when each port of {@code opened} is in one of {@code ranges}, however they split it: a deny of ports 20 and 21,
     * two ranges (Azure's {@code destinationPortRanges}, GCP's {@code ports}), covers an allow of 20-21.
     */
    private static boolean covered(PortRange opened, List<PortRange> ranges) {
        int next = opened.from(); // every port below it is covered
        while (next <= opened.to()) {
            int port = next;
            Optional<PortRange> holding = ranges.stream().filter(r -> r.covers(port)).max(Comparator.comparingInt(PortRange::to));
            if (holding.isEmpty()) {
                return false;
            }
            next = holding.get().to() + 1;
        }
        return true;
    }

    /**
     * True when the deny closes every internet address of {@code source}: a service tag by an "anywhere" tag or the
     * same tag; a CIDR, and each public entry of an address set, by a deny source that contains it (a CIDR, or an
     * entry of a deny's address set); an address set also by a deny naming the same set.
     */
    private boolean deniesSource(FirewallRule deny, Source source) {
        if (deny.sources().stream().anyMatch(d -> d instanceof Source.ServiceTag tag
                && ANYWHERE_TAGS.contains(tag.name().toLowerCase(Locale.ROOT)))) {
            return true;
        }
        return switch (source) {
            case Source.ServiceTag tag -> deny.sources().stream()
                    .anyMatch(d -> d instanceof Source.ServiceTag s && s.name().equalsIgnoreCase(tag.name()));
            case Source.Cidr cidr -> deniesRange(deny, cidr.range());
            case Source.AddressSet set -> deny.sources().stream()
                    .anyMatch(d -> d instanceof Source.AddressSet s && s.id().equals(set.id()))
                    || publicEntries(set).stream().allMatch(entry -> deniesRange(deny, entry));
            case Source.GroupRef ignored -> false;
        };
    }

    private static boolean deniesRange(FirewallRule deny, IpRange range) {
        return deny.sources().stream().anyMatch(d -> switch (d) {
            case Source.Cidr cidr -> cidr.range().contains(range);
            case Source.AddressSet set -> set.entries().stream().anyMatch(entry -> entry.contains(range));
            case Source.ServiceTag ignored -> false;
            case Source.GroupRef ignored -> false;
        });
    }
}
