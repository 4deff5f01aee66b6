package dev.cloudwarden.api.contract;

import static dev.cloudwarden.api.contract.FirewallEstate.Ingress.allTraffic;
import static dev.cloudwarden.api.contract.FirewallEstate.Ingress.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.contract.FirewallEstate.Ingress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link FirewallOps} must do on every cloud: read a group with its rules in the neutral model, revoke exactly the
 * rules named and converge when run again, narrow a rule's sources keeping its protocol and ports. A cloud's test
 * extends it and says how to make groups there ({@link FirewallEstate}) and how to connect its provider.
 */
public abstract class FirewallOpsContract {
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final String ANYWHERE_IPV6 = "::/0";
    private static final String PRIVATE = "10.0.0.0/8";

    private FirewallEstate estate;
    private CloudProvider provider;
    private FirewallOps firewalls;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract FirewallEstate createEstate();

    /** A provider of the estate's cloud and region, offering firewalls. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectFirewallContract() {
        estate = createEstate();
        provider = createProvider();
        firewalls = provider.firewalls().orElseThrow(() -> new AssertionError(provider.cloud() + " offers no firewalls"));
    }

    @AfterEach
    final void disconnectFirewallContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final FirewallEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final FirewallOps firewalls() {
        return firewalls;
    }

    @Test
    void listGroups_findsASeededGroup_withEachIngressRuleInTheNeutralModel() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(3389, ANYWHERE_IPV6), allTraffic(PRIVATE));
        estate.group("other", tcp(443, ANYWHERE));

        FirewallGroup group = groupById(firewalls.listGroups(), web);

        assertThat(group.resource().cloud()).isEqualTo(provider.cloud());
        assertThat(group.resource().name()).isEqualTo("web");
        assertThat(ruleFor(group, tcp(22, ANYWHERE))).satisfies(rule -> {
            assertThat(rule.access()).isEqualTo(Access.ALLOW);
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.ports()).containsExactly(tcp(22, ANYWHERE).ports());
            assertThat(rule.sources()).hasSize(1);
        });
        assertThat(ruleFor(group, tcp(3389, ANYWHERE_IPV6)).sources()).singleElement()
                .satisfies(source -> assertThat(isBlock(source, ANYWHERE_IPV6)).isTrue());
        assertThat(ruleFor(group, allTraffic(PRIVATE)).ports()).as("every protocol, every port")
                .containsExactly(allTraffic(PRIVATE).ports());
        assertThat(ingressOf(group)).as("no ingress beyond the seeded rules allows traffic from these blocks")
                .filteredOn(rule -> rule.access() == Access.ALLOW)
                .filteredOn(rule -> rule.sources().stream().anyMatch(s -> isBlock(s, ANYWHERE) || isBlock(s, ANYWHERE_IPV6)
                        || isBlock(s, PRIVATE)))
                .hasSize(3);
    }

    @Test
    void findGroup_readsOneGroup_asListGroupsReadsIt() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(443, ANYWHERE));
        estate.group("other", tcp(22, ANYWHERE));

        FirewallGroup found = firewalls.findGroup(web).orElseThrow();

        assertThat(found).isEqualTo(groupById(firewalls.listGroups(), web));
    }

    @Test
    void findGroup_isEmpty_forAGroupThatNoLongerExists() {
        String gone = estate.group("gone", tcp(22, ANYWHERE));
        estate.delete(gone);

        assertThat(firewalls.findGroup(gone)).isEmpty();
        assertThat(firewalls.listGroups()).extracting(FirewallGroup::id).doesNotContain(gone);
    }

    @Test
    void ruleIds_areUniqueInAGroup_andTheSameFromOneReadToTheNext() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(22, PRIVATE), tcp(443, ANYWHERE), allTraffic(PRIVATE));

        List<String> first = ruleIds(firewalls.findGroup(web).orElseThrow());
        List<String> again = ruleIds(groupById(firewalls.listGroups(), web));

        assertThat(first).doesNotHaveDuplicates();
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void revokesOnlyTheNamedRules_leavingOtherRulesAndGroupsIntact() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(443, ANYWHERE), tcp(22, PRIVATE));
        String other = estate.group("other", tcp(22, ANYWHERE));
        String openSsh = ruleId(web, tcp(22, ANYWHERE));

        RevokeResult result = firewalls.revokeIngress(web, Set.of(openSsh));

        assertThat(result.revoked()).containsExactly(openSsh);
        assertThat(result.alreadyAbsent()).isEmpty();
        assertThat(estate.ingress(web)).containsExactlyInAnyOrder(tcp(443, ANYWHERE), tcp(22, PRIVATE));
        assertThat(estate.ingress(other)).containsExactly(tcp(22, ANYWHERE));
    }

    @Test
    void revokingTheSameRulesTwice_converges_theSecondTimeAlreadyAbsent() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(3389, ANYWHERE), tcp(443, ANYWHERE));
        Set<String> open = Set.of(ruleId(web, tcp(22, ANYWHERE)), ruleId(web, tcp(3389, ANYWHERE)));

        RevokeResult first = firewalls.revokeIngress(web, open);
        RevokeResult second = firewalls.revokeIngress(web, open);

        assertThat(first.revoked()).isEqualTo(open);
        assertThat(second.revoked()).isEmpty();
        assertThat(second.alreadyAbsent()).isEqualTo(open);
        assertThat(estate.ingress(web)).containsExactly(tcp(443, ANYWHERE));
    }

    @Test
    void revokeOfRulesPartlyGone_revokesTheRest_andReportsTheGoneOnesAbsent() {
        String web = estate.group("web", tcp(22, ANYWHERE), tcp(3389, ANYWHERE), tcp(443, ANYWHERE));
        String ssh = ruleId(web, tcp(22, ANYWHERE));
        String rdp = ruleId(web, tcp(3389, ANYWHERE));
        firewalls.revokeIngress(web, Set.of(ssh)); // an earlier, interrupted run

        RevokeResult retry = firewalls.revokeIngress(web, Set.of(ssh, rdp));

        assertThat(retry.revoked()).containsExactly(rdp);
        assertThat(retry.alreadyAbsent()).containsExactly(ssh);
        assertThat(estate.ingress(web)).containsExactly(tcp(443, ANYWHERE));
    }

    @Test
    void revokeNeverRemovesAnEgressRule_itsIdIsReportedAbsent() {
        String web = estate.group("web", tcp(22, ANYWHERE));
        FirewallGroup before = firewalls.findGroup(web).orElseThrow();
        FirewallRule egress = before.rules().stream().filter(r -> r.direction() == Direction.EGRESS).findFirst()
                .orElseThrow(() -> new AssertionError("the estate's groups have an egress rule: " + before));

        RevokeResult result = firewalls.revokeIngress(web, Set.of(egress.id()));

        assertThat(result.revoked()).isEmpty();
        assertThat(result.alreadyAbsent()).containsExactly(egress.id());
        assertThat(firewalls.findGroup(web).orElseThrow().rules()).extracting(FirewallRule::id).contains(egress.id());
        assertThat(estate.ingress(web)).containsExactly(tcp(22, ANYWHERE));
    }

    @Test
    void revokeInAGroupThatNoLongerExists_reportsEveryRuleAbsent() {
        String web = estate.group("web", tcp(22, ANYWHERE));
        String ssh = ruleId(web, tcp(22, ANYWHERE));
        estate.delete(web); // deleted between the sweep and the revoke

        RevokeResult result = firewalls.revokeIngress(web, Set.of(ssh));

        assertThat(result.revoked()).isEmpty();
        assertThat(result.alreadyAbsent()).containsExactly(ssh);
    }

    @Test
    void narrowReplacesTheSources_keepingProtocolAndPorts_andLeavesTheOtherRules() {
        String db = estate.group("db", tcp(5432, 5439, ANYWHERE), tcp(443, ANYWHERE));
        FirewallRule open = ruleFor(firewalls.findGroup(db).orElseThrow(), tcp(5432, 5439, ANYWHERE));

        firewalls.narrowIngress(db, open, List.of(Peer.Cidr.of(PRIVATE), Peer.Cidr.of("192.168.0.0/16")));

        assertThat(estate.ingress(db)).containsExactlyInAnyOrder(tcp(5432, 5439, PRIVATE), tcp(5432, 5439, "192.168.0.0/16"),
                tcp(443, ANYWHERE));
        FirewallGroup after = firewalls.findGroup(db).orElseThrow();
        assertThat(ruleFor(after, tcp(5432, 5439, PRIVATE))).satisfies(rule -> {
            assertThat(rule.protocol()).isEqualTo(open.protocol());
            assertThat(rule.ports()).isEqualTo(open.ports());
            assertThat(rule.access()).isEqualTo(Access.ALLOW);
        });
    }

    @Test
    void narrowingAgain_asARetriedRunDoes_leavesTheSameRules() {
        String db = estate.group("db", tcp(5432, ANYWHERE));
        FirewallRule open = ruleFor(firewalls.findGroup(db).orElseThrow(), tcp(5432, ANYWHERE));
        firewalls.narrowIngress(db, open, List.of(Peer.Cidr.of(PRIVATE)));

        firewalls.narrowIngress(db, open, List.of(Peer.Cidr.of(PRIVATE)));

        assertThat(estate.ingress(db)).containsExactly(tcp(5432, PRIVATE));
    }

    @Test
    void narrowingInAGroupThatNoLongerExists_isNotFound() {
        String db = estate.group("db", tcp(5432, ANYWHERE));
        FirewallRule open = ruleFor(firewalls.findGroup(db).orElseThrow(), tcp(5432, ANYWHERE));
        estate.delete(db);

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> firewalls.narrowIngress(db, open, List.of(Peer.Cidr.of(PRIVATE))));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
    }

    /** The id of the one ingress rule of the group that allows {@code ingress}, as the provider reads it now. */
    protected final String ruleId(String groupId, Ingress ingress) {
        return ruleFor(firewalls.findGroup(groupId).orElseThrow(() -> new AssertionError("no group " + groupId)), ingress).id();
    }

