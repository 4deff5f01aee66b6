package dev.cloudwarden.aws;

import static dev.cloudwarden.emulator.Ec2Estate.all;
import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static dev.cloudwarden.emulator.Ec2Estate.tcpFromList;
import static dev.cloudwarden.emulator.Ec2Estate.tcpV6;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.contract.FirewallEstate;
import dev.cloudwarden.api.contract.FirewallOpsContract;
import dev.cloudwarden.emulator.Ec2Estate;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link FirewallOpsContract}, what every cloud's firewalls must do, and what every AWS API endpoint must let
 * {@link FirewallOps} do on top of it, through the real SDK: EC2's names and rule keys, references to other groups and
 * to managed prefix lists, a sweep in one call. Run against moto ({@link MotoFirewallsTest}) and LocalStack
 * ({@link LocalStackFirewallsTest}); the groups are seeded with {@link Ec2Estate}.
 */
abstract class Ec2FirewallsContract extends FirewallOpsContract {
    protected Ec2Estate estate;
    protected CloudProvider provider;
    protected FirewallOps firewalls;

    protected abstract URI endpoint();

    @Override
    protected FirewallEstate createEstate() {
        estate = new Ec2Estate(endpoint());
        return new Ec2FirewallEstate(estate);
    }

    @Override
    protected CloudProvider createProvider() {
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(Ec2Estate.REGION).withEndpoint(endpoint()));
        firewalls = provider.firewalls().orElseThrow();
        return provider;
    }

    @Test
    void listsEveryGroupWithItsRules_inTheNeutralModel() {
        String web = estate.group("web", Map.of("owner", "team-a"), tcp(22, "0.0.0.0/0"), tcpV6(3389, "::/0"), all("10.0.0.0/8"));

        FirewallGroup group = groupById(firewalls.listGroups(), web);

        assertThat(group.resource().cloud()).isEqualTo(CloudId.AWS);
        assertThat(group.resource().type()).isEqualTo("ec2:security-group");
        assertThat(group.resource().name()).isEqualTo("web");
        assertThat(group.resource().region()).isEqualTo(Ec2Estate.REGION);
        assertThat(group.resource().account()).matches("\\d{12}");
        assertThat(group.resource().tags().get("owner")).contains("team-a");
        assertThat(group.network()).startsWith("vpc-");
        List<FirewallRule> ingress = group.rules().stream().filter(r -> r.direction() == Direction.INGRESS).toList();
        assertThat(ingress).extracting(FirewallRule::id).containsExactlyInAnyOrder(
                "ingress:tcp:22:22:0.0.0.0/0", "ingress:tcp:3389:3389:::/0", "ingress:-1:::10.0.0.0/8");
        assertThat(ingress).allSatisfy(rule -> {
            assertThat(rule.priority()).isEmpty();
            assertThat(rule.enabled()).isTrue();
        });
        assertThat(ingress).anySatisfy(rule -> {
            assertThat(rule.protocol()).isEqualTo(Protocol.TCP);
            assertThat(rule.ports()).containsExactly(PortRange.single(22));
            assertThat(rule.sources()).containsExactly(Peer.Cidr.of("0.0.0.0/0"));
        });
        assertThat(ingress).anySatisfy(rule -> assertThat(rule.sources()).containsExactly(Peer.Cidr.of("::/0")));
        assertThat(ingress).anySatisfy(rule -> {
            assertThat(rule.protocol()).isEqualTo(Protocol.ALL);
            assertThat(rule.ports()).containsExactly(PortRange.ALL);
        });
        assertThat(group.rules()).anyMatch(r -> r.direction() == Direction.EGRESS);
    }

    @Test
    void translatesReferencesToOtherGroups_asGroupSources() {
        String web = estate.group("web", Map.of());
        String app = estate.group("app", Map.of(), software.amazon.awssdk.services.ec2.model.IpPermission.builder()
                .ipProtocol("tcp").fromPort(8080).toPort(8080).userIdGroupPairs(p -> p.groupId(web)).build());

        FirewallRule rule = firewalls.findGroup(app).orElseThrow().rules().stream()
                .filter(r -> r.direction() == Direction.INGRESS).findFirst().orElseThrow();

        assertThat(rule.sources()).singleElement().isInstanceOfSatisfying(Peer.Group.class,
                ref -> assertThat(ref.groupId()).isEqualTo(web));
        assertThat(rule.id()).matches("ingress:tcp:8080:8080:(\\d{12}/)?" + web);
    }

    @Test
    void revokesAGroupReference_byItsId_leavingTheCidrRuleOnTheSamePorts() {
        String web = estate.group("web", Map.of());
        String app = estate.group("app", Map.of(), tcp(8080, "10.0.0.0/8"), software.amazon.awssdk.services.ec2.model.IpPermission.builder()
                .ipProtocol("tcp").fromPort(8080).toPort(8080).userIdGroupPairs(p -> p.groupId(web)).build());
        String reference = firewalls.findGroup(app).orElseThrow().rules().stream()
                .filter(r -> r.sources().getFirst() instanceof Peer.Group).map(FirewallRule::id).findFirst().orElseThrow();

        RevokeResult result = firewalls.revokeIngress(app, Set.of(reference));

        assertThat(result.revoked()).containsExactly(reference);
        assertThat(estate.ingress(app)).containsExactly("tcp 8080 from 10.0.0.0/8");
    }

    @Test
    void findGroup_isEmptyForAnIdNoGroupEverHad() {
        assertThat(firewalls.findGroup("sg-0000000000000dead")).isEmpty();
    }

    @Test
    void aSweepIsOneDescribe_countedByOperation() {
        estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));

        firewalls.listGroups();

        assertThat(provider.apiCalls().byOperation()).containsExactly(Map.entry("ec2:DescribeSecurityGroups", 1L));
        assertThat(provider.apiCalls().total()).isEqualTo(1);
    }

    // ---- managed prefix lists: read as address sets, referenced and revoked, never changed -------------------------

    @Test
    void readsARuleFromAPrefixList_asAnAddressSetWithTheListsNameAndEntries() {
        String office = estate.prefixList("office", "203.0.113.0/24", "0.0.0.0/0");
        String web = estate.group("web", Map.of(), tcpFromList(22, office));

        FirewallRule rule = ingressOf(groupById(firewalls.listGroups(), web)).getFirst();

        assertThat(rule.id()).isEqualTo("ingress:tcp:22:22:" + office);
        assertThat(rule.sources()).containsExactly(new Peer.AddressSet(office, "office",
                List.of(IpRange.parse("203.0.113.0/24"), IpRange.parse("0.0.0.0/0"))));
    }

    @Test
    void findGroup_readsAnAwsManagedPrefixList_namedByItsService() {
        String s3 = estate.awsManagedPrefixList("s3");
        String web = estate.group("web", Map.of(), tcpFromList(443, s3));

        FirewallRule rule = ingressOf(firewalls.findGroup(web).orElseThrow()).getFirst();

        assertThat(rule.sources()).singleElement().isInstanceOfSatisfying(Peer.AddressSet.class, list -> {
            assertThat(list.id()).isEqualTo(s3);
            assertThat(list.name()).isEqualTo("com.amazonaws." + Ec2Estate.REGION + ".s3");
            assertThat(list.entries()).isNotEmpty().extracting(IpRange::cidr).containsExactlyElementsOf(estate.prefixListEntries(s3));
        });
    }

    @Test
    void revokesAGroupsReferenceToAPrefixList_leavingTheListAndAnotherGroupsReferenceIntact() {
        String office = estate.prefixList("office", "203.0.113.0/24", "0.0.0.0/0");
        String web = estate.group("web", Map.of(), tcpFromList(22, office), tcp(22, "10.0.0.0/8"));
        String app = estate.group("app", Map.of(), tcpFromList(22, office));
        String reference = "ingress:tcp:22:22:" + office;

        RevokeResult result = firewalls.revokeIngress(web, Set.of(reference));

        assertThat(result.revoked()).containsExactly(reference);
        assertThat(estate.ingress(web)).containsExactly("tcp 22 from 10.0.0.0/8");
        assertThat(estate.ingress(app)).as("another group's reference to the same list").containsExactly("tcp 22 from " + office);
        assertThat(estate.prefixListEntries(office)).as("the list itself").containsExactly("203.0.113.0/24", "0.0.0.0/0");
    }

    @Test
    void narrowsARuleFromAPrefixList_toTheNarrowCidr_leavingTheListIntact() {
        String office = estate.prefixList("office", "0.0.0.0/0");
        String db = estate.group("db", Map.of(), tcpFromList(5432, office));
        FirewallRule open = ingressOf(firewalls.findGroup(db).orElseThrow()).getFirst();

        firewalls.narrowIngress(db, open, List.of(Peer.Cidr.of("10.0.0.0/8")));

        assertThat(estate.ingress(db)).containsExactly("tcp 5432 from 10.0.0.0/8");
        assertThat(estate.prefixListEntries(office)).containsExactly("0.0.0.0/0");
    }

    @Test
    void addressSetEntries_readsAPrefixListByItsId() {
        String partners = estate.prefixList("partners", "198.51.100.0/24", "192.0.2.0/24");

        assertThat(firewalls.addressSetEntries(partners))
                .containsExactly(IpRange.parse("198.51.100.0/24"), IpRange.parse("192.0.2.0/24"));
    }

    /** The id of the group's ingress rule described as Ec2Estate describes rules: "tcp 22 from 0.0.0.0/0". */
    protected String ruleId(String groupId, String described) {
        return firewalls.findGroup(groupId).orElseThrow().rules().stream()
                .filter(r -> r.direction() == Direction.INGRESS)
                .filter(r -> (r.protocol().name() + " " + r.ports().getFirst() + " from " + r.sources().getFirst()).equals(described))
                .map(FirewallRule::id).findFirst().orElseThrow(() -> new AssertionError("no rule '" + described + "' in " + groupId));
    }

    private static FirewallGroup groupById(List<FirewallGroup> groups, String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }
}
