package dev.cloudwarden.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.contract.FirewallEstate;
import dev.cloudwarden.azureemulator.ArmRule;
import dev.cloudwarden.azureemulator.ArmServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NSGs seeded straight into the local ARM server and read back from its state, around the provider: each ingress is one
 * security rule allowing it (priorities 100, 110 …), and the six default rules come with every group.
 */
final class ArmFirewallEstate implements FirewallEstate {
    static final String RESOURCE_GROUP = "rg-contract";
    static final String LOCATION = "westeurope";

    private final ArmServer arm;

    ArmFirewallEstate(ArmServer arm) {
        this.arm = arm;
    }

    @Override
    public String group(String name, Ingress... ingress) {
        List<ArmRule> rules = new ArrayList<>();
        for (int i = 0; i < ingress.length; i++) {
            Ingress allow = ingress[i];
            rules.add(ArmRule.inbound("allow-" + i, 100 + 10 * i).allow().protocol(protocol(allow.protocol()))
                    .sources(allow.peer()).ports(ports(allow.ports())).build());
        }
        return arm.putNsg(RESOURCE_GROUP, name, LOCATION, rules.toArray(ArmRule[]::new));
    }

    @Override
    public Set<Ingress> ingress(String groupId) {
        Set<Ingress> allowed = new HashSet<>();
        JsonNode nsg = arm.nsg(groupId).orElseThrow(() -> new AssertionError("no NSG " + groupId));
        for (JsonNode rule : nsg.path("properties").path("securityRules")) {
            JsonNode p = rule.path("properties");
            if (!p.path("direction").asText().equals("Inbound") || !p.path("access").asText().equals("Allow")) {
                continue;
            }
            Protocol protocol = Protocol.of(p.path("protocol").asText().toLowerCase(java.util.Locale.ROOT));
            List<String> ports = texts(p, "destinationPortRange", "destinationPortRanges");
            for (String source : texts(p, "sourceAddressPrefix", "sourceAddressPrefixes")) {
                for (String port : ports) {
                    allowed.add(new Ingress(protocol, PortRange.parse(port), source));
                }
            }
        }
        return allowed;
    }

    @Override
    public void delete(String groupId) {
        arm.deleteNsg(groupId);
    }

    private static List<String> texts(JsonNode properties, String one, String many) {
        List<String> values = new ArrayList<>();
        properties.path(many).forEach(value -> values.add(value.asText()));
        if (values.isEmpty() && properties.hasNonNull(one)) {
            values.add(properties.get(one).asText());
        }
        return values;
    }

    private static String protocol(Protocol protocol) {
        return protocol.equals(Protocol.TCP) ? "Tcp" : protocol.equals(Protocol.UDP) ? "Udp" : "*";
    }

    private static String ports(PortRange ports) {
        return ports.equals(PortRange.ALL) ? "*" : ports.from() == ports.to() ? Integer.toString(ports.from()) : ports.from() + "-" + ports.to();
    }
}
