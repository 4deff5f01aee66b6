package dev.cloudwarden.core.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.CloudState;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * The security-group audit over generated estates and policies that remediate (revoke, or narrow to a private range):
 * a dry-run changes nothing, and a real run never changes more groups than the blast radius allows, refuses a plan
 * beyond it whole, and is refused exactly when its dry-run said it would be.
 */
class FirewallAuditProperties {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:15:30Z"), ZoneOffset.UTC);
    private static final String EXEMPT_TAG = "cloudwarden:exempt";
    private static final List<String> CIDRS = List.of("0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "2000::/3", "10.0.0.0/8",
            "100.64.1.0/24", "192.168.0.0/16", "203.0.113.0/24");
    private static final List<PortRange> PORTS = List.of(PortRange.single(22), PortRange.single(3389), PortRange.single(443),
            new PortRange(20, 23), new PortRange(1000, 2000), PortRange.single(5432), PortRange.ALL);

    /**
     * A generated estate, policy and request; the cloud is built anew for each use, so that the case stays a value.
     *
     * @param maxGroups  {@code blastRadius.maxChanges}, when the policy gives it (else the default, 50)
     * @param maxPercent {@code blastRadius.maxPercent}, when the policy gives it
     * @param targets    the groups an event names; empty for a sweep
     */
    record AuditCase(List<FirewallGroup> groups, List<Peer.AddressSet> addressSets, String remediation, boolean publicCgnat,
                     OptionalInt maxGroups, OptionalInt maxPercent, Optional<List<String>> targets) {

        InMemoryCloud cloud() {
            InMemoryCloud cloud = InMemoryCloud.holding(groups.toArray(FirewallGroup[]::new));
            addressSets.forEach(cloud::putAddressSet);
            return cloud;
        }

        Policy policy(boolean dryRun) {
            List<String> blast = new ArrayList<>();
            maxGroups.ifPresent(n -> blast.add("maxChanges: " + n));
            maxPercent.ifPresent(n -> blast.add("maxPercent: " + n));
            String section = "securityGroupAudit:\n"
                    + (publicCgnat ? "  publicCidrs: [100.64.0.0/10]\n" : "")
                    + "  exempt: {tags: {\"" + EXEMPT_TAG + "\": \"true\"}}\n"
                    + "  remediation: " + remediation + "\n"
                    + (blast.isEmpty() ? "" : "  blastRadius: {" + String.join(", ", blast) + "}\n");
            return PolicyLoader.parse("version: 1\ncloud: aws\ndryRun: " + dryRun + "\n" + section, "generated policy");
        }

        RunRequest request(boolean dryRun) {
            return targets.map(ids -> RunRequest.resources(Trigger.EVENT, ids, Optional.empty(), dryRun))
                    .orElseGet(() -> RunRequest.sweep(Trigger.SCHEDULE, dryRun));
        }

        boolean sweep() {
            return targets.isEmpty();
        }
    }

    // ---- dry-run ----------------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aDryRunChangesNothing_whetherTheRequestOrThePolicyAsksForIt(@ForAll("audits") AuditCase c, @ForAll boolean byPolicy) {
        InMemoryCloud cloud = c.cloud();
        CloudState before = CloudState.of(cloud, List.of(Firewalls.REGION), List.of());
        var calls = cloud.apiCalls();
        Policy policy = c.policy(byPolicy);

        RunReport report = run(cloud, policy, c.request(!byPolicy));

