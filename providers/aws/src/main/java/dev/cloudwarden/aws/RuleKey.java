package dev.cloudwarden.aws;

import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * What makes one security group rule itself: direction, protocol, the two port fields as EC2 has them, and one
 * peer. EC2 refuses a second rule with the same five in one group, so the key names a rule as exactly as its
 * {@code sgr-} id does, and it can be read from {@code DescribeSecurityGroups} alone: a sweep needs one describe,
 * not a second one ({@code DescribeSecurityGroupRules}) for ids. It is also what a revoke by permission needs,
 * so the key is the rule's id in the neutral model.
 *
 * <p>Written {@code <ingress|egress>:<protocol>:<from>:<to>:<peer>}, e.g. {@code ingress:tcp:22:22:0.0.0.0/0},
 * {@code ingress:-1:::10.0.0.0/8} (all traffic has no ports), {@code ingress:tcp:3389:3389:::/0},
 * {@code ingress:tcp:8080:8080:123456789012/sg-0abc}, {@code egress:-1:::pl-0abc}. The peer comes last
 * because an IPv6 CIDR has colons of its own.
 *
 * @param fromPort EC2's field as it is: a port, an ICMP type, or null (all traffic)
 * @param toPort   EC2's field as it is: a port, an ICMP code, or null
 * @param peer     an IPv4 or IPv6 CIDR, a group ({@code sg-…}, or {@code <account>/sg-…} for another
 *                 account's), or a prefix list ({@code pl-…})
 */
record RuleKey(boolean egress, String ipProtocol, Integer fromPort, Integer toPort, String peer) {

    RuleKey {
        Objects.requireNonNull(ipProtocol, "ipProtocol");
        Objects.requireNonNull(peer, "peer");
    }

    /** The key of {@code id}, or an error naming it when it is not a key this class wrote. */
    static RuleKey parse(String id) {
        String[] parts = id.split(":", 5);
        if (parts.length != 5 || !(parts[0].equals("ingress") || parts[0].equals("egress"))
                || parts[1].isEmpty() || parts[4].isEmpty()) {
            throw new IllegalArgumentException("not a security group rule id: '" + id
                    + "' (expected <ingress|egress>:<protocol>:<from>:<to>:<peer>)");
        }
        try {
            return new RuleKey(parts[0].equals("egress"), parts[1], port(parts[2]), port(parts[3]), parts[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a security group rule id: '" + id + "' (ports are not numbers)", e);
        }
    }

    private static Integer port(String text) {
        return text.isEmpty() ? null : Integer.valueOf(text);
    }

    String id() {
        return (egress ? "egress" : "ingress") + ":" + ipProtocol + ":" + text(fromPort) + ":" + text(toPort) + ":" + peer;
    }

    private static String text(Integer port) {
        return port == null ? "" : port.toString();
    }

    /** The keys of every peer of {@code permission}: EC2 lists one permission per protocol and port pair. */
    static Stream<RuleKey> of(boolean egress, IpPermission permission) {
        return Stream.of(
                        permission.ipRanges().stream().map(IpRange::cidrIp),
                        permission.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6),
                        permission.userIdGroupPairs().stream().map(RuleKey::groupPeer),
                        permission.prefixListIds().stream().map(PrefixListId::prefixListId))
                .flatMap(peers -> peers)
                .map(peer -> new RuleKey(egress, permission.ipProtocol(), permission.fromPort(), permission.toPort(), peer));
    }

    static String groupPeer(UserIdGroupPair pair) {
        return pair.userId() == null ? pair.groupId() : pair.userId() + "/" + pair.groupId();
    }

    /** The same rule with another peer: what narrowing grants in place of this one. */
    RuleKey withPeer(String otherPeer) {
        return new RuleKey(egress, ipProtocol, fromPort, toPort, otherPeer);
    }

    /** The permission that names this rule and no other, as a revoke wants it. */
    IpPermission permission() {
        return permission(null);
    }

    /** The permission that grants this rule, with {@code description} (null for none) on its peer. */
    IpPermission permission(String description) {
        var builder = IpPermission.builder().ipProtocol(ipProtocol).fromPort(fromPort).toPort(toPort);
        if (peer.startsWith("pl-")) {
            builder.prefixListIds(PrefixListId.builder().prefixListId(peer).description(description).build());
        } else if (peer.startsWith("sg-") || peer.contains("/sg-")) {
            int slash = peer.indexOf('/');
            builder.userIdGroupPairs(UserIdGroupPair.builder().groupId(peer.substring(slash + 1))
                    .userId(slash < 0 ? null : peer.substring(0, slash)).description(description).build());
        } else if (peer.contains(":")) {
            builder.ipv6Ranges(Ipv6Range.builder().cidrIpv6(peer).description(description).build());
        } else {
            builder.ipRanges(IpRange.builder().cidrIp(peer).description(description).build());
        }
        return builder.build();
    }
}