    /** The one ingress rule of the group that allows {@code ingress}: its protocol, its ports, its CIDR peer among its sources. */
    protected static FirewallRule ruleFor(FirewallGroup group, Ingress ingress) {
        List<FirewallRule> matching = ingressOf(group).stream()
                .filter(rule -> rule.protocol().equals(ingress.protocol()))
                .filter(rule -> rule.ports().contains(ingress.ports()))
                .filter(rule -> rule.sources().stream().anyMatch(source -> isBlock(source, ingress.peer())))
                .toList();
        assertThat(matching).as("the rules of %s allowing %s", group.id(), ingress).hasSize(1);
        return matching.getFirst();
    }

    protected static List<FirewallRule> ingressOf(FirewallGroup group) {
        return group.rules().stream().filter(rule -> rule.direction() == Direction.INGRESS).toList();
    }

    private static List<String> ruleIds(FirewallGroup group) {
        return group.rules().stream().map(FirewallRule::id).toList();
    }

    private static FirewallGroup groupById(List<FirewallGroup> groups, String id) {
        return groups.stream().filter(group -> group.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + id + " among " + groups.stream().map(FirewallGroup::id).toList()));
    }

    /** True when the source is exactly this CIDR block, however the cloud writes it. */
    private static boolean isBlock(Peer source, String cidr) {
        IpRange block = IpRange.parse(cidr);
        return source instanceof Peer.Cidr(IpRange range) && range.contains(block) && block.contains(range);
    }
}
