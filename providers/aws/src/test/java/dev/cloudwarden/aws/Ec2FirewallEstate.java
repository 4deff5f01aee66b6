package dev.cloudwarden.aws;

import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.contract.FirewallEstate;
import dev.cloudwarden.emulator.Ec2Estate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * {@link FirewallEstate} in EC2's terms: security groups in the {@link Ec2Estate}'s VPC, each with EC2's default egress
 * rule; their ingress read back with DescribeSecurityGroupRules, never through the provider.
 */
final class Ec2FirewallEstate implements FirewallEstate {
    private final Ec2Estate ec2;

    Ec2FirewallEstate(Ec2Estate ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String group(String name, Ingress... ingress) {
        return ec2.group(name, Map.of(), Arrays.stream(ingress).map(Ec2FirewallEstate::permission).toArray(IpPermission[]::new));
    }

    @Override
    public Set<Ingress> ingress(String groupId) {
        Set<Ingress> allowed = new LinkedHashSet<>();
        ec2.ec2().describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(groupId)))
                .securityGroupRules().stream()
                .filter(rule -> !rule.isEgress())
                .forEach(rule -> allowed.add(new Ingress(Protocol.of(rule.ipProtocol()), ports(rule), peer(rule))));
        return allowed;
    }

    @Override
    public void delete(String groupId) {
        ec2.ec2().deleteSecurityGroup(r -> r.groupId(groupId));
    }

    @Override
    public void close() {
        ec2.close();
    }

    /** The rule as EC2 takes it: protocol -1 for every protocol (no ports then), an IPv6 block when the peer is one. */
    static IpPermission permission(Ingress ingress) {
        IpPermission.Builder permission = IpPermission.builder();
        if (ingress.protocol().equals(Protocol.ALL)) {
            permission.ipProtocol("-1");
        } else {
            permission.ipProtocol(ingress.protocol().name()).fromPort(ingress.ports().from()).toPort(ingress.ports().to());
        }
        if (ingress.peer().contains(":")) {
            permission.ipv6Ranges(r -> r.cidrIpv6(ingress.peer()));
        } else {
            permission.ipRanges(r -> r.cidrIp(ingress.peer()));
        }
        return permission.build();
    }

    private static PortRange ports(SecurityGroupRule rule) {
        if (rule.fromPort() == null || rule.fromPort() < 0 || rule.ipProtocol().equals("-1")) {
            return PortRange.ALL;
        }
        return new PortRange(rule.fromPort(), rule.toPort());
    }

    private static String peer(SecurityGroupRule rule) {
        if (rule.cidrIpv4() != null) {
            return rule.cidrIpv4();
        }
        if (rule.cidrIpv6() != null) {
            return rule.cidrIpv6();
        }
        return rule.referencedGroupInfo() != null ? rule.referencedGroupInfo().groupId() : rule.prefixListId();
    }
}
