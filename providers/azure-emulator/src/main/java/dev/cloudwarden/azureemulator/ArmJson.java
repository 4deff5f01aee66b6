package dev.cloudwarden.azureemulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.azureemulator.ArmEstate.Nic;
import dev.cloudwarden.azureemulator.ArmEstate.Nsg;
import dev.cloudwarden.azureemulator.ArmEstate.Operation;
import dev.cloudwarden.azureemulator.ArmEstate.Subnet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The bodies the server answers, in the shapes of the Microsoft.Network REST API examples
 * ({@code NetworkSecurityGroupGet.json}, {@code NetworkSecurityRuleGet.json}, {@code NetworkInterfaceGet.json},
 * {@code SubnetGet.json}) with what real responses add to them: an {@code etag} and a {@code type} on every resource
 * and rule, and the unused plural member of each rule pair answered as {@code []} (as recorded az CLI and
 * Terraform responses show).
 */
final class ArmJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String NSG_TYPE = "Microsoft.Network/networkSecurityGroups";
    static final String RULE_TYPE = "Microsoft.Network/networkSecurityGroups/securityRules";
    static final String DEFAULT_RULE_TYPE = "Microsoft.Network/networkSecurityGroups/defaultSecurityRules";
    static final String NIC_TYPE = "Microsoft.Network/networkInterfaces";
    static final String SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets";

    /**
     * The six rules every group has, with the API's names, priorities and descriptions (NetworkSecurityGroupGet.json).
     * They are not security rules: no PUT or DELETE reaches them.
     */
    static final List<ArmRule> DEFAULT_RULES = List.of(
            ArmRule.inbound("AllowVnetInBound", 65000).allow().sources("VirtualNetwork").destinations("VirtualNetwork")
                    .description("Allow inbound traffic from all VMs in VNET").build(),
            ArmRule.inbound("AllowAzureLoadBalancerInBound", 65001).allow().sources("AzureLoadBalancer")
                    .description("Allow inbound traffic from azure load balancer").build(),
            ArmRule.inbound("DenyAllInBound", 65500).deny().description("Deny all inbound traffic").build(),
            ArmRule.outbound("AllowVnetOutBound", 65000).allow().sources("VirtualNetwork").destinations("VirtualNetwork")
                    .description("Allow outbound traffic from all VMs to all VMs in VNET").build(),
            ArmRule.outbound("AllowInternetOutBound", 65001).allow().destinations("Internet")
                    .description("Allow outbound traffic from all VMs to Internet").build(),
            ArmRule.outbound("DenyAllOutBound", 65500).deny().description("Deny all outbound traffic").build());

    private ArmJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode nsg(ArmEstate estate, Nsg nsg) {
        ObjectNode body = object();
        body.put("name", nsg.name);
        body.put("id", nsg.id);
        body.put("etag", nsg.etag());
        body.put("type", NSG_TYPE);
        body.put("location", nsg.location);
        ObjectNode properties = body.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        properties.put("resourceGuid", nsg.resourceGuid);
        ArrayNode rules = properties.putArray("securityRules");
        nsg.rules().forEach(r -> rules.add(rule(nsg, r, "Succeeded")));
        ArrayNode defaults = properties.putArray("defaultSecurityRules");
        DEFAULT_RULES.forEach(r -> defaults.add(defaultRule(nsg, r)));
        List<Nic> nics = estate.nicsOf(nsg);
        if (!nics.isEmpty()) {
            ArrayNode refs = properties.putArray("networkInterfaces");
            nics.forEach(n -> refs.add(reference(n.id())));
        }
        List<Subnet> subnets = estate.subnetsOf(nsg);
        if (!subnets.isEmpty()) {
            ArrayNode refs = properties.putArray("subnets");
            subnets.forEach(s -> refs.add(reference(s.id())));
        }
        return body;
    }

    static ObjectNode rule(Nsg nsg, ArmRule rule, String provisioningState) {
        return ruleResource(nsg.ruleId(rule.name()), rule, nsg.etag(), RULE_TYPE, provisioningState);
    }

    static ObjectNode defaultRule(Nsg nsg, ArmRule rule) {
        return ruleResource(nsg.id + "/defaultSecurityRules/" + rule.name(), rule, nsg.etag(), DEFAULT_RULE_TYPE, "Succeeded");
    }

    private static ObjectNode ruleResource(String id, ArmRule rule, String etag, String type, String provisioningState) {
        ObjectNode body = object();
        body.put("name", rule.name());
        body.put("id", id);
        body.put("etag", etag);
        body.put("type", type);
        body.set("properties", ruleProperties(rule, provisioningState));
        return body;
    }

    /** A rule's {@code properties}; {@code provisioningState} only when not null (a PUT body has none). */
    static ObjectNode ruleProperties(ArmRule rule, String provisioningStateOrNull) {
        ObjectNode p = object();
        if (provisioningStateOrNull != null) {
            p.put("provisioningState", provisioningStateOrNull);
        }
        if (rule.description() != null) {
            p.put("description", rule.description());
        }
        p.put("protocol", rule.protocol());
        putIfSet(p, "sourcePortRange", rule.sourcePortRange());
        putIfSet(p, "destinationPortRange", rule.destinationPortRange());
        putIfSet(p, "sourceAddressPrefix", rule.sourceAddressPrefix());
        putIfSet(p, "destinationAddressPrefix", rule.destinationAddressPrefix());
        p.put("access", rule.access());
        p.put("priority", rule.priority());
        p.put("direction", rule.direction());
        strings(p.putArray("sourcePortRanges"), rule.sourcePortRanges());
        strings(p.putArray("destinationPortRanges"), rule.destinationPortRanges());
        strings(p.putArray("sourceAddressPrefixes"), rule.sourceAddressPrefixes());
        strings(p.putArray("destinationAddressPrefixes"), rule.destinationAddressPrefixes());
        if (!rule.sourceApplicationSecurityGroups().isEmpty()) {
            ArrayNode groups = p.putArray("sourceApplicationSecurityGroups");
            rule.sourceApplicationSecurityGroups().forEach(id -> groups.add(reference(id)));
        }
        if (!rule.destinationApplicationSecurityGroups().isEmpty()) {
            ArrayNode groups = p.putArray("destinationApplicationSecurityGroups");
            rule.destinationApplicationSecurityGroups().forEach(id -> groups.add(reference(id)));
        }
        return p;
    }

    static ObjectNode subnet(ArmEstate estate, Subnet subnet) {
        ObjectNode body = object();
        body.put("name", subnet.name());
        body.put("id", subnet.id());
        body.put("etag", fixedEtag(subnet.id() + " " + subnet.nsgId()));
        body.put("type", SUBNET_TYPE);
        ObjectNode properties = body.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        properties.put("addressPrefix", subnet.addressPrefix());
        if (subnet.nsgId() != null) {
            properties.set("networkSecurityGroup", reference(subnet.nsgId()));
        }
        List<Nic> nics = estate.nicsIn(subnet);
        if (!nics.isEmpty()) {
            ArrayNode configurations = properties.putArray("ipConfigurations");
            nics.forEach(n -> configurations.add(reference(ipConfigurationId(n))));
        }
        return body;
    }

    static ObjectNode nic(Nic nic) {
        ObjectNode body = object();
        body.put("name", nic.name());
        body.put("id", nic.id());
        body.put("etag", fixedEtag(nic.id() + " " + nic.subnetId() + " " + nic.nsgId()));
        body.put("type", NIC_TYPE);
        body.put("location", nic.location());
        ObjectNode properties = body.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        ObjectNode configuration = properties.putArray("ipConfigurations").addObject();
        configuration.put("name", "ipconfig1");
        configuration.put("id", ipConfigurationId(nic));
        configuration.put("type", NIC_TYPE + "/ipConfigurations");
        ObjectNode c = configuration.putObject("properties");
        c.put("provisioningState", "Succeeded");
        c.put("privateIPAddress", nic.privateIpAddress());
        c.put("privateIPAllocationMethod", "Dynamic");
        c.set("subnet", reference(nic.subnetId()));
        c.put("primary", true);
        c.put("privateIPAddressVersion", "IPv4");
        ObjectNode dns = properties.putObject("dnsSettings");
        dns.putArray("dnsServers");
        dns.putArray("appliedDnsServers");
        properties.put("macAddress", nic.macAddress());
        properties.put("enableAcceleratedNetworking", false);
        properties.put("enableIPForwarding", false);
        if (nic.nsgId() != null) {
            properties.set("networkSecurityGroup", reference(nic.nsgId()));
        }
        properties.put("nicType", "Standard");
        return body;
    }

    static ObjectNode list(List<ObjectNode> values, String nextLinkOrNull) {
        ObjectNode body = object();
        ArrayNode value = body.putArray("value");
        values.forEach(value::add);
        if (nextLinkOrNull != null) {
            body.put("nextLink", nextLinkOrNull);
        }
        return body;
    }

    /** The Azure-AsyncOperation status body (network.json {@code AzureAsyncOperationResult}). */
    static ObjectNode operationStatus(Operation operation, boolean running) {
        ObjectNode body = object();
        body.put("status", running ? "InProgress" : operation.status());
        if (!running && operation.failure != null) {
            body.set("error", errorBody(operation.failure));
        }
        return body;
    }

    /** ARM's {@code CloudError}: {@code {"error": {"code", "message", "details": []}}}. */
    static ObjectNode error(ArmError error) {
        ObjectNode body = object();
        body.set("error", errorBody(error));
        return body;
    }

    private static ObjectNode errorBody(ArmError error) {
        ObjectNode e = object();
        e.put("code", error.code());
        e.put("message", error.message());
        e.putArray("details");
        return e;
    }

    /** Subnets and interfaces are seeded, never written through the API: their etag is derived from what they are. */
    private static String fixedEtag(String state) {
        return "W/\"" + UUID.nameUUIDFromBytes(state.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    private static String ipConfigurationId(Nic nic) {
        return nic.id() + "/ipConfigurations/ipconfig1";
    }

    private static ObjectNode reference(String id) {
        return object().put("id", id);
    }

    private static void putIfSet(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
