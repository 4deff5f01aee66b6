package dev.cloudwarden.azure;

import com.azure.resourcemanager.network.fluent.models.ApplicationSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import dev.cloudwarden.api.AppliesTo;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Access;
import dev.cloudwarden.api.FirewallRule.Control;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An NSG as the neutral model says it: each security rule under its name (its id and native id), with its priority,
 * allow or deny, protocol, destination ports ({@code destinationPortRange} or {@code destinationPortRanges}), sources
 * and destinations as typed peers; {@code sourcePortRange(s)} is left out, since the sender picks its own port. The
 * default rules (65000 and above) are read too, marked the cloud's, which nobody can change. Rules AKS keeps
 * ({@code k8s-azure-…}) are marked managed by that service, which would put them back.
 *
 * <p>Peers: an address or CIDR block is a {@link Peer.Cidr}; {@code *}, {@code Any} and {@code Internet} are the
 * internet ({@link Peer.ServiceTag} marked so); every other service tag ({@code VirtualNetwork},
 * {@code AzureLoadBalancer}, {@code Storage.WestEurope} …) is a service tag that is not; an application security group
 * is a {@link Peer.Group}. A destination of {@code *} or {@code Any} is every destination of the group: no destination.
 */
final class NsgTranslator {
    static final String TYPE = "Microsoft.Network/networkSecurityGroups";
    private static final Set<String> INTERNET = Set.of("*", "any", "internet");

    private NsgTranslator() {
    }

    /** The NSG as a group, with the attachments its caller worked out (the subnets and NICs it guards, and the way there). */
    static FirewallGroup group(NetworkSecurityGroupInner nsg, List<FirewallGroup.Attachment> attachments) {
        ArmId id = ArmId.parse(nsg.id()).orElseThrow(() -> new IllegalArgumentException("not an NSG id: " + nsg.id()));
        ResourceRef ref = new ResourceRef(CloudId.AZURE, id.subscription(), Objects.requireNonNullElse(nsg.location(), ""), TYPE,
                nsg.id(), nsg.name(), Tags.of(Objects.requireNonNullElse(nsg.tags(), Map.of())));
        List<FirewallRule> rules = new ArrayList<>();
        Objects.requireNonNullElse(nsg.securityRules(), List.<SecurityRuleInner>of()).forEach(rule -> rules.add(rule(rule, false)));
        Objects.requireNonNullElse(nsg.defaultSecurityRules(), List.<SecurityRuleInner>of()).forEach(rule -> rules.add(rule(rule, true)));
        return new FirewallGroup(ref, "", rules, FirewallGroup.Passage.EVERY_GROUP_ALLOWS, attachments);
    }

    static FirewallRule rule(SecurityRuleInner rule, boolean isDefault) {
        Control control = isDefault ? Control.CLOUD_DEFAULT
                : rule.name().toLowerCase(Locale.ROOT).startsWith("k8s-azure-") ? Control.SERVICE_MANAGED : Control.CUSTOMER;
        return new FirewallRule(rule.name(), rule.name(),
                rule.direction() == SecurityRuleDirection.OUTBOUND ? Direction.EGRESS : Direction.INGRESS,
                rule.access() == SecurityRuleAccess.DENY ? Access.DENY : Access.ALLOW,
                rule.priority() == null ? OptionalInt.empty() : OptionalInt.of(rule.priority()),
                rule.protocol() == null ? Protocol.ALL : Protocol.of(rule.protocol().toString().toLowerCase(Locale.ROOT)),
                ports(rule), peers(rule.sourceAddressPrefix(), rule.sourceAddressPrefixes(), rule.sourceApplicationSecurityGroups(), false),
                peers(rule.destinationAddressPrefix(), rule.destinationAddressPrefixes(), rule.destinationApplicationSecurityGroups(), true),
                true, AppliesTo.WHOLE_GROUP, control, Objects.requireNonNullElse(rule.description(), ""));
    }

    /** How a prefix of a rule is written back: a CIDR block as it reads, a service tag by its name. */
    static String prefix(Peer peer) {
        return switch (peer) {
            case Peer.Cidr cidr -> cidr.range().cidr();
            case Peer.ServiceTag tag -> tag.name();
            default -> throw new IllegalArgumentException("an Azure address prefix is a CIDR block or a service tag, not " + peer);
        };
    }

    private static List<PortRange> ports(SecurityRuleInner rule) {
        List<String> ranges = rule.destinationPortRanges() != null && !rule.destinationPortRanges().isEmpty()
                ? rule.destinationPortRanges() : List.of(Objects.requireNonNullElse(rule.destinationPortRange(), "*"));
        return ranges.stream().map(NsgTranslator::portRange).distinct().toList();
    }

    private static PortRange portRange(String text) {
        return text.strip().equalsIgnoreCase("any") ? PortRange.ALL : PortRange.parse(text);
    }

    private static List<Peer> peers(String prefix, List<String> prefixes, List<ApplicationSecurityGroupInner> groups, boolean destination) {
        List<String> written = new ArrayList<>();
        if (prefixes != null && !prefixes.isEmpty()) {
            written.addAll(prefixes);
        } else if (prefix != null && !prefix.isBlank()) {
            written.add(prefix);
        }
        List<Peer> peers = new ArrayList<>();
        for (String text : written) {
            boolean anywhere = INTERNET.contains(text.strip().toLowerCase(Locale.ROOT));
            if (destination && anywhere && !text.strip().equalsIgnoreCase("internet")) {
                continue; // every destination of the group: the neutral model says so by naming none
            }
            peers.add(peer(text.strip(), anywhere));
        }
        Objects.requireNonNullElse(groups, List.<ApplicationSecurityGroupInner>of())
                .forEach(asg -> peers.add(new Peer.Group(asg.id(), "")));
        return peers;
    }

    private static Peer peer(String text, boolean internet) {
        if (internet) {
            return new Peer.ServiceTag(text, true);
        }
        try {
            return new Peer.Cidr(IpRange.parse(text));
        } catch (IllegalArgumentException notAnAddress) {
            return new Peer.ServiceTag(text, false);
        }
    }
}
