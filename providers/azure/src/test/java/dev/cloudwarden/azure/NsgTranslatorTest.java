package dev.cloudwarden.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.network.fluent.models.ApplicationSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Control;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** An NSG's rules read into the neutral model, as the REST API's examples write them. */
class NsgTranslatorTest {
    private static final String NSG_ID = "/subscriptions/6f1b1a26-0000-4000-8000-000000000001/resourceGroups/rg-web/providers/"
            + "Microsoft.Network/networkSecurityGroups/nsg-web";

    @Test
    void aRuleKeepsItsNamePriorityAccessAndPorts_andTheInternetServiceTagsAreTheInternet() {
        FirewallRule rule = NsgTranslator.rule(inbound("allow-ssh-rdp", 100).withAccess(SecurityRuleAccess.ALLOW)
                .withProtocol(SecurityRuleProtocol.TCP).withSourceAddressPrefixes(List.of("Internet", "*", "Any", "203.0.113.7"))
                .withSourcePortRange("*").withDestinationPortRanges(List.of("22", "3389", "8000-8080")).withDestinationAddressPrefix("*"), false);

        assertThat(rule.id()).isEqualTo("allow-ssh-rdp");
        assertThat(rule.nativeId()).isEqualTo("allow-ssh-rdp");
        assertThat(rule.direction()).isEqualTo(Direction.INGRESS);
        assertThat(rule.access()).isEqualTo(Access.ALLOW);
        assertThat(rule.priority()).isEqualTo(OptionalInt.of(100));
        assertThat(rule.protocol()).isEqualTo(Protocol.TCP);
        assertThat(rule.ports()).containsExactly(PortRange.single(22), PortRange.single(3389), new PortRange(8000, 8080));
        assertThat(rule.sources()).containsExactly(new Peer.ServiceTag("Internet", true), new Peer.ServiceTag("*", true),
                new Peer.ServiceTag("Any", true), Peer.Cidr.of("203.0.113.7"));
        assertThat(rule.destinations()).as("* is every destination of the group: none named").isEmpty();
        assertThat(rule.control()).isEqualTo(Control.CUSTOMER);
    }

    @Test
    void otherServiceTagsAreNotTheInternet_applicationSecurityGroupsAreGroups_andStarIsEveryProtocol() {
        FirewallRule rule = NsgTranslator.rule(inbound("from-vnet", 200).withAccess(SecurityRuleAccess.DENY)
                .withProtocol(SecurityRuleProtocol.ASTERISK).withSourceAddressPrefix("VirtualNetwork")
                .withSourceApplicationSecurityGroups(List.of(new ApplicationSecurityGroupInner().withId("/subscriptions/s/resourceGroups/g/"
                        + "providers/Microsoft.Network/applicationSecurityGroups/asg-app")))
                .withDestinationPortRange("*").withDestinationAddressPrefix("10.0.1.0/24"), false);

        assertThat(rule.access()).isEqualTo(Access.DENY);
        assertThat(rule.protocol()).isEqualTo(Protocol.ALL);
        assertThat(rule.ports()).containsExactly(PortRange.ALL);
        assertThat(rule.sources()).containsExactly(new Peer.ServiceTag("VirtualNetwork", false),
                new Peer.Group("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/applicationSecurityGroups/asg-app", ""));
        assertThat(rule.destinations()).containsExactly(Peer.Cidr.of("10.0.1.0/24"));
    }

    @Test
    void defaultRulesAreTheClouds_andAksRulesTheServices_soNeitherIsEverChanged() {
        NetworkSecurityGroupInner nsg = nsg("""
                {"id": "%s", "name": "nsg-web", "location": "westeurope",
                 "properties": {
                   "securityRules": [{"name": "k8s-azure-lb_allow_IPv4_abc", "properties": {"protocol": "Tcp",
                     "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationPortRange": "443",
                     "destinationAddressPrefix": "*", "access": "Allow", "priority": 500, "direction": "Inbound"}}],
                   "defaultSecurityRules": [{"name": "DenyAllInBound", "properties": {"description": "Deny all inbound traffic",
                     "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationPortRange": "*",
                     "destinationAddressPrefix": "*", "access": "Deny", "priority": 65500, "direction": "Inbound"}}]}}
                """.formatted(NSG_ID));

        FirewallGroup group = NsgTranslator.group(nsg, List.of());

        assertThat(group.passage()).isEqualTo(FirewallGroup.Passage.EVERY_GROUP_ALLOWS);
        assertThat(group.resource().account()).isEqualTo("6f1b1a26-0000-4000-8000-000000000001");
        assertThat(group.rules()).extracting(FirewallRule::id, FirewallRule::control).containsExactly(
                org.assertj.core.groups.Tuple.tuple("k8s-azure-lb_allow_IPv4_abc", Control.SERVICE_MANAGED),
                org.assertj.core.groups.Tuple.tuple("DenyAllInBound", Control.CLOUD_DEFAULT));
    }

    @Test
    void aNarrowedRuleWritesItsSourcesBackAsPrefixes() {
        assertThat(NsgTranslator.prefix(Peer.Cidr.of("10.0.0.0/8"))).isEqualTo("10.0.0.0/8");
        assertThat(NsgTranslator.prefix(new Peer.ServiceTag("VirtualNetwork", false))).isEqualTo("VirtualNetwork");
    }

    /** An NSG as ARM answers it: read by the SDK's own JSON reader, so read-only fields (the default rules) are set. */
    private static NetworkSecurityGroupInner nsg(String json) {
        try (com.azure.json.JsonReader reader = com.azure.json.JsonProviders.createReader(json)) {
            return NetworkSecurityGroupInner.fromJson(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SecurityRuleInner inbound(String name, int priority) {
        return new SecurityRuleInner().withName(name).withPriority(priority).withDirection(SecurityRuleDirection.INBOUND);
    }
}
