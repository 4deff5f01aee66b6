package dev.cloudwarden.core.firewall;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.Firewalls;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The exposure evaluator agrees, rule by rule, with a reference written here as plainly as README's definition allows:
 * for each ingress allow rule, each port of each sensitive range and each internet source block, is the traffic let in
 * by the rule and not stopped by a deny ahead of it? The groups are generated the way AWS security groups (allow only,
 * no order) and Azure NSGs or GCP firewalls (priorities, allow and deny, disabled rules, target tags) hold them, with
 * the sources attackers hide behind: the halves of the address space, IPv6, service tags in any spelling, address sets
 * with one public entry among private ones.
 */
class ExposureEvaluatorProperties {
    private static final Set<String> PROTOCOLS_WITH_PORTS = Set.of("tcp", "udp", "sctp", "all");
    private static final Set<String> ANYWHERE_TAGS = Set.of("internet", "*", "any");

    private static final List<String> CIDRS = List.of(
            "0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2", "2.0.0.0/7", "0.0.0.0/8", "10.0.0.0/8",
            "100.0.0.0/8", "100.64.0.0/10", "100.64.1.0/24", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.7/32",
            "52.216.0.0/15", "::/0", "::/1", "8000::/1", "2000::/3", "2001::/15", "2001::/16", "2001:db8::/32", "fd00::/8");
    private static final List<String> SERVICE_TAGS = List.of("Internet", "internet", "*", "Any", "VirtualNetwork", "AzureLoadBalancer");
    private static final List<String> PUBLIC_CIDRS = List.of("100.64.0.0/10", "198.51.100.0/24", "2001:db8::/32", "52.216.0.0/15");
    private static final List<PortRange> PORTS = List.of(PortRange.single(20), PortRange.single(21), PortRange.single(22),
            PortRange.single(23), PortRange.single(80), PortRange.single(443), PortRange.single(1433), PortRange.single(3389),
            new PortRange(20, 21), new PortRange(20, 23), new PortRange(21, 22), new PortRange(22, 23), new PortRange(19, 20),
            new PortRange(1000, 2000), new PortRange(3000, 4000), new PortRange(1, 1024), PortRange.ALL);

    /** One generated case: the sensitive ports and public ranges of a policy, and one group. */
    record Case(List<SensitivePort> sensitivePorts, List<IpRange> publicCidrs, FirewallGroup group) {
    }

    /** What is said about one rule: the sensitive ports it exposes, their worst severity, its internet sources, its public sets. */
    record Verdict(List<SensitivePort> exposedPorts, Severity severity, List<Peer> internetSources,
                   Map<String, List<IpRange>> publicEntriesBySet) {
    }

    @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
    void theEvaluatorAgreesWithThePlainReference_ruleByRule(@ForAll("cases") Case c) {
        ExposureEvaluator evaluator = new ExposureEvaluator(c.sensitivePorts(), c.publicCidrs());
        Map<String, Verdict> evaluated = new LinkedHashMap<>();
        for (Exposure exposure : evaluator.evaluate(c.group())) {
            Map<String, List<IpRange>> sets = new LinkedHashMap<>();
            exposure.publicSets().forEach(p -> sets.put(p.set().id(), p.publicEntries()));
            Verdict previous = evaluated.put(exposure.rule().id(),
                    new Verdict(exposure.exposedPorts(), exposure.severity(), exposure.internetSources(), sets));
            assertThat(previous).as("one exposure per rule, rule %s", exposure.rule().id()).isNull();
        }

        Reference expected = reference(c);
        Statistics.label("a deny shadows a sensitive range").collect(expected.shadowed() > 0);
        Statistics.label("a deny shadows a sensitive range").coverage(check -> check.check(true).percentage(p -> p >= 4));
        Statistics.label("rules exposed").collect(expected.verdicts().size());
        assertThat(evaluated).isEqualTo(expected.verdicts());
    }

    /** The reference's verdicts, and how many sensitive ranges a deny shadowed (so that the generators show they reach it). */
    record Reference(Map<String, Verdict> verdicts, int shadowed) {
    }

    // ---- the reference ----------------------------------------------------------------------------------------------

