package dev.cloudwarden.azure;

import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.IpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudScope;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallGroup.Attachment;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Network security groups through the Network management library's inner clients. A sweep lists every NSG of the
 * subscription (or of the scope's resource groups), paged by {@code nextLink}, and works out where each takes effect:
 * inbound traffic passes the subnet's NSG and then the NIC's, and both must allow it, so each attachment names the
 * subnet or NIC and the NSGs on the way there, the subnet's first.
 *
 * <p>Writes never add a rule: a revoke deletes the offending security rule, a narrowing PUTs it again under the same name
 * and priority with only the narrowed sources (Custodian's "close" inserts a deny above the offender, which cannot work
 * at priority 100). Each write is a long-running operation the SDK follows to its end; one that ends {@code Failed}
 * fails the call. Default rules (65000 and above) are not security rules and cannot be touched.
 *
 * <p>ARM operations used: {@code Microsoft.Network/networkSecurityGroups/read},
 * {@code Microsoft.Network/networkSecurityGroups/securityRules/delete} and {@code …/securityRules/write},
 * {@code Microsoft.Network/networkInterfaces/read}, {@code Microsoft.Network/virtualNetworks/subnets/read}, and
 * {@code Microsoft.Network/locations/operations/read} (following the writes).
 */
final class AzureFirewalls implements FirewallOps {
    static final String NSG_READ = "Microsoft.Network/networkSecurityGroups/read";
    static final String RULE_DELETE = "Microsoft.Network/networkSecurityGroups/securityRules/delete";
    static final String RULE_WRITE = "Microsoft.Network/networkSecurityGroups/securityRules/write";
    static final String NIC_READ = "Microsoft.Network/networkInterfaces/read";
    static final String SUBNET_READ = "Microsoft.Network/virtualNetworks/subnets/read";
    private static final String SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets";
    private static final String NIC_TYPE = "Microsoft.Network/networkInterfaces";

    private final NetworkManagementClient network;
    private final CloudScope scope;

    AzureFirewalls(NetworkManagementClient network, CloudScope scope) {
        this.network = network;
        this.scope = scope;
    }

    @Override
    public List<FirewallGroup> listGroups() {
        List<NetworkSecurityGroupInner> nsgs = new ArrayList<>();
        if (scope.resourceGroups().isEmpty()) {
            AzureErrors.run(NSG_READ, () -> network.getNetworkSecurityGroups().list().forEach(nsgs::add));
        } else {
            for (String group : scope.resourceGroups()) {
                AzureErrors.run(NSG_READ, () -> network.getNetworkSecurityGroups().listByResourceGroup(group).forEach(nsgs::add));
            }
        }
        Topology topology = new Topology();
        return nsgs.stream().map(nsg -> NsgTranslator.group(nsg, topology.attachments(nsg))).toList();
    }

    @Override
    public Optional<FirewallGroup> findGroup(String groupId) {
        return read(groupId).map(nsg -> NsgTranslator.group(nsg, new Topology().attachments(nsg)));
    }

    /** {@inheritDoc} NSG rules name no address sets: service tags and application security groups are read as such. */
    @Override
    public List<IpRange> addressSetEntries(String id) {
        throw new CloudException(CloudException.Kind.INVALID, "addressSetEntries", "", "",
                "Azure NSG rules reference no address sets that could be read as CIDR blocks: " + id, null);
    }

    @Override
    public RevokeResult revokeIngress(String groupId, Set<String> ruleIds) {
        Optional<NetworkSecurityGroupInner> nsg = read(groupId);
        if (nsg.isEmpty()) {
            return new RevokeResult(Set.of(), ruleIds);
        }
        ArmId id = nsgId(groupId);
        Map<String, SecurityRuleInner> inbound = new HashMap<>();
        Objects.requireNonNullElse(nsg.get().securityRules(), List.<SecurityRuleInner>of()).stream()
                .filter(rule -> rule.direction() == SecurityRuleDirection.INBOUND)
                .forEach(rule -> inbound.put(rule.name(), rule));
        Set<String> revoked = new HashSet<>();
        Set<String> absent = new HashSet<>();
        for (String ruleId : ruleIds) {
            if (!inbound.containsKey(ruleId)) {
                absent.add(ruleId); // gone already, an outbound rule, or a default rule: nothing of ours to delete
                continue;
            }
            // a delete of a rule already gone answers 204: a rule deleted meanwhile is a success either way
            AzureErrors.run(RULE_DELETE, () -> network.getSecurityRules().delete(id.resourceGroup(), id.name(), ruleId));
            revoked.add(ruleId);
        }
        return new RevokeResult(revoked, absent);
    }

    /**
     * {@inheritDoc} One PUT of the same rule (name, priority, protocol, ports, destinations, access) with only the new
     * sources: the rule changes in place, so there is no moment without it and no second rule to clean up.
     */
    @Override
    public void narrowIngress(String groupId, FirewallRule rule, List<Peer> sources) {
        ArmId id = nsgId(groupId);
        SecurityRuleInner current = AzureErrors.call("Microsoft.Network/networkSecurityGroups/securityRules/read",
                () -> network.getSecurityRules().get(id.resourceGroup(), id.name(), rule.nativeId()));
        List<String> prefixes = sources.stream().map(NsgTranslator::prefix).distinct().toList();
        current.withSourceAddressPrefix(prefixes.size() == 1 ? prefixes.getFirst() : null)
                .withSourceAddressPrefixes(prefixes.size() == 1 ? null : prefixes)
                .withSourceApplicationSecurityGroups(null);
        AzureErrors.run(RULE_WRITE, () -> network.getSecurityRules().createOrUpdate(id.resourceGroup(), id.name(), rule.nativeId(), current));
    }

    private Optional<NetworkSecurityGroupInner> read(String groupId) {
        ArmId id = nsgId(groupId);
        try {
            return Optional.of(AzureErrors.call(NSG_READ, () -> network.getNetworkSecurityGroups().getByResourceGroup(id.resourceGroup(), id.name())));
        } catch (CloudException e) {
            if (AzureErrors.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ArmId nsgId(String groupId) {
        return ArmId.parse(groupId).filter(id -> id.isA("Microsoft.Network", "networkSecurityGroups"))
                .orElseThrow(() -> new CloudException(CloudException.Kind.INVALID, NSG_READ, "", "",
                        "not a network security group's resource id: " + groupId, null));
    }

    /**
     * Where NSGs take effect, read once per listing: a NIC's subnet, a subnet's NSG and the NICs in it. An NSG on a
     * subnet reaches each NIC there (after which the NIC's own NSG, if any, must allow too) or, with no NIC known, the
     * subnet itself; an NSG on a NIC is passed after its subnet's.
     */
    private final class Topology {
        private final Map<String, Optional<NetworkInterfaceInner>> nics = new HashMap<>();
        private final Map<String, Optional<SubnetInner>> subnets = new HashMap<>();

        List<Attachment> attachments(NetworkSecurityGroupInner nsg) {
            Map<String, Attachment> byTarget = new LinkedHashMap<>();
            for (SubnetInner subnetRef : Objects.requireNonNullElse(nsg.subnets(), List.<SubnetInner>of())) {
                List<String> nicIds = subnet(subnetRef.id()).map(Topology::nicsIn).orElse(List.of());
                if (nicIds.isEmpty()) {
                    byTarget.putIfAbsent(key(subnetRef.id()), new Attachment(ref(SUBNET_TYPE, subnetRef.id()), List.of(nsg.id())));
                }
                for (String nicId : nicIds) {
                    Optional<String> nicNsg = nic(nicId).flatMap(nic -> Optional.ofNullable(nic.networkSecurityGroup()))
                            .map(NetworkSecurityGroupInner::id);
                    byTarget.putIfAbsent(key(nicId), new Attachment(ref(NIC_TYPE, nicId),
                            nicNsg.map(other -> List.of(nsg.id(), other)).orElse(List.of(nsg.id()))));
                }
            }
            for (NetworkInterfaceInner nicRef : Objects.requireNonNullElse(nsg.networkInterfaces(), List.<NetworkInterfaceInner>of())) {
                Optional<String> subnetNsg = nic(nicRef.id()).flatMap(Topology::subnetOf).flatMap(this::subnet)
                        .flatMap(subnet -> Optional.ofNullable(subnet.networkSecurityGroup())).map(NetworkSecurityGroupInner::id);
                byTarget.putIfAbsent(key(nicRef.id()), new Attachment(ref(NIC_TYPE, nicRef.id()),
                        subnetNsg.map(first -> List.of(first, nsg.id())).orElse(List.of(nsg.id()))));
            }
            return List.copyOf(byTarget.values());
        }

        private Optional<NetworkInterfaceInner> nic(String nicId) {
            return nics.computeIfAbsent(key(nicId), key -> ArmId.parse(nicId).flatMap(id -> absentIfGone(NIC_READ,
                    () -> network.getNetworkInterfaces().getByResourceGroup(id.resourceGroup(), id.names().getFirst()))));
        }

        private Optional<SubnetInner> subnet(String subnetId) {
            return subnets.computeIfAbsent(key(subnetId), key -> ArmId.parse(subnetId).filter(id -> id.names().size() == 2)
                    .flatMap(id -> absentIfGone(SUBNET_READ, () -> network.getSubnets().get(id.resourceGroup(), id.names().get(0),
                            id.names().get(1)))));
        }

        private static Optional<String> subnetOf(NetworkInterfaceInner nic) {
            return Objects.requireNonNullElse(nic.ipConfigurations(), List.<NetworkInterfaceIpConfigurationInner>of()).stream()
                    .map(NetworkInterfaceIpConfigurationInner::subnet).filter(Objects::nonNull).map(SubnetInner::id).findFirst();
        }

        /** The NICs with an IP configuration in the subnet: each configuration's id is its NIC's id and a child name. */
        private static List<String> nicsIn(SubnetInner subnet) {
            return Objects.requireNonNullElse(subnet.ipConfigurations(), List.<IpConfigurationInner>of()).stream()
                    .map(IpConfigurationInner::id).filter(Objects::nonNull)
                    .flatMap(id -> ArmId.parse(id).filter(arm -> arm.isA("Microsoft.Network", "networkInterfaces", "ipConfigurations")).stream())
                    .map(arm -> arm.prefix(1)).distinct().toList();
        }

        private <T> Optional<T> absentIfGone(String operation, Supplier<T> call) {
            try {
                return Optional.ofNullable(AzureErrors.call(operation, call));
            } catch (CloudException e) {
                if (AzureErrors.notFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        private static String key(String id) {
            return id.toLowerCase(Locale.ROOT);
        }

        private static ResourceRef ref(String type, String id) {
            ArmId arm = ArmId.parse(id).orElseThrow(() -> new IllegalArgumentException("not a resource id: " + id));
            return new ResourceRef(CloudId.AZURE, arm.subscription(), "", type, id, arm.name(), Tags.NONE);
        }
    }
}
