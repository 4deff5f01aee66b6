package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * EC2 security groups and rules to the neutral model and back. DescribeSecurityGroups lists a group's rules as
 * permissions, one per protocol and port pair, each with any number of peers; the neutral model has one rule per
 * peer, as EC2 itself counts them, with its {@link RuleKey} as id: that is what lets us revoke one rule and nothing
 * else, without a second describe for {@code sgr-} ids. A managed prefix list peer becomes a
 * {@link Peer.AddressSet} with the entries {@link PrefixLists} read for it.
 */
final class SecurityGroupTranslator {
    static final String GROUP_TYPE = "ec2:security-group";

    private SecurityGroupTranslator() {
    }

    /** @param prefixLists the prefix lists the group's rules reference, read, by id */
    static FirewallGroup toGroup(SecurityGroup group, String region, Function<String, Peer.AddressSet> prefixLists) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : group.tags()) {
            tags.put(tag.key(), tag.value());
        }
        var resource = new ResourceRef(CloudId.AWS, group.ownerId(), region, GROUP_TYPE, group.groupId(),
                group.groupName(), Tags.of(tags));
        List<FirewallRule> rules = new ArrayList<>();
        group.ipPermissions().forEach(permission -> addRules(false, permission, prefixLists, rules));
        group.ipPermissionsEgress().forEach(permission -> addRules(true, permission, prefixLists, rules));
        return new FirewallGroup(resource, group.vpcId(), rules);
    }

    private static void addRules(boolean egress, IpPermission permission, Function<String, Peer.AddressSet> prefixLists,
                                 List<FirewallRule> rules) {
        Direction direction = egress ? Direction.EGRESS : Direction.INGRESS;
        Protocol protocol = Protocol.of(permission.ipProtocol());
        PortRange ports = ports(protocol, permission.fromPort(), permission.toPort());
        for (IpRange range : permission.ipRanges()) {
            rules.add(rule(egress, permission, range.cidrIp(), direction, protocol, ports,
                    Peer.Cidr.of(range.cidrIp()), range.description()));
        }
        for (Ipv6Range range : permission.ipv6Ranges()) {
            rules.add(rule(egress, permission, range.cidrIpv6(), direction, protocol, ports,
                    Peer.Cidr.of(range.cidrIpv6()), range.description()));
        }
        for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
            rules.add(rule(egress, permission, RuleKey.groupPeer(pair), direction, protocol, ports,
                    new Peer.Group(pair.groupId(), pair.userId()), pair.description()));
        }
        for (PrefixListId prefixList : permission.prefixListIds()) {
            rules.add(rule(egress, permission, prefixList.prefixListId(), direction, protocol, ports,
                    prefixLists.apply(prefixList.prefixListId()), prefixList.description()));
        }
    }

    private static FirewallRule rule(boolean egress, IpPermission permission, String peer, Direction direction,
                                     Protocol protocol, PortRange ports, Peer source, String description) {
        String id = new RuleKey(egress, permission.ipProtocol(), permission.fromPort(), permission.toPort(), peer).id();
        return FirewallRule.allow(id, direction, protocol, ports, source, description);
    }

    private static PortRange ports(Protocol protocol, Integer from, Integer to) {
        // -1 (or absent) means every port; for ICMP the two fields are type and code, not ports
        if (!protocol.hasPorts() || from == null || to == null || from < 0 || to < 0) {
            return PortRange.ALL;
        }
        return new PortRange(from, to);
    }

    /** The IpPermission that grants {@code rule}'s protocol and ports (ICMP type and code too) to one CIDR. */
    static IpPermission permission(FirewallRule rule, Peer.Cidr cidr) {
        String description = "cloudwarden: narrowed from " + rule.sources().getFirst() + " (" + rule.id() + ")";
        return RuleKey.parse(rule.id()).withPeer(cidr.range().cidr()).permission(description);
    }
}
