package dev.cloudwarden.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudScope;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Control;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.contract.FirewallEstate;
import dev.cloudwarden.api.contract.FirewallOpsContract;
import dev.cloudwarden.azureemulator.ArmRequest;
import dev.cloudwarden.azureemulator.ArmRule;
import dev.cloudwarden.azureemulator.ArmServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The firewall contract every provider passes, here the Azure provider through the real SDK against a local ARM server
 * over HTTPS; then what only Azure has: default rules, subnet and NIC attachments, long-running operations, throttling.
 */
@Timeout(120)
class ArmFirewallsTest extends FirewallOpsContract {
    private static ArmServer arm;

    @BeforeAll
    static void startArm() {
        arm = ArmServer.start();
        arm.operationRetryAfter(0);
        // the SDK waits Retry-After, or 30 s when it is 0, between polls of an operation: a millisecond here
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(delay -> Duration.ofMillis(1));
    }

    @AfterAll
    static void stopArm() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
        arm.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        arm.clearRequests();
    }

    @AfterEach
    void removeTheGroups() {
        arm.nsgIds().forEach(arm::deleteNsg);
    }

    @Override
    protected FirewallEstate createEstate() {
        return new ArmFirewallEstate(arm);
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AZURE).create(config());
    }

    static ProviderConfig config() {
        return ProviderConfig.of(CloudScope.account(ArmServer.SUBSCRIPTION, ArmFirewallEstate.LOCATION))
                .withEndpoint(URI.create(arm.endpoint())).withEndpointCertificate(arm.caCertificate());
    }

    /** Custodian's "close" inserts a deny above the offender, which cannot work at priority 100: the offender itself goes. */
    @Test
    void anOffenderAtPriority100_isDeleted_andNoRuleIsAdded() {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("ssh-from-anywhere", 100).allow().protocol("Tcp").sources("Internet").ports("22").build(),
                ArmRule.inbound("https", 200).allow().protocol("Tcp").sources("*").ports("443").build());
        arm.clearRequests();

        RevokeResult result = firewalls().revokeIngress(web, Set.of("ssh-from-anywhere"));

        assertThat(result.revoked()).containsExactly("ssh-from-anywhere");
        assertThat(arm.ruleNames(web)).containsExactly("https");
        assertThat(arm.requests()).extracting(ArmRequest::method).doesNotContain("PUT");
        assertThat(arm.requests()).filteredOn(r -> r.method().equals("DELETE")).singleElement()
                .satisfies(r -> assertThat(r.path()).endsWith("/networkSecurityGroups/nsg-web/securityRules/ssh-from-anywhere"));
    }

    @Test
    void defaultRulesAreReadAsTheClouds_andARevokeOfOneSendsNothing() {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope");
        FirewallGroup group = firewalls().findGroup(web).orElseThrow();
        assertThat(group.rules()).filteredOn(rule -> rule.control() == Control.CLOUD_DEFAULT).extracting(FirewallRule::id)
                .contains("AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound");
        arm.clearRequests();

        RevokeResult result = firewalls().revokeIngress(web, Set.of("DenyAllInBound"));

        assertThat(result.alreadyAbsent()).containsExactly("DenyAllInBound");
        assertThat(arm.requests()).extracting(ArmRequest::method).containsOnly("GET");
    }

    @Test
    void aNicBehindASubnetNsg_isReachedThroughBoth_subnetFirst() {
        String subnetNsg = arm.putNsg("rg-net", "nsg-subnet", "westeurope");
        String nicNsg = arm.putNsg("rg-app", "nsg-nic", "westeurope",
                ArmRule.inbound("ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
        String subnet = arm.putSubnet("rg-net", "vnet-app", "app", subnetNsg);
        String nic = arm.putNic("rg-app", "vm-app-nic", subnet, nicNsg);
        String lonely = arm.putNsg("rg-app", "nsg-unattached", "westeurope");

        List<FirewallGroup> groups = firewalls().listGroups();

        assertThat(group(groups, nicNsg).attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.target().id()).isEqualToIgnoringCase(nic);
            assertThat(attachment.path()).containsExactly(subnetNsg, nicNsg);
        });
        assertThat(group(groups, subnetNsg).attachments()).singleElement().satisfies(attachment ->
                assertThat(attachment.path()).containsExactly(subnetNsg, nicNsg));
        assertThat(group(groups, lonely).attachments()).isEmpty();
        assertThat(firewalls().findGroup(nicNsg)).contains(group(groups, nicNsg));
    }

    @Test
    void aNarrowingIsOnePutOfTheSameRule_sameNameAndPriority_withOnlyTheNewSources() {
        String db = arm.putNsg("rg-db", "nsg-db", "westeurope",
                ArmRule.inbound("postgres", 100).allow().protocol("Tcp").sources("Internet").ports("5432").build());
        FirewallRule open = firewalls().findGroup(db).orElseThrow().rules().stream().filter(r -> r.id().equals("postgres")).findFirst()
                .orElseThrow();
        arm.clearRequests();

        firewalls().narrowIngress(db, open, List.of(Peer.Cidr.of("10.0.0.0/8"), Peer.Cidr.of("192.168.0.0/16")));

        assertThat(arm.requests()).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> assertThat(r.path()).endsWith("/securityRules/postgres"));
        com.fasterxml.jackson.databind.JsonNode p = arm.rule(db, "postgres").orElseThrow().path("properties");
        assertThat(p.path("priority").asInt()).isEqualTo(100);
        assertThat(p.path("sourceAddressPrefixes")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(p.path("destinationPortRange").asText()).isEqualTo("5432");
    }

    @Test
    void aWriteWhoseOperationEndsFailed_isACloudError_andTheRuleStays() {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
        arm.failNextOperation("InternalServerError", "the network resource provider could not complete the operation");

        CloudException e = catchThrowableOfType(CloudException.class, () -> firewalls().revokeIngress(web, Set.of("ssh")));

        assertThat(e.operation()).isEqualTo(AzureFirewalls.RULE_DELETE);
        assertThat(e.nativeCode()).isEqualTo("InternalServerError");
        assertThat(arm.ruleNames(web)).containsExactly("ssh");
    }

    @Test
    void aThrottledRead_isRetriedAfterRetryAfter_andEveryAttemptIsCountedUnderItsArmOperation() {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope");
        long before = provider().apiCalls().byOperation().getOrDefault(AzureFirewalls.NSG_READ, 0L);
        arm.throttleNext(1, 0);

        Optional<FirewallGroup> found = firewalls().findGroup(web);

        assertThat(found).isPresent();
        assertThat(provider().apiCalls().byOperation().get(AzureFirewalls.NSG_READ) - before).as("the 429 and its retry").isEqualTo(2);
        assertThat(arm.statuses()).contains(429);
    }

    @Test
    void aRuleGoneBeforeTheDelete_isReportedAbsent_andAGroupGoneIsEveryRuleAbsent() {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());

        assertThat(firewalls().revokeIngress(web, Set.of("ssh", "rdp")).alreadyAbsent()).containsExactly("rdp");
        arm.deleteNsg(web);
        assertThat(firewalls().revokeIngress(web, Set.of("ssh")).alreadyAbsent()).containsExactly("ssh");
    }

    /** A schedule and a replayed event revoking at once: both end without error, and only the offender is gone. */
    @Test
    void twoRunsRevokingTogether_converge() throws Exception {
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("rdp", 100).allow().protocol("Tcp").sources("*").ports("3389").build(),
                ArmRule.inbound("https", 110).allow().protocol("Tcp").sources("Internet").ports("443").build());
        try (CloudProvider other = createProvider();
             var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> firewalls().revokeIngress(web, Set.of("rdp")));
            var second = pool.submit(() -> other.firewalls().orElseThrow().revokeIngress(web, Set.of("rdp")));

            for (RevokeResult result : List.of(first.get(), second.get())) {
                assertThat(union(result)).containsExactly("rdp");
            }
        }
        assertThat(arm.ruleNames(web)).containsExactly("https");
    }

    private static Set<String> union(RevokeResult result) {
        Set<String> all = new java.util.HashSet<>(result.revoked());
        all.addAll(result.alreadyAbsent());
        return all;
    }

    private static FirewallGroup group(List<FirewallGroup> groups, String id) {
        return groups.stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst().orElseThrow(() -> new AssertionError("no group " + id));
    }
}
