package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Source;
import dev.cloudwarden.api.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 security groups and rules to the neutral model and back. A rule from DescribeSecurityGroupRules
 * has exactly one peer (CIDR, IPv6 CIDR, group or prefix list) and its own {@code sgr-} id, which is
 * what lets us revoke one rule and nothing else.
 */
final class SecurityGroupTranslator {
    static final String GROUP_TYPE = "ec2:security-group";

    private SecurityGroupTranslator() {
    }

    static FirewallGroup toGroup(SecurityGroup group, List<SecurityGroupRule> rules, String region) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : group.tags()) {
            tags.put(tag.key(), tag.value());
        }
        var resource = new ResourceRef(CloudId.AWS, group.ownerId(), region, GROUP_TYPE, group.groupId(),
                group.groupName(), Tags.of(tags));
        return new FirewallGroup(resource, group.vpcId(), rules.stream().map(SecurityGroupTranslator::toRule).toList());
    }

    static FirewallRule toRule(SecurityGroupRule rule) {
        Protocol protocol = Protocol.of(rule.ipProtocol());
        return FirewallRule.allow(rule.securityGroupRuleId(),
                Boolean.TRUE.equals(rule.isEgress()) ? Direction.EGRESS : Direction.INGRESS,
                protocol, ports(protocol, rule.fromPort(), rule.toPort()), peer(rule), rule.description());
    }

    private static PortRange ports(Protocol protocol, Integer from, Integer to) {
        // -1 (or absent) means every port; for ICMP the two fields are type and code, not ports
        if (!protocol.hasPorts() || from == null || to == null || from < 0 || to < 0) {
            return PortRange.ALL;
        }
        return new PortRange(from, to);
    }

    private static Source peer(SecurityGroupRule rule) {
        if (rule.cidrIpv4() != null) {
            return Source.Cidr.of(rule.cidrIpv4());
        }
        if (rule.cidrIpv6() != null) {
            return Source.Cidr.of(rule.cidrIpv6());
        }
        if (rule.referencedGroupInfo() != null) {
            return new Source.GroupRef(rule.referencedGroupInfo().groupId(), rule.referencedGroupInfo().userId());
        }
        if (rule.prefixListId() != null) {
            return new Source.ServiceTag(rule.prefixListId());
        }
        throw new IllegalStateException("security group rule " + rule.securityGroupRuleId() + " has no peer");
    }

    /** The IpPermission that grants {@code rule}'s protocol and ports to one CIDR. */
    static IpPermission permission(FirewallRule rule, Source.Cidr cidr) {
        var builder = IpPermission.builder();
        Protocol protocol = rule.protocol();
        builder.ipProtocol(protocol.equals(Protocol.ALL) ? "-1" : protocol.name());
        if (protocol.hasPorts() && !protocol.equals(Protocol.ALL)) {
            PortRange ports = rule.ports().getFirst();
            builder.fromPort(ports.from()).toPort(ports.to());
        } else if (!protocol.equals(Protocol.ALL)) {
            builder.fromPort(-1).toPort(-1);
        }
        String description = "cloudwarden: narrowed from " + rule.sources().getFirst() + " (" + rule.id() + ")";
        if (cidr.range().ipv6()) {
            builder.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr.range().cidr()).description(description).build());
        } else {
            builder.ipRanges(IpRange.builder().cidrIp(cidr.range().cidr()).description(description).build());
        }
        return builder.build();
    }
}
