package dev.cloudwarden.azureemulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the server holds: network security groups and their rules, subnets, network interfaces, the long-running
 * operations started, and the faults a test has set. Not thread-safe: every caller holds the estate's monitor
 * ({@code synchronized (estate)}) for the whole of one request or one seeding call, so a request sees and leaves
 * a consistent state.
 *
 * <p>ARM compares resource ids and names without regard to case; so does this estate (maps are keyed by the
 * lower-cased id), while answers keep the spelling the resource was created with.
 */
final class ArmEstate {
    static final String NETWORK = "Microsoft.Network";
    static final String DEFAULT_LOCATION = "westus";

    final String subscription;
    private final Map<String, Nsg> nsgs = new TreeMap<>();
    private final Map<String, Subnet> subnets = new TreeMap<>();
    private final Map<String, Nic> nics = new TreeMap<>();
    private final Set<String> resourceGroups = new HashSet<>();
    private final Map<String, Operation> operations = new HashMap<>();
    private int subnetsMade;

    // faults and knobs, set by the test
    int pageSize = Integer.MAX_VALUE;
    int throttledRequests;
    int throttleRetryAfter;
    ArmError failNextOperation;
    int operationPolls;
    int operationRetryAfter = 1;

    ArmEstate(String subscription) {
        this.subscription = subscription;
    }

    // ids, spelled as ARM spells them