        assertThat(report.dryRun()).isTrue();
        assertThat(CloudState.writesSince(cloud, calls)).as("calls that write").isEmpty();
        assertThat(CloudState.of(cloud, List.of(Firewalls.REGION), List.of())).isEqualTo(before);
        Statistics.label("the plan changes something").collect(!plannedGroups(report).isEmpty());
        Statistics.label("the plan changes something").coverage(check -> check.check(true).percentage(p -> p >= 50));
    }

    // ---- blast radius -----------------------------------------------------------------------------------------------

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theBlastRadiusIsNeverExceeded_aPlanBeyondItIsRefusedWhole_asItsDryRunSaid(@ForAll("audits") AuditCase c) {
        InMemoryCloud cloud = c.cloud();
        Policy policy = c.policy(false);
        RunReport dry = run(cloud, policy, c.request(true));
        Set<String> planned = plannedGroups(dry);
        int maxGroups = c.maxGroups().orElse(ChangeLimit.DEFAULT_MAX_CHANGES);
        boolean beyond = planned.size() > maxGroups
                || c.sweep() && c.maxPercent().isPresent() && planned.size() * 100L > (long) c.maxPercent().getAsInt() * dry.resourcesScanned();
        CloudState before = CloudState.of(cloud, List.of(Firewalls.REGION), List.of());
        var calls = cloud.apiCalls();

        RunReport real = run(cloud, policy, c.request(false));

        Set<String> changed = changedGroups(before.groups(), cloud.groups());
        assertThat(changed.size()).as("groups changed, limit maxChanges %s", maxGroups).isLessThanOrEqualTo(maxGroups);
        if (c.sweep() && c.maxPercent().isPresent()) {
            assertThat(changed.size() * 100L).as("percent of the %s groups scanned changed, limit maxPercent %s", real.resourcesScanned(),
                    c.maxPercent().getAsInt()).isLessThanOrEqualTo((long) c.maxPercent().getAsInt() * real.resourcesScanned());
        }
        List<Finding> dryPlanned = dry.findings().stream().filter(f -> f.action().status() == Status.PLANNED).toList();
        if (beyond) {
            assertThat(real.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(CloudState.writesSince(cloud, calls)).as("calls that write").isEmpty();
            assertThat(CloudState.of(cloud, List.of(Firewalls.REGION), List.of())).isEqualTo(before);
            assertThat(dryPlanned).allSatisfy(f -> assertThat(f.action().reason()).startsWith("dry-run: the real run would be refused"));
        } else {
            assertThat(real.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(changed).isEqualTo(planned);
            assertThat(dryPlanned).noneSatisfy(f -> assertThat(f.action().reason()).contains("would be refused"));
        }
        Statistics.label("verdict").collect(planned.isEmpty() ? "nothing to change" : beyond ? "refused" : "applied");
        Statistics.label("verdict").coverage(check -> {
            check.check("refused").percentage(p -> p >= 10);
            check.check("applied").percentage(p -> p >= 10);
        });
    }

    private static RunReport run(InMemoryCloud cloud, Policy policy, RunRequest request) {
        RunReport report = new FirewallAudit(cloud, policy.section(FirewallAuditPolicy.class).orElseThrow(), policy.dryRun(), CLOCK).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The groups the plan changes: those with a planned action. */
    private static Set<String> plannedGroups(RunReport report) {
        return report.findings().stream().filter(f -> f.action().status() == Status.PLANNED).map(f -> f.resource().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The groups whose rules differ between two readings of the cloud. */
    private static Set<String> changedGroups(List<FirewallGroup> before, List<FirewallGroup> after) {
        Map<String, FirewallGroup> now = after.stream().collect(Collectors.toMap(FirewallGroup::id, g -> g));
        return before.stream().filter(g -> !g.equals(now.get(g.id()))).map(FirewallGroup::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<AuditCase> audits() {
        Arbitrary<List<Peer.AddressSet>> sets = Arbitraries.of(CIDRS).map(IpRange::parse).list().ofMinSize(1).ofMaxSize(3)
                .list().ofMaxSize(2).map(entries -> IntStream.range(0, entries.size())
                        .mapToObj(i -> new Peer.AddressSet("pl-0000000" + i, "list-" + i, entries.get(i))).toList());
        Arbitrary<String> remediation = Arbitraries.of("{action: revoke}", "{action: narrow, narrowTo: [10.0.0.0/8]}",
                "{action: narrow, narrowTo: [192.168.10.0/24, 172.16.0.0/12]}");
        Arbitrary<OptionalInt> maxGroups = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(4, Arbitraries.integers().between(0, 6).map(OptionalInt::of)));
        Arbitrary<OptionalInt> maxPercent = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(OptionalInt.empty())),
                Tuple.of(2, Arbitraries.of(0, 10, 25, 34, 50, 67, 100).map(OptionalInt::of)));
        return sets.flatMap(addressSets -> group(addressSets).list().ofMinSize(1).ofMaxSize(10).flatMap(groups -> {
            List<FirewallGroup> named = IntStream.range(0, groups.size()).mapToObj(i -> renamed(groups.get(i), "sg-" + i)).toList();
            Arbitrary<Optional<List<String>>> targets = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.empty())),
                    Tuple.of(2, Arbitraries.of(IntStream.range(0, named.size() + 1).mapToObj(i -> "sg-" + i).toList())
                            .list().ofMinSize(1).ofMaxSize(2).map(Optional::of)));
            return Combinators.combine(remediation, Arbitraries.of(true, false), maxGroups, maxPercent, targets)
                    .as((r, cgnat, mg, mp, t) -> new AuditCase(named, addressSets, r, cgnat, mg, mp, t));
        }));
    }

    private static FirewallGroup renamed(FirewallGroup group, String id) {
        var r = group.resource();
        return new FirewallGroup(new dev.cloudwarden.api.ResourceRef(r.cloud(), r.account(), r.region(), r.type(), id, r.name(),
                r.tags()), group.network(), group.rules());
    }

    /** An AWS security group: allow rules with one peer each, one in five exempt by tag. */
    private static Arbitrary<FirewallGroup> group(List<Peer.AddressSet> addressSets) {
        Arbitrary<Boolean> exempt = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
        return Combinators.combine(rule(addressSets).list().ofMaxSize(5), exempt).as((rules, isExempt) -> {
            var builder = Firewalls.group("sg").named("generated");
            if (isExempt) {
                builder.tag(EXEMPT_TAG, "true");
            }
            FirewallGroup built = builder.build();
            List<FirewallRule> named = IntStream.range(0, rules.size()).mapToObj(i -> {
                FirewallRule r = rules.get(i);
                return new FirewallRule("sgr-" + i, r.direction(), r.access(), r.priority(), r.protocol(), r.ports(), r.sources(),
                        r.enabled(), r.appliesTo(), "");
            }).toList();
            return new FirewallGroup(built.resource(), built.network(), named);
        });
    }

    private static Arbitrary<FirewallRule> rule(List<Peer.AddressSet> addressSets) {
        Arbitrary<Boolean> egress = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false));
        Arbitrary<Protocol> protocol = Arbitraries.of("tcp", "tcp", "udp", "-1", "icmp").map(Protocol::of);
        List<Peer> peers = new ArrayList<>(CIDRS.stream().map(Peer.Cidr::of).toList());
        peers.add(new Peer.Group("sg-bastion", Firewalls.ACCOUNT));
        peers.addAll(addressSets);
        return Combinators.combine(egress, protocol, Arbitraries.of(PORTS), Arbitraries.of(peers)).as((out, p, ports, peer) ->
                FirewallRule.allow("r", out ? FirewallRule.Direction.EGRESS : FirewallRule.Direction.INGRESS, p,
                        p.hasPorts() ? ports : PortRange.ALL, peer, ""));
    }
}
