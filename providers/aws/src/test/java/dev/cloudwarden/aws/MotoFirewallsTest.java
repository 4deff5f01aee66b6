package dev.cloudwarden.aws;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static dev.cloudwarden.emulator.Ec2Estate.tcpFromList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The firewall contracts against moto server, plus what moto's request recorder lets us check independently. */
@ExtendWith(MotoExtension.class)
class MotoFirewallsTest extends Ec2FirewallsContract {
    private final MotoServer moto;

    MotoFirewallsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected URI endpoint() {
        return moto.endpoint();
    }

    @Test
    void sweepIsOneDescribe_atTheLargestPageSize() {
        estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        moto.startRecording();

        firewalls.listGroups();

        assertThat(moto.recordedRequests()).singleElement().satisfies(body ->
                assertThat(body).contains("Action=DescribeSecurityGroups&").contains("MaxResults=1000"));
    }

    @Test
    void revokeReadsTheGroupThenSendsOneMutatingCall_andOurCountMatchesTheEmulators() {
        String web = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"), tcp(3389, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"));
        Set<String> open = Set.of(ruleId(web, "tcp 22 from 0.0.0.0/0"), ruleId(web, "tcp 3389 from 0.0.0.0/0"));
        long before = provider.apiCalls().total();
        moto.startRecording();

        firewalls.revokeIngress(web, open);

        assertThat(moto.recordedActions()).containsExactly("DescribeSecurityGroups", "RevokeSecurityGroupIngress");
        assertThat(provider.apiCalls().total() - before).isEqualTo(moto.recordedActions().size());
        assertThat(estate.ingress(web)).containsExactly("tcp 443 from 0.0.0.0/0");
    }

    /**
     * Every list the groups reference, ingress or egress, customer- or AWS-managed, is read once however many rules
     * reference it: its entries at the largest page (100), then the names of all of them in one filtered describe.
     */
    @Test
    void aSweepReadsEachReferencedPrefixListOnce_entriesFirst_thenTheNamesInOneCall() {
        String office = estate.prefixList("office", "0.0.0.0/0");
        String s3 = estate.awsManagedPrefixList("s3");
        estate.group("web", Map.of(), tcpFromList(22, office), tcpFromList(443, s3));
        String app = estate.group("app", Map.of(), tcpFromList(22, office), tcpFromList(3389, office));
        estate.ec2().authorizeSecurityGroupEgress(r -> r.groupId(app).ipPermissions(tcpFromList(443, s3)));
        moto.startRecording();

        firewalls.listGroups();

        assertThat(moto.recordedActions()).containsExactly("DescribeSecurityGroups",
                "GetManagedPrefixListEntries", "GetManagedPrefixListEntries", "DescribeManagedPrefixLists");
        assertThat(moto.recordedRequests()).filteredOn(body -> body.startsWith("Action=GetManagedPrefixListEntries&"))
                .allSatisfy(body -> assertThat(body).contains("MaxResults=100"))
                .extracting(body -> body.replaceAll(".*PrefixListId=(pl-[0-9a-f]+).*", "$1"))
                .containsExactlyInAnyOrder(office, s3);
        assertThat(moto.recordedRequests()).filteredOn(body -> body.startsWith("Action=DescribeManagedPrefixLists&"))
                .singleElement().satisfies(body -> assertThat(body).contains("Filter.1.Name=prefix-list-id")
                        .contains("=" + office).contains("=" + s3).contains("MaxResults=100"));
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:DescribeSecurityGroups", 1L,
                "ec2:GetManagedPrefixListEntries", 2L, "ec2:DescribeManagedPrefixLists", 1L));
    }

    @Test
    void aRevokeOfAPrefixListReference_readsNoList() {
        String office = estate.prefixList("office", "0.0.0.0/0");
        String web = estate.group("web", Map.of(), tcpFromList(22, office));
        moto.startRecording();

        firewalls.revokeIngress(web, Set.of("ingress:tcp:22:22:" + office));

        assertThat(moto.recordedActions()).containsExactly("DescribeSecurityGroups", "RevokeSecurityGroupIngress");
        assertThat(estate.ingress(web)).isEmpty();
    }

    /**
     * What moto 5.2.5 gets wrong, so that WireMock covers it (AwsFirewallsWireMockTest): EC2 answers a list that does
     * not exist with InvalidPrefixListID.NotFound; moto with no entries, and it lets a rule reference such a list.
     */
    @Test
    void motoAnswersAnUnknownPrefixListWithNoEntries_insteadOfNotFound() {
        String missing = "pl-0000000000000dead";
        String web = estate.group("web", Map.of(), tcpFromList(22, missing));

        assertThat(firewalls.addressSetEntries(missing)).isEmpty();
        assertThat(ingressRules(web)).singleElement().satisfies(rule -> assertThat(rule.sources())
                .containsExactly(new Peer.AddressSet(missing, "", List.of())));
    }

    private List<FirewallRule> ingressRules(String groupId) {
        return firewalls.findGroup(groupId).orElseThrow().rules().stream()
                .filter(r -> r.direction() == FirewallRule.Direction.INGRESS).toList();
    }
}