    String resourceGroupId(String resourceGroup) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup;
    }

    String nsgId(String resourceGroup, String name) {
        return resourceGroupId(resourceGroup) + "/providers/" + NETWORK + "/networkSecurityGroups/" + name;
    }

    String subnetId(String resourceGroup, String vnet, String subnet) {
        return resourceGroupId(resourceGroup) + "/providers/" + NETWORK + "/virtualNetworks/" + vnet + "/subnets/" + subnet;
    }

    String nicId(String resourceGroup, String nic) {
        return resourceGroupId(resourceGroup) + "/providers/" + NETWORK + "/networkInterfaces/" + nic;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    // resource groups

    void addResourceGroup(String resourceGroup) {
        resourceGroups.add(key(resourceGroup));
    }

    boolean hasResourceGroup(String resourceGroup) {
        return resourceGroups.contains(key(resourceGroup));
    }

    // network security groups

    Nsg putNsg(String resourceGroup, String name, String location) {
        addResourceGroup(resourceGroup);
        Nsg nsg = new Nsg(nsgId(resourceGroup, name), resourceGroup, name, location);
        nsgs.put(key(nsg.id), nsg);
        return nsg;
    }

    Optional<Nsg> nsg(String id) {
        return Optional.ofNullable(nsgs.get(key(id)));
    }

    /** Removes the group; true when there was one. Subnets and interfaces that named it then name none. */
    boolean deleteNsg(String id) {
        return nsgs.remove(key(id)) != null;
    }

    /** The NSGs of the subscription, or of one resource group, in the order of their ids. */
    List<Nsg> nsgs(String resourceGroupOrNull) {
        return nsgs.values().stream()
                .filter(n -> resourceGroupOrNull == null || n.resourceGroup.equalsIgnoreCase(resourceGroupOrNull))
                .toList();
    }

    /** The subnets whose NSG is this one, in the order of their ids. */
    List<Subnet> subnetsOf(Nsg nsg) {
        return subnets.values().stream().filter(s -> key(nsg.id).equals(s.nsgKey())).toList();
    }

    /** The network interfaces whose own NSG is this one, in the order of their ids. */
    List<Nic> nicsOf(Nsg nsg) {
        return nics.values().stream().filter(n -> key(nsg.id).equals(n.nsgKey())).toList();
    }

    // subnets and network interfaces

    Subnet putSubnet(String resourceGroup, String vnet, String name, String nsgIdOrNull) {
        addResourceGroup(resourceGroup);
        String id = subnetId(resourceGroup, vnet, name);
        Subnet existing = subnets.get(key(id));
        String prefix = existing != null ? existing.addressPrefix : nextSubnetPrefix();
        Subnet subnet = new Subnet(id, resourceGroup, vnet, name, prefix, nsgIdOrNull, existing != null ? existing.hosts : 0);
        subnets.put(key(id), subnet);
        return subnet;
    }

    Optional<Subnet> subnet(String id) {
        return Optional.ofNullable(subnets.get(key(id)));
    }

    /** The network interfaces with an address in this subnet. */
    List<Nic> nicsIn(Subnet subnet) {
        return nics.values().stream().filter(n -> key(subnet.id).equals(key(n.subnetId))).toList();
    }

    Nic putNic(String resourceGroup, String name, Subnet subnet, String nsgIdOrNull, String location) {
        addResourceGroup(resourceGroup);
        String id = nicId(resourceGroup, name);
        Nic existing = nics.get(key(id));
        String address;
        if (existing != null && key(existing.subnetId).equals(key(subnet.id))) {
            address = existing.privateIpAddress;
        } else {
            // Azure keeps the first four addresses of a subnet for itself: hosts start at .4
            Subnet counted = subnet.withHosts(subnet.hosts + 1);
            subnets.put(key(subnet.id), counted);
            address = counted.addressPrefix.substring(0, counted.addressPrefix.lastIndexOf('.') + 1) + (3 + counted.hosts);
        }
        Nic nic = new Nic(id, resourceGroup, name, location, subnet.id, nsgIdOrNull, address, macAddress(id));
        nics.put(key(id), nic);
        return nic;
    }

    Optional<Nic> nic(String id) {
        return Optional.ofNullable(nics.get(key(id)));
    }

    private String nextSubnetPrefix() {
        int n = subnetsMade++;
        return "10." + (n / 256) % 256 + "." + n % 256 + ".0/24";
    }

    private static String macAddress(String id) {
        int h = id.toLowerCase(Locale.ROOT).hashCode();
        return String.format(Locale.ROOT, "00-0D-3A-%02X-%02X-%02X", (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
    }

    // long-running operations

    /** Starts an operation; it ends as the armed fault says, or in success. The fault is used up. */
    Operation startOperation(String location) {
        Operation op = new Operation(UUID.randomUUID().toString(), location, failNextOperation, operationPolls);
        failNextOperation = null;
        operations.put(op.id, op);
        return op;
    }

    Optional<Operation> operation(String id) {
        return Optional.ofNullable(operations.get(key(id)));
    }

    /** One network security group: its identity and its custom rules, keyed by lower-cased name. */
    static final class Nsg {
        final String id;
        final String resourceGroup;
        final String name;
        final String location;
        final String resourceGuid = UUID.randomUUID().toString();
        private final Map<String, ArmRule> rules = new LinkedHashMap<>();
        private String etag = newEtag();

        Nsg(String id, String resourceGroup, String name, String location) {
            this.id = id;
            this.resourceGroup = resourceGroup;
            this.name = name;
            this.location = location;
        }

        /** ARM's weak etag; the group and all its rules share it, and every write changes it. */
        String etag() {
            return etag;
        }

        void touch() {
            etag = newEtag();
        }

        String ruleId(String ruleName) {
            return id + "/securityRules/" + ruleName;
        }

        Optional<ArmRule> rule(String ruleName) {
            return Optional.ofNullable(rules.get(key(ruleName)));
        }

        /** The custom rules in the order they were first written (a replaced rule keeps its place). */
        List<ArmRule> rules() {
            return List.copyOf(rules.values());
        }

        List<String> ruleNames() {
            List<String> names = new ArrayList<>(rules.values().stream().map(ArmRule::name).toList());
            names.sort(Comparator.naturalOrder());
            return names;
        }

        /** Another rule of the same direction holding this rule's priority, if any. */
        Optional<ArmRule> conflictWith(ArmRule rule) {
            return rules.values().stream()
                    .filter(r -> !r.name().equalsIgnoreCase(rule.name()))
                    .filter(r -> r.direction().equalsIgnoreCase(rule.direction()) && r.priority() == rule.priority())
                    .findFirst();
        }

        /** Puts the rule, replacing one of the same name (whose spelling the name keeps); true when it is new. */
        boolean put(ArmRule rule) {
            ArmRule old = rules.get(key(rule.name()));
            ArmRule kept = old == null || old.name().equals(rule.name()) ? rule : renamed(rule, old.name());
            rules.put(key(rule.name()), kept);
            touch();
            return old == null;
        }

        boolean remove(String ruleName) {
            boolean removed = rules.remove(key(ruleName)) != null;
            if (removed) {
                touch();
            }
            return removed;
        }

        private static ArmRule renamed(ArmRule r, String name) {
            return new ArmRule(name, r.direction(), r.priority(), r.access(), r.protocol(), r.sourceAddressPrefix(),
                    r.sourceAddressPrefixes(), r.sourceApplicationSecurityGroups(), r.sourcePortRange(), r.sourcePortRanges(),
                    r.destinationAddressPrefix(), r.destinationAddressPrefixes(), r.destinationApplicationSecurityGroups(),
                    r.destinationPortRange(), r.destinationPortRanges(), r.description());
        }

        private static String newEtag() {
            return "W/\"" + UUID.randomUUID() + "\"";
        }
    }

    /** A subnet of a virtual network, with its address range and the NSG associated with it. */
    record Subnet(String id, String resourceGroup, String vnet, String name, String addressPrefix, String nsgId, int hosts) {
        String nsgKey() {
            return nsgId == null ? null : key(nsgId);
        }

        Subnet withHosts(int count) {
            return new Subnet(id, resourceGroup, vnet, name, addressPrefix, nsgId, count);
        }
    }

    /** A network interface with one IP configuration in one subnet, and its own NSG if it has one. */
    record Nic(String id, String resourceGroup, String name, String location, String subnetId, String nsgId,
               String privateIpAddress, String macAddress) {
        String nsgKey() {
            return nsgId == null ? null : key(nsgId);
        }
    }

    /**
     * A long-running operation: it answers {@code InProgress} to its first {@code pollsLeft} polls, then ends,
     * failed with {@code failure} when that is set, succeeded otherwise. The change it stands for was made (or,
     * when it fails, not made) when the operation started.
     */
    static final class Operation {
        final String id;
        final String location;
        final ArmError failure;
        private int pollsLeft;

        Operation(String id, String location, ArmError failure, int polls) {
            this.id = id;
            this.location = location;
            this.failure = failure;
            this.pollsLeft = polls;
        }

        /** Counts one poll; true while the operation is still running. */
        boolean poll() {
            if (pollsLeft > 0) {
                pollsLeft--;
                return true;
            }
            return false;
        }

        String status() {
            return failure == null ? "Succeeded" : "Failed";
        }
    }
}
