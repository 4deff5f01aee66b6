package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallGroup.Attachment;
import dev.cloudwarden.api.FirewallGroup.Passage;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Decides which ingress rules let the internet reach sensitive ports, as a pure function of a group and the other
 * groups traffic passes on its way.
 *
 * <p>A peer is the internet when it is a CIDR in the {@link PublicAddressSpace}, an address set (an AWS managed prefix
 * list, a GCP address group) with at least one entry in it, a service tag the provider marks as the internet (Azure's
 * {@code Internet}, {@code *}), or a domain name, a geography or a threat list, which are all parts of the internet.
 * Other groups, network tags and service accounts are not.
 *
 * <p>Within a group, an allow is not an exposure when an enabled deny (or go-to-next) of higher or equal priority
 * (lower or equal number; a deny wins a tie) that applies to the whole group and every destination covers its protocol,
 * the exposed ports and every internet source. Disabled rules expose nothing. Priorities compare only within a group.
 *
 * <p>Across groups ({@link FirewallGroup#attachments()}): the allow exposes only through an attachment whose other
 * groups let the traffic reach it and through, by each group's {@link Passage}: an Azure subnet NSG and NIC NSG must
 * both allow; a GCP organisation or folder policy that decides first (allow or deny) takes the decision from the
 * network's own rules, and one that goes to next hands it on. There another group lets traffic through when one of its
 * allows overlaps the internet sources, and stops it only when its deciding deny covers all of them, so that an
 * exposure is never missed for want of precision. A group on the way that could not be read counts as letting
 * everything through. AWS security groups have no attachments: a group alone is judged as today.
 */
public final class ExposureEvaluator {
    private final List<SensitivePort> sensitivePorts;
    private final PublicAddressSpace internet;

    public ExposureEvaluator(List<SensitivePort> sensitivePorts, List<IpRange> publicCidrs) {
        this.sensitivePorts = List.copyOf(sensitivePorts);
        this.internet = new PublicAddressSpace(publicCidrs);
    }

    /** The exposures of one group judged as if nothing else stood on the traffic's way. */
    public List<Exposure> evaluate(FirewallGroup group) {
        return evaluate(group, id -> Optional.empty());
    }

    /**
     * @param others the other groups named on {@code group}'s attachments, by id; empty for one that could not be read
     */
    public List<Exposure> evaluate(FirewallGroup group, Function<String, Optional<FirewallGroup>> others) {
        List<Exposure> exposures = new ArrayList<>();
        for (FirewallRule rule : group.rules()) {
            if (rule.direction() != Direction.INGRESS || rule.access() != Access.ALLOW || !rule.enabled()) {
                continue;
            }
            List<Peer> internetSources = rule.sources().stream().filter(this::isInternet).toList();
            if (internetSources.isEmpty() || !rule.protocol().hasPorts()) {
                continue; // ICMP and other port-less protocols reach no service port
            }
            List<Attachment> through = new ArrayList<>();
            List<SensitivePort> exposed = new ArrayList<>();
            for (SensitivePort sensitive : sensitivePorts) {
                List<PortRange> opened = opened(rule, sensitive.ports());
                if (opened.isEmpty() || closedAhead(group, rule, internetSources, opened)) {
                    continue;
                }
                List<Attachment> passing = group.attachments().stream()
                        .filter(a -> reaches(a, group, rule, internetSources, opened, others)).toList();
                if (group.attachments().isEmpty() || !passing.isEmpty()) {
                    exposed.add(sensitive);
                    passing.stream().filter(a -> !through.contains(a)).forEach(through::add);
                }
            }
            if (!exposed.isEmpty()) {
                List<Exposure.PublicSet> publicSets = internetSources.stream()
                        .flatMap(source -> source instanceof Peer.AddressSet set ? Stream.of(set) : Stream.empty())
                        .map(set -> new Exposure.PublicSet(set, publicEntries(set))).toList();
                exposures.add(new Exposure(group, rule, internetSources, exposed, publicSets, through));
            }
        }
        return exposures;
    }

    boolean isInternet(Peer peer) {
        return switch (peer) {
            case Peer.Cidr cidr -> internet.includes(cidr.range());
            case Peer.AddressSet set -> !publicEntries(set).isEmpty();
            case Peer.ServiceTag tag -> tag.internet();
            case Peer.Fqdn ignored -> true;
            case Peer.Geography ignored -> true;
            case Peer.ThreatList ignored -> true;
            case Peer.Group ignored -> false;
            case Peer.NetworkTag ignored -> false;
            case Peer.ServiceAccount ignored -> false;
        };
    }

    /** The entries of an address set that are the internet, each judged as a CIDR source would be. */
    private List<IpRange> publicEntries(Peer.AddressSet set) {
        return set.entries().stream().filter(internet::includes).toList();
    }

    /**
     * The parts of the sensitive range the rule opens. Ports are checked for every protocol: Azure's {@code *} protocol
     * can still name a port.
     */
    private static List<PortRange> opened(FirewallRule rule, PortRange sensitive) {
        return rule.ports().stream().filter(p -> p.overlaps(sensitive))
                .map(p -> new PortRange(Math.max(p.from(), sensitive.from()), Math.min(p.to(), sensitive.to()))).toList();
    }

    /** True when a rule of the same group ahead of the allow denies (or hands on) these ports for every internet source. */
    private boolean closedAhead(FirewallGroup group, FirewallRule allow, List<Peer> internetSources, List<PortRange> opened) {
        if (allow.priority().isEmpty()) {
            return false; // AWS: no order, no deny
        }
        int allowPriority = allow.priority().getAsInt();
        return group.rules().stream().anyMatch(rule -> rule.access() != Access.ALLOW
                // GCP: a deny wins a tie with an allow; Azure priorities are unique within an NSG
                && rule.priority().isPresent() && rule.priority().getAsInt() <= allowPriority
                && rule.protocol().includes(allow.protocol())
                && closesAll(rule, internetSources, opened));
    }

    /** True when {@code rule}, a deny or go-to-next, takes every one of these ports from every one of these sources. */
    private boolean closesAll(FirewallRule rule, List<Peer> internetSources, List<PortRange> opened) {
        return rule.direction() == Direction.INGRESS && rule.enabled()
                && rule.appliesTo().wholeGroup() && rule.destinations().isEmpty()
                && opened.stream().allMatch(range -> covered(range, rule.ports()))
                && internetSources.stream().allMatch(source -> deniesSource(rule, source));
    }

    /**
     * Whether traffic from the internet sources to the opened ports reaches the attachment's target with the allow
     * deciding in its own group: the groups before it must hand it on (or, for every-group-allows groups, allow it), and
     * after an every-group-allows group the later ones must allow it too.
     */
    private boolean reaches(Attachment attachment, FirewallGroup group, FirewallRule allow, List<Peer> internetSources,
                            List<PortRange> opened, Function<String, Optional<FirewallGroup>> others) {
        boolean reachedOwn = false;
        for (String id : attachment.path()) {
            if (id.equals(group.id())) {
                if (group.passage() == Passage.FIRST_MATCH) {
                    return true; // its allow decides: nothing after it is asked
                }
                reachedOwn = true;
                continue;
            }
            Optional<FirewallGroup> other = others.apply(id);
            if (other.isEmpty()) {
                continue; // unread: it must not pass for a group that stops the traffic
            }
            Access verdict = verdict(other.get(), allow, internetSources, opened);
            if (other.get().passage() == Passage.FIRST_MATCH) {
                if (verdict == Access.DENY || verdict == Access.ALLOW && !reachedOwn) {
                    return false; // stopped, or let in by that group's own rule, which is reported on its own
                }
            } else if (verdict != Access.ALLOW) {
                return false; // an NSG that does not allow stops the traffic, even with no rule against it
            }
        }
        return reachedOwn;
    }

    /**
     * What a group decides for this traffic: its first matching rule by priority, a deny before an allow or go-to-next
     * of the same priority; {@link Access#GOTO_NEXT} when no rule matches. An allow matches when it lets in some of the
     * ports and internet sources, and, in an every-group-allows group, some of the protocol: a NIC NSG's TCP allow passes
     * the TCP part of a subnet NSG's allow of every protocol. In a first-match group it must take the whole protocol to
     * decide first, since the rest goes on to the next group. A deny or go-to-next matches only when it takes all of them.
     */
    private Access verdict(FirewallGroup group, FirewallRule allow, List<Peer> internetSources, List<PortRange> opened) {
        return group.rules().stream()
                .filter(rule -> rule.direction() == Direction.INGRESS && rule.enabled())
                .filter(rule -> rule.access() == Access.ALLOW
                        ? (group.passage() == Passage.EVERY_GROUP_ALLOWS
                                ? overlaps(rule.protocol(), allow.protocol()) : rule.protocol().includes(allow.protocol()))
                                && opened.stream().anyMatch(range -> rule.ports().stream().anyMatch(p -> p.overlaps(range)))
                                && rule.sources().stream().anyMatch(this::isInternet)
                        : rule.protocol().includes(allow.protocol()) && closesAll(rule, internetSources, opened))
                .min(Comparator.comparingInt((FirewallRule rule) -> rule.priority().orElse(0))
                        .thenComparing(rule -> rule.access() == Access.DENY ? 0 : rule.access() == Access.GOTO_NEXT ? 1 : 2))
                .map(FirewallRule::access)
                .orElse(Access.GOTO_NEXT);
    }

    /** True when some traffic is of both protocols: one of them is every protocol, or they are the same. */
    private static boolean overlaps(Protocol one, Protocol other) {
        return one.includes(other) || other.includes(one);
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
     * True when the deny closes every internet address of {@code source}: anything by a service tag that is the whole
     * internet; a service tag, domain name, geography or threat list by the same one; a CIDR, and each public entry of
     * an address set, by a deny source that contains it (a CIDR, or an entry of a deny's address set); an address set
     * also by a deny naming the same set.
     */
    private boolean deniesSource(FirewallRule deny, Peer source) {
        if (deny.sources().stream().anyMatch(d -> d instanceof Peer.ServiceTag tag && tag.internet())) {
            return true;
        }
        return switch (source) {
            case Peer.ServiceTag tag -> deny.sources().stream()
                    .anyMatch(d -> d instanceof Peer.ServiceTag s && s.name().equalsIgnoreCase(tag.name()));
            case Peer.Cidr cidr -> deniesRange(deny, cidr.range());
            case Peer.AddressSet set -> deny.sources().stream()
                    .anyMatch(d -> d instanceof Peer.AddressSet s && s.id().equals(set.id()))
                    || publicEntries(set).stream().allMatch(entry -> deniesRange(deny, entry));
            case Peer.Fqdn name -> deny.sources().contains(name);
            case Peer.Geography geography -> deny.sources().stream().anyMatch(d -> d instanceof Peer.Geography g
                    && g.regionCodes().containsAll(geography.regionCodes()));
            case Peer.ThreatList list -> deny.sources().contains(list);
            case Peer.Group ignored -> false;
            case Peer.NetworkTag ignored -> false;
            case Peer.ServiceAccount ignored -> false;
        };
    }

    private static boolean deniesRange(FirewallRule deny, IpRange range) {
        return deny.sources().stream().anyMatch(d -> switch (d) {
            case Peer.Cidr cidr -> cidr.range().contains(range);
            case Peer.AddressSet set -> set.entries().stream().anyMatch(entry -> entry.contains(range));
            default -> false;
        });
    }
}
