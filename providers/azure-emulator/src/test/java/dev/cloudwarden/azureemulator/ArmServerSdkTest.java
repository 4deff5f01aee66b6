package dev.cloudwarden.azureemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server driven by the real SDK (azure-resourcemanager-network's inner client, as the Azure provider uses it):
 * every call here is one the provider makes, and the recorded requests show what went over the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArmServerSdkTest {
    private static final String SUB = "/subscriptions/" + ArmServer.SUBSCRIPTION;
    private static final String NET = "/providers/Microsoft.Network";

    private ArmServer arm;
    private NetworkManagementClient network;

    @BeforeEach
    void start() {
        arm = ArmServer.start();
        network = ArmSdk.network(arm).serviceClient();
        // Retry-After 0 makes the SDK fall back to its poll interval, which fastPolling shortens to a millisecond
        arm.operationRetryAfter(0);
        ArmSdk.fastPolling();
    }

    @AfterEach
    void stop() {
        ArmSdk.normalPolling();
        arm.close();
    }

    @Test
    void listsEveryGroupOfTheSubscription_followingTheAbsoluteNextLinkPageByPage() {
        arm.putNsg("rg-a", "nsg-1", "westus");
        arm.putNsg("rg-a", "nsg-2", "westus");
        arm.putNsg("rg-b", "nsg-3", "eastus");
        arm.putNsg("rg-b", "nsg-4", "eastus");
        arm.putNsg("rg-c", "nsg-5", "westeurope");
        arm.pageSize(2);

        List<String> names = network.getNetworkSecurityGroups().list().stream().map(NetworkSecurityGroupInner::name).toList();

        assertThat(names).containsExactly("nsg-1", "nsg-2", "nsg-3", "nsg-4", "nsg-5");
        assertThat(arm.requests()).extracting(ArmRequest::method, ArmRequest::path, ArmRequest::apiVersion).containsExactly(
                tuple("GET", SUB + NET + "/networkSecurityGroups", ArmServer.API_VERSION),
                tuple("GET", SUB + NET + "/networkSecurityGroups", ArmServer.API_VERSION),
                tuple("GET", SUB + NET + "/networkSecurityGroups", ArmServer.API_VERSION));
    }

    @Test
    void listsTheGroupsOfOneResourceGroup_only() {
        arm.putNsg("rg-a", "nsg-1", "westus");
        arm.putNsg("rg-b", "nsg-2", "westus");
        arm.putNsg("rg-b", "nsg-3", "westus");

        List<String> names = network.getNetworkSecurityGroups().listByResourceGroup("rg-b").stream()
                .map(NetworkSecurityGroupInner::name).toList();

        assertThat(names).containsExactly("nsg-2", "nsg-3");
        assertThat(lines()).containsExactly("GET " + SUB + "/resourceGroups/rg-b" + NET + "/networkSecurityGroups");
    }

    @Test
    void getsAGroupWithItsRulesInEitherForm_itsSixDefaultRules_andTheSubnetsAndInterfacesUsingIt() {
        String nsgId = arm.putNsg("rg1", "web-nsg", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build(),
                ArmRule.inbound("allow-web", 110).allow().protocol("Tcp").sources("10.0.0.0/8", "192.168.0.0/16")
                        .ports("80", "443", "8000-8100").description("web").build(),
                ArmRule.outbound("deny-dns", 120).deny().protocol("Udp").destinationList("8.8.8.8/32").portList("53").build());
        String subnetId = arm.putSubnet("rg1", "vnet1", "front", nsgId);
        String nicId = arm.putNic("rg1", "vm1-nic", subnetId, nsgId);

        NetworkSecurityGroupInner nsg = network.getNetworkSecurityGroups().getByResourceGroup("rg1", "web-nsg");

        assertThat(nsg.id()).isEqualTo(nsgId);
        assertThat(nsg.location()).isEqualTo("westus");
        assertThat(nsg.etag()).startsWith("W/\"");
        assertThat(nsg.securityRules()).extracting(SecurityRuleInner::name).containsExactly("allow-ssh", "allow-web", "deny-dns");
        SecurityRuleInner ssh = nsg.securityRules().get(0);
        assertThat(ssh.sourceAddressPrefix()).isEqualTo("Internet");
        assertThat(ssh.sourceAddressPrefixes()).isEmpty();
        assertThat(ssh.destinationPortRange()).isEqualTo("22");
        assertThat(ssh.protocol()).isEqualTo(SecurityRuleProtocol.TCP);
        assertThat(ssh.access()).isEqualTo(SecurityRuleAccess.ALLOW);
        assertThat(ssh.direction()).isEqualTo(SecurityRuleDirection.INBOUND);
        assertThat(ssh.priority()).isEqualTo(100);
        assertThat(ssh.etag()).isEqualTo(nsg.etag());
        SecurityRuleInner web = nsg.securityRules().get(1);
        assertThat(web.sourceAddressPrefix()).isNull();
        assertThat(web.sourceAddressPrefixes()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(web.destinationPortRange()).isNull();
        assertThat(web.destinationPortRanges()).containsExactly("80", "443", "8000-8100");
        assertThat(web.description()).isEqualTo("web");
        SecurityRuleInner dns = nsg.securityRules().get(2);
        assertThat(dns.direction()).isEqualTo(SecurityRuleDirection.OUTBOUND);
        assertThat(dns.destinationAddressPrefixes()).containsExactly("8.8.8.8/32");
        assertThat(dns.destinationPortRanges()).containsExactly("53");
        assertThat(nsg.defaultSecurityRules()).extracting(SecurityRuleInner::name).containsExactly("AllowVnetInBound",
                "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound", "AllowInternetOutBound", "DenyAllOutBound");
        assertThat(nsg.defaultSecurityRules()).extracting(SecurityRuleInner::priority).containsExactly(65000, 65001, 65500, 65000, 65001, 65500);
        assertThat(nsg.subnets()).extracting(SubnetInner::id).containsExactly(subnetId);
        assertThat(nsg.networkInterfaces()).extracting(NetworkInterfaceInner::id).containsExactly(nicId);
        assertThat(arm.requests()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("GET " + nsgId);
            assertThat(r.apiVersion()).isEqualTo(ArmServer.API_VERSION);
        });
    }

    @Test
    void followsAnInterfaceToItsSubnet_andToTheGroupsOfBoth() {
        String subnetNsg = arm.putNsg("rg1", "subnet-nsg", "westus");
        String nicNsg = arm.putNsg("rg1", "nic-nsg", "westus");
        String subnetId = arm.putSubnet("rg1", "vnet1", "back", subnetNsg);
        String nicId = arm.putNic("rg1", "vm2-nic", subnetId, nicNsg);
        String bareSubnet = arm.putSubnet("rg1", "vnet1", "bare", null);
        String bareNic = arm.putNic("rg1", "vm3-nic", bareSubnet, null);

        NetworkInterfaceInner nic = network.getNetworkInterfaces().getByResourceGroup("rg1", "vm2-nic");
        String followedSubnet = nic.ipConfigurations().get(0).subnet().id();
        SubnetInner subnet = network.getSubnets().get("rg1", "vnet1", "back");
        NetworkInterfaceInner bare = network.getNetworkInterfaces().getByResourceGroup("rg1", "vm3-nic");
        SubnetInner bareOne = network.getSubnets().get("rg1", "vnet1", "bare");

        assertThat(nic.id()).isEqualTo(nicId);
        assertThat(followedSubnet).isEqualTo(subnetId);
        assertThat(nic.networkSecurityGroup().id()).isEqualTo(nicNsg);
        assertThat(nic.ipConfigurations().get(0).privateIpAddress()).startsWith("10.");
        assertThat(subnet.networkSecurityGroup().id()).isEqualTo(subnetNsg);
        assertThat(bare.id()).isEqualTo(bareNic);
        assertThat(bare.networkSecurityGroup()).isNull();
        assertThat(bareOne.networkSecurityGroup()).isNull();
        assertThat(lines()).containsExactly("GET " + nicId, "GET " + subnetId, "GET " + bareNic, "GET " + bareSubnet);
    }

    @Test
    void deletesARule_pollingTheOperationToItsEnd_andTheRuleIsGoneOnTheServer() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build(),
                ArmRule.inbound("allow-https", 110).allow().protocol("Tcp").sources("Internet").ports("443").build());
        String etagBefore = arm.nsg(nsgId).orElseThrow().get("etag").asText();
        arm.operationPolls(1);

        network.getSecurityRules().delete("rg1", "nsg1", "allow-ssh");

        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-https");
        assertThat(arm.rule(nsgId, "allow-ssh")).isEmpty();
        assertThat(arm.nsg(nsgId).orElseThrow().get("etag").asText()).isNotEqualTo(etagBefore);
        String operations = SUB + NET + "/locations/westus";
        assertThat(lines()).containsExactly(
                "DELETE " + nsgId + "/securityRules/allow-ssh",
                "GET " + operations + "/operations/{op}",          // InProgress
                "GET " + operations + "/operations/{op}",          // Succeeded
                "GET " + operations + "/operationResults/{op}");   // the final GET on Location: 204
        assertThat(arm.statuses()).containsExactly(202, 200, 200, 204);
        assertThat(arm.requests()).allSatisfy(r -> assertThat(r.apiVersion()).isEqualTo(ArmServer.API_VERSION));
    }

    @Test
    void aDeleteOfARuleAlreadyGoneIsDoneAtOnce() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus");

        network.getSecurityRules().delete("rg1", "nsg1", "never-there");

        assertThat(lines()).containsExactly("DELETE " + nsgId + "/securityRules/never-there");
        assertThat(arm.statuses()).containsExactly(204);
    }

    @Test
    void replacesARuleWhole_whenANarrowedRuleIsPutUnderTheSameNameAndPriority() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22")
                        .description("from anywhere").build());
        String etagBefore = arm.nsg(nsgId).orElseThrow().get("etag").asText();
        SecurityRuleInner rule = network.getSecurityRules().get("rg1", "nsg1", "allow-ssh");
        arm.clearRequests();

        SecurityRuleInner narrowed = network.getSecurityRules().createOrUpdate("rg1", "nsg1", "allow-ssh",
                rule.withSourceAddressPrefix("203.0.113.0/24").withDescription(null));

        assertThat(narrowed.sourceAddressPrefix()).isEqualTo("203.0.113.0/24");
        assertThat(narrowed.priority()).isEqualTo(100);
        var onServer = arm.rule(nsgId, "allow-ssh").orElseThrow().get("properties");
        assertThat(onServer.get("sourceAddressPrefix").asText()).isEqualTo("203.0.113.0/24");
        assertThat(onServer.get("destinationPortRange").asText()).isEqualTo("22");
        assertThat(onServer.has("description")).as("a PUT replaces the rule whole").isFalse();
        assertThat(arm.nsg(nsgId).orElseThrow().get("etag").asText()).isNotEqualTo(etagBefore);
        assertThat(lines()).containsExactly(
                "PUT " + nsgId + "/securityRules/allow-ssh",
                "GET " + SUB + NET + "/locations/westus/operations/{op}",
                "GET " + nsgId + "/securityRules/allow-ssh");   // the SDK reads the result back
        assertThat(arm.statuses()).containsExactly(200, 200, 200);
        assertThat(arm.requests().get(0).body()).contains("\"sourceAddressPrefix\":\"203.0.113.0/24\"", "\"priority\":100");
    }

    @Test
    void createsARule_withA201_whenItsPriorityIsFreeInItsDirection() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());

        SecurityRuleInner created = network.getSecurityRules().createOrUpdate("rg1", "nsg1", "deny-out", new SecurityRuleInner()
                .withProtocol(SecurityRuleProtocol.ASTERISK).withAccess(SecurityRuleAccess.DENY)
                .withDirection(SecurityRuleDirection.OUTBOUND).withPriority(100)
                .withSourceAddressPrefix("*").withSourcePortRange("*")
                .withDestinationAddressPrefix("Internet").withDestinationPortRange("*"));

        assertThat(created.id()).isEqualTo(nsgId + "/securityRules/deny-out");
        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh", "deny-out");
        assertThat(arm.statuses()).containsExactly(201, 200, 200);
    }

    @Test
    void refusesAPriorityAnotherRuleOfTheSameDirectionHolds_withSecurityRuleConflict() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());

        ManagementException e = catchThrowableOfType(ManagementException.class, () -> network.getSecurityRules()
                .createOrUpdate("rg1", "nsg1", "allow-rdp", inboundTcp(100, "3389")));

        assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
        assertThat(e.getValue().getCode()).isEqualTo("SecurityRuleConflict");
        assertThat(e.getValue().getMessage()).startsWith("Security rule allow-ssh conflicts with rule allow-rdp.");
        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh");
        assertThat(lines()).containsExactly("PUT " + nsgId + "/securityRules/allow-rdp");
    }

    @Test
    void refusesAPriorityOutside100To4096_withSecurityRuleInvalidPriority() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus");

        ManagementException e = catchThrowableOfType(ManagementException.class, () -> network.getSecurityRules()
                .createOrUpdate("rg1", "nsg1", "too-low", inboundTcp(99, "22")));

        assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
        assertThat(e.getValue().getCode()).isEqualTo("SecurityRuleInvalidPriority");
        assertThat(arm.ruleNames(nsgId)).isEmpty();
    }

    @Test
    void aFailedDeleteOperationSurfacesAsAManagementException_andTheRuleStays() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
        arm.failNextOperation("AnotherOperationInProgress", "Another operation on this or dependent resource is in progress.");

        ManagementException e = catchThrowableOfType(ManagementException.class,
                () -> network.getSecurityRules().delete("rg1", "nsg1", "allow-ssh"));

        assertThat(e.getValue().getCode()).isEqualTo("AnotherOperationInProgress");
        assertThat(e.getValue().getMessage()).isEqualTo("Another operation on this or dependent resource is in progress.");
        assertThat(arm.ruleNames(nsgId)).containsExactly("allow-ssh");
        assertThat(lines()).containsExactly("DELETE " + nsgId + "/securityRules/allow-ssh",
                "GET " + SUB + NET + "/locations/westus/operations/{op}");
    }

    @Test
    void aFailedPutOperationSurfacesAsAManagementException_andTheRuleIsUnchanged() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus",
                ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
        arm.failNextOperation("InternalServerError", "An error occurred.");

        ManagementException e = catchThrowableOfType(ManagementException.class, () -> network.getSecurityRules()
                .createOrUpdate("rg1", "nsg1", "allow-ssh", inboundTcp(100, "22").withSourceAddressPrefix("203.0.113.7")));

        assertThat(e.getValue().getCode()).isEqualTo("InternalServerError");
        assertThat(arm.rule(nsgId, "allow-ssh").orElseThrow().at("/properties/sourceAddressPrefix").asText()).isEqualTo("Internet");
        // the next operation succeeds: the fault was used up
        network.getSecurityRules().createOrUpdate("rg1", "nsg1", "allow-ssh", inboundTcp(100, "22").withSourceAddressPrefix("203.0.113.7"));
        assertThat(arm.rule(nsgId, "allow-ssh").orElseThrow().at("/properties/sourceAddressPrefix").asText()).isEqualTo("203.0.113.7");
    }

    @Test
    void retriesAThrottledRequestAfterItsRetryAfter_andThenSucceeds() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus");
        arm.throttleNext(1, 1);

        long started = System.nanoTime();
        NetworkSecurityGroupInner nsg = network.getNetworkSecurityGroups().getByResourceGroup("rg1", "nsg1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(nsg.id()).isEqualTo(nsgId);
        assertThat(lines()).containsExactly("GET " + nsgId, "GET " + nsgId);
        assertThat(arm.statuses()).containsExactly(429, 200);
        assertThat(took).as("the SDK waits the Retry-After second").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void givesUpAfterThreeRetries_whenTheThrottlingLasts() {
        arm.putNsg("rg1", "nsg1", "westus");
        arm.throttleNext(10, 0);

        ManagementException e = catchThrowableOfType(ManagementException.class,
                () -> network.getNetworkSecurityGroups().getByResourceGroup("rg1", "nsg1"));

        assertThat(e.getResponse().getStatusCode()).isEqualTo(429);
        assertThat(e.getValue().getCode()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(arm.statuses()).containsExactly(429, 429, 429, 429);
    }

    @Test
    void aMissingRuleIs404NotFound_andAMissingGroup404ResourceNotFound() {
        String nsgId = arm.putNsg("rg1", "nsg1", "westus");

        ManagementException rule = catchThrowableOfType(ManagementException.class,
                () -> network.getSecurityRules().get("rg1", "nsg1", "no-such-rule"));
        ManagementException group = catchThrowableOfType(ManagementException.class,
                () -> network.getNetworkSecurityGroups().getByResourceGroup("rg1", "no-such-nsg"));

        assertThat(rule.getResponse().getStatusCode()).isEqualTo(404);
        assertThat(rule.getValue().getCode()).isEqualTo("NotFound");
        assertThat(rule.getValue().getMessage()).contains(nsgId + "/securityRules/no-such-rule");
        assertThat(group.getResponse().getStatusCode()).isEqualTo(404);
        assertThat(group.getValue().getCode()).isEqualTo("ResourceNotFound");
        assertThat(group.getValue().getMessage()).contains("Microsoft.Network/networkSecurityGroups/no-such-nsg", "'rg1'");
    }

    @Test
    void pollsAtTheServersDefaultRetryAfterOfOneSecond_whenTheClientIsNotSpedUp() {
        ArmSdk.normalPolling();
        try (ArmServer plain = ArmServer.start()) {
            String nsgId = plain.putNsg("rg1", "nsg1", "westus",
                    ArmRule.inbound("allow-ssh", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
            NetworkManagementClient client = ArmSdk.network(plain).serviceClient();

            long started = System.nanoTime();
            client.getSecurityRules().delete("rg1", "nsg1", "allow-ssh");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(plain.ruleNames(nsgId)).isEmpty();
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
        }
    }

    private static SecurityRuleInner inboundTcp(int priority, String port) {
        return new SecurityRuleInner().withProtocol(SecurityRuleProtocol.TCP).withAccess(SecurityRuleAccess.ALLOW)
                .withDirection(SecurityRuleDirection.INBOUND).withPriority(priority)
                .withSourceAddressPrefix("Internet").withSourcePortRange("*")
                .withDestinationAddressPrefix("*").withDestinationPortRange(port);
    }

    /** The recorded requests as {@code METHOD path}, operation ids written {@code {op}}. */
    private List<String> lines() {
        return arm.requests().stream()
                .map(r -> r.line().replaceAll("/(operations|operationResults)/[0-9a-f-]{36}$", "/$1/{op}"))
                .toList();
    }
}
