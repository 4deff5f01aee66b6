package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.IpRange;
import java.util.List;

/**
 * What the audit counts as the internet: a CIDR wider than a /8 (IPv4) or a /16 (IPv6) — the whole
 * address space and the halves or quarters used to slip past checks for {@code 0.0.0.0/0} — or one
 * overlapping a range the policy declares public ({@code publicCidrs}). One definition, used both to
 * find exposures and to refuse a {@code narrowTo} that would leave the rule exposed.
 */
public record PublicAddressSpace(List<IpRange> declaredPublic) {
    private static final int WIDEST_PRIVATE_IPV4_PREFIX = 8;
    private static final int WIDEST_PRIVATE_IPV6_PREFIX = 16;

    public PublicAddressSpace {
        declaredPublic = List.copyOf(declaredPublic);
    }

    public boolean includes(IpRange range) {
        int widest = range.ipv6() ? WIDEST_PRIVATE_IPV6_PREFIX : WIDEST_PRIVATE_IPV4_PREFIX;
        return range.prefixLength() < widest || declaredPublic.stream().anyMatch(range::overlaps);
    }
}