    /**
     * README's definition, as plainly as it can be written. A rule exposes a sensitive range when it is an enabled
     * ingress allow of a protocol that has ports, has an internet source, opens a port of the range, and no deny ahead
     * of it stops that traffic: every opened port of the range, from every internet source block of the rule.
     *
     * <p>Deliberately, as the evaluator documents (its Javadoc and docs/ARCHITECTURE.md, "deny shadowing"), it takes
     * <em>one</em> deny to shadow an allow: one deny rule must stop every opened port of the range from every internet
     * source of the allow, and a CIDR block is stopped by one deny source that contains it. Two denies that together
     * cover the allow's sources or ports (0.0.0.0/1 in one, 128.0.0.0/1 in the other), or one deny whose two CIDRs
     * together cover an allow's block, leave it reported. Per packet such traffic is dropped, so this over-reports; the
     * choice keeps the audit on the safe side (a finding too many, never one too few) and keeps the evidence a single
     * rule an operator can read. Within the one deny, its port ranges are enumerated port by port.
     */
    static Reference reference(Case c) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        int shadowedRanges = 0;
        List<FirewallRule> rules = c.group().rules();
        for (FirewallRule allow : rules) {
            if (allow.direction() != Direction.INGRESS || allow.access() != Access.ALLOW || !allow.enabled()) {
                continue;
            }
            if (!PROTOCOLS_WITH_PORTS.contains(allow.protocol().name())) {
                continue; // ICMP and the other protocols without ports reach no service port
            }
            List<Peer> internet = new ArrayList<>();
            for (Peer source : allow.sources()) {
                if (isInternet(source, c.publicCidrs())) {
                    internet.add(source);
                }
            }
            if (internet.isEmpty()) {
                continue;
            }
            List<SensitivePort> exposed = new ArrayList<>();
            for (SensitivePort sensitive : c.sensitivePorts()) {
                List<Integer> opened = new ArrayList<>();
                for (int port = sensitive.ports().from(); port <= sensitive.ports().to(); port++) {
                    if (inAnyRange(port, allow.ports())) {
                        opened.add(port);
                    }
                }
                if (opened.isEmpty()) {
                    continue;
                }
                boolean shadowed = false;
                for (FirewallRule deny : rules) {
                    if (stopsAll(deny, allow, opened, internet, c.publicCidrs())) {
                        shadowed = true;
                    }
                }
                if (shadowed) {
                    shadowedRanges++;
                } else {
                    exposed.add(sensitive);
                }
            }
            if (exposed.isEmpty()) {
                continue;
            }
            Severity worst = Severity.INFO;
            for (SensitivePort port : exposed) {
                if (port.severity().compareTo(worst) > 0) {
                    worst = port.severity();
                }
            }
            Map<String, List<IpRange>> sets = new LinkedHashMap<>();
            for (Peer source : internet) {
                if (source instanceof Peer.AddressSet set) {
                    sets.put(set.id(), publicEntries(set, c.publicCidrs()));
                }
            }
            verdicts.put(allow.id(), new Verdict(exposed, worst, internet, sets));
        }
        return new Reference(verdicts, shadowedRanges);
    }

    /** Whether {@code deny} stops every opened port from every internet source of {@code allow}. */
    private static boolean stopsAll(FirewallRule deny, FirewallRule allow, List<Integer> opened, List<Peer> internet,
                                    List<IpRange> publicCidrs) {
        if (allow.priority().isEmpty()) {
            return false; // AWS: rules have no order and there is no deny
        }
        boolean appliesAhead = deny.direction() == Direction.INGRESS && deny.access() == Access.DENY && deny.enabled()
                && deny.appliesTo().wholeGroup() // a deny for some members only leaves the others open
                && deny.priority().isPresent() && deny.priority().getAsInt() <= allow.priority().getAsInt()
                && (deny.protocol().name().equals("all") || deny.protocol().name().equals(allow.protocol().name()));
        if (!appliesAhead) {
            return false;
        }
        for (int port : opened) {
            if (!inAnyRange(port, deny.ports())) {
                return false;
            }
        }
        for (Peer source : internet) {
            if (!stopsSource(deny, source, publicCidrs)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the deny stops every internet block of one source of the allow. */
    private static boolean stopsSource(FirewallRule deny, Peer source, List<IpRange> publicCidrs) {
        for (Peer d : deny.sources()) {
            if (d instanceof Peer.ServiceTag tag && tag.internet()) {
                return true;
            }
        }
        return switch (source) {
            case Peer.ServiceTag tag -> deny.sources().stream()
                    .anyMatch(d -> d instanceof Peer.ServiceTag t && t.name().equalsIgnoreCase(tag.name()));
            case Peer.Cidr cidr -> stopsBlock(deny, cidr.range());
            case Peer.AddressSet set -> {
                boolean sameSet = deny.sources().stream().anyMatch(d -> d instanceof Peer.AddressSet s && s.id().equals(set.id()));
                boolean everyBlock = true;
                for (IpRange entry : publicEntries(set, publicCidrs)) {
                    everyBlock &= stopsBlock(deny, entry);
                }
                yield sameSet || everyBlock;
            }
            case Peer.Group ignored -> false;
            default -> false; // the kinds this property does not generate
        };
    }

    /** A block is stopped by a deny source (a CIDR, or one entry of a deny's address set) that holds all of it. */
    private static boolean stopsBlock(FirewallRule deny, IpRange block) {
        for (Peer d : deny.sources()) {
            List<IpRange> ranges = switch (d) {
                case Peer.Cidr cidr -> List.of(cidr.range());
                case Peer.AddressSet set -> set.entries();
                default -> List.of();
            };
            for (IpRange range : ranges) {
                if (holds(range, block)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The internet: a CIDR wider than a /8 (IPv4) or a /16 (IPv6), or one overlapping publicCidrs; see README. */
    private static boolean isInternet(Peer source, List<IpRange> publicCidrs) {
        return switch (source) {
            case Peer.Cidr cidr -> isInternet(cidr.range(), publicCidrs);
            case Peer.AddressSet set -> !publicEntries(set, publicCidrs).isEmpty();
            case Peer.ServiceTag tag -> tag.internet();
            case Peer.Group ignored -> false;
            default -> false; // the kinds this property does not generate
        };
    }

    private static boolean isInternet(IpRange range, List<IpRange> publicCidrs) {
        if (range.prefixLength() < (range.ipv6() ? 16 : 8)) {
            return true;
        }
        for (IpRange declared : publicCidrs) {
            if (range.ipv6() == declared.ipv6() && first(range).compareTo(last(declared)) <= 0
                    && first(declared).compareTo(last(range)) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static List<IpRange> publicEntries(Peer.AddressSet set, List<IpRange> publicCidrs) {
        return set.entries().stream().filter(entry -> isInternet(entry, publicCidrs)).toList();
    }

    private static boolean holds(IpRange outer, IpRange inner) {
        return outer.ipv6() == inner.ipv6() && first(outer).compareTo(first(inner)) <= 0 && last(outer).compareTo(last(inner)) >= 0;
    }

    private static BigInteger first(IpRange range) {
        int bits = range.ipv6() ? 128 : 32;
        return range.first().shiftRight(bits - range.prefixLength()).shiftLeft(bits - range.prefixLength());
    }

    private static BigInteger last(IpRange range) {
        int bits = range.ipv6() ? 128 : 32;
        return first(range).add(BigInteger.ONE.shiftLeft(bits - range.prefixLength())).subtract(BigInteger.ONE);
    }

    private static boolean inAnyRange(int port, List<PortRange> ranges) {
        for (PortRange range : ranges) {
            if (range.from() <= port && port <= range.to()) {
                return true;
            }
        }
        return false;
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<SensitivePort>> sensitive = sensitivePort().list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<List<IpRange>> publicCidrs = Arbitraries.of(PUBLIC_CIDRS).map(IpRange::parse).list().ofMaxSize(2).uniqueElements();
        return Combinators.combine(sensitive, publicCidrs, group()).as(Case::new);
    }

    /** Sensitive ranges are small, around the ports the generated rules open: the reference enumerates them. */
    private static Arbitrary<SensitivePort> sensitivePort() {
        Arbitrary<PortRange> known = Arbitraries.of(PortRange.single(22), new PortRange(20, 21), PortRange.single(23),
                PortRange.single(3389), PortRange.single(1433), new PortRange(21, 23), new PortRange(5900, 5901));
        Arbitrary<PortRange> nearby = Combinators.combine(Arbitraries.integers().between(17, 26), Arbitraries.integers().between(0, 4))
                .as((from, length) -> new PortRange(from, from + length));
        return Combinators.combine(Arbitraries.oneOf(known, nearby), Arbitraries.of(Severity.class))
                .as((ports, severity) -> new SensitivePort(ports, "s" + ports, severity));
    }

    /**
     * An AWS security group (allow only, no order), or an Azure NSG / GCP network's firewall (priorities, allow and deny,
     * disabled rules, target tags) whose denies are often drawn from its allows, the way an operator closes one: the
     * same traffic, or its ports split in two, the source widened to the whole space or to its two halves, ahead of the
     * allow, level with it or behind it.
     */
    private static Arbitrary<FirewallGroup> group() {
        Arbitrary<List<Peer.AddressSet>> sets = addressSet().list().ofMinSize(1).ofMaxSize(3)
                .map(list -> IntStream.range(0, list.size())
                        .mapToObj(i -> new Peer.AddressSet("pl-" + i, list.get(i).name(), list.get(i).entries())).toList());
        Arbitrary<Boolean> awsLike = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
        return Combinators.combine(awsLike, sets).flatAs((aws, addressSets) -> {
            Arbitrary<List<FirewallRule>> rules = aws ? rule(true, addressSets).list().ofMinSize(1).ofMaxSize(8)
                    : rule(false, addressSets).list().ofMinSize(1).ofMaxSize(6).flatMap(base -> denyDrawnFrom(base).list().ofMaxSize(4)
                            .map(denies -> {
                                List<FirewallRule> all = new ArrayList<>(denies);
                                all.addAll(base);
                                return all;
                            }));
            return rules.map(list -> {
                List<FirewallRule> named = IntStream.range(0, list.size()).mapToObj(i -> {
                    FirewallRule r = list.get(i);
                    return new FirewallRule("r" + i, r.direction(), r.access(), r.priority(), r.protocol(), r.ports(), r.sources(),
                            r.enabled(), r.appliesTo(), "");
                }).toList();
                return new FirewallGroup(new ResourceRef(aws ? CloudId.AWS : CloudId.AZURE, Firewalls.ACCOUNT, Firewalls.REGION,
                        "security-group", "sg-1", "", Tags.NONE), "vpc-1", named);
            });
        });
    }

    /** How a deny drawn from an allow differs from it. */
    enum Ports { SAME, HALVES, FIRST_PORT, EVERY_PORT }

    enum Sources { SAME, INTERNET_TAG, ALL_IPV4, HALVES_OF_IPV4, FIRST_ONLY, WHOLE_SPACE_OF_EACH }

    enum Protocols { SAME, ALL, OTHER }

    private static Arbitrary<FirewallRule> denyDrawnFrom(List<FirewallRule> base) {
        Arbitrary<Integer> ahead = Arbitraries.of(-100, -1, 0, 0, 100);
        Arbitrary<Boolean> enabled = Arbitraries.frequency(Tuple.of(6, true), Tuple.of(1, false));
        Arbitrary<AppliesTo> appliesTo = Arbitraries.frequency(Tuple.of(6, AppliesTo.WHOLE_GROUP),
                Tuple.of(1, new AppliesTo(List.of(), List.of("sa-web"))));
        List<FirewallRule> allows = base.stream()
                .filter(r -> r.direction() == Direction.INGRESS && r.access() == Access.ALLOW).toList();
        return Combinators.combine(Arbitraries.of(allows.isEmpty() ? base : allows), ahead, Arbitraries.of(Ports.class), Arbitraries.of(Sources.class),
                Arbitraries.of(Protocols.class), enabled, appliesTo).as((allow, delta, ports, sources, protocol, on, at) -> {
                    int priority = Math.max(0, allow.priority().orElse(1000) + delta);
                    Protocol p = switch (protocol) {
                        case SAME -> allow.protocol();
                        case ALL -> Protocol.ALL;
                        case OTHER -> allow.protocol().equals(Protocol.TCP) ? Protocol.UDP : Protocol.TCP;
                    };
                    return new FirewallRule("d", Direction.INGRESS, Access.DENY, OptionalInt.of(priority), p, ports(allow.ports(), ports),
                            sources(allow.sources(), sources), on, at, "");
                });
    }

    private static List<PortRange> ports(List<PortRange> allowed, Ports how) {
        return switch (how) {
            case SAME -> allowed;
            case HALVES -> allowed.stream().flatMap(r -> r.from() == r.to() ? java.util.stream.Stream.of(r)
                    : java.util.stream.Stream.of(new PortRange(r.from(), (r.from() + r.to()) / 2),
                            new PortRange((r.from() + r.to()) / 2 + 1, r.to()))).toList();
            case FIRST_PORT -> List.of(PortRange.single(allowed.getFirst().from()));
            case EVERY_PORT -> List.of(PortRange.ALL);
        };
    }

    private static List<Peer> sources(List<Peer> allowed, Sources how) {
        return switch (how) {
            case SAME -> allowed;
            case INTERNET_TAG -> List.of(new Peer.ServiceTag("Internet", true));
            case ALL_IPV4 -> List.of(Peer.Cidr.of("0.0.0.0/0"));
            case HALVES_OF_IPV4 -> List.of(Peer.Cidr.of("0.0.0.0/1"), Peer.Cidr.of("128.0.0.0/1"));
            case FIRST_ONLY -> List.of(allowed.getFirst());
            case WHOLE_SPACE_OF_EACH -> allowed.stream().map(s -> switch (s) {
                case Peer.Cidr cidr -> Peer.Cidr.of(cidr.range().ipv6() ? "::/0" : "0.0.0.0/0");
                default -> s;
            }).toList();
        };
    }

    private static Arbitrary<Peer.AddressSet> addressSet() {
        return Arbitraries.of(CIDRS).map(IpRange::parse).list().ofMaxSize(3).map(entries -> new Peer.AddressSet("pl", "set", entries));
    }

    private static Arbitrary<FirewallRule> rule(boolean aws, List<Peer.AddressSet> addressSets) {
        Arbitrary<Direction> direction = Arbitraries.frequency(
                Tuple.of(6, Direction.INGRESS), Tuple.of(1, Direction.EGRESS));
        Arbitrary<Peer> source = source(addressSets);
        if (aws) { // one peer, one port range, allow only, no order: as EC2 counts rules
            Arbitrary<Protocol> protocol = Arbitraries.of("tcp", "udp", "-1", "icmp", "icmpv6").map(Protocol::of);
            return Combinators.combine(direction, protocol, Arbitraries.of(PORTS), source).as((d, p, ports, s) ->
                    new FirewallRule("r", d, Access.ALLOW, OptionalInt.empty(), p, List.of(p.hasPorts() ? ports : PortRange.ALL),
                            List.of(s), true, AppliesTo.WHOLE_GROUP, ""));
        }
        Arbitrary<Access> access = Arbitraries.frequency(Tuple.of(3, Access.ALLOW), Tuple.of(1, Access.DENY));
        Arbitrary<OptionalInt> priority = Arbitraries.of(100, 200, 300, 1000, 1000, 65000).map(OptionalInt::of);
        Arbitrary<Protocol> protocol = Arbitraries.of("Tcp", "udp", "*", "icmp", "sctp", "esp").map(Protocol::of);
        Arbitrary<List<PortRange>> ports = Arbitraries.oneOf(Arbitraries.of(PORTS), nearbyPorts()).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Peer>> sources = source.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Boolean> enabled = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false));
        Arbitrary<AppliesTo> appliesTo = Arbitraries.frequency(Tuple.of(5, AppliesTo.WHOLE_GROUP),
                Tuple.of(1, new AppliesTo(List.of("web"), List.of())));
        return Combinators.combine(direction, access, priority, protocol, ports, sources, enabled, appliesTo)
                .as((d, a, pr, p, pts, s, e, at) -> new FirewallRule("r", d, a, pr, p, pts, s, e, at, ""));
    }

    private static Arbitrary<PortRange> nearbyPorts() {
        return Combinators.combine(Arbitraries.integers().between(17, 26), Arbitraries.integers().between(0, 3))
                .as((from, length) -> new PortRange(from, from + length));
    }

    private static Arbitrary<Peer> source(List<Peer.AddressSet> addressSets) {
        Arbitrary<Peer> cidr = Arbitraries.of(CIDRS).map(Peer.Cidr::of);
        Arbitrary<Peer> tag = Arbitraries.of(SERVICE_TAGS).map(name -> new Peer.ServiceTag(name, ANYWHERE_TAGS.contains(name.toLowerCase())));
        Arbitrary<Peer> groupRef = Arbitraries.just(new Peer.Group("sg-bastion", Firewalls.ACCOUNT));
        Arbitrary<Peer> set = Arbitraries.of(addressSets).map(s -> (Peer) s);
        return Arbitraries.frequencyOf(Tuple.of(5, cidr), Tuple.of(2, tag),
                Tuple.of(1, groupRef), Tuple.of(2, set));
    }
}
