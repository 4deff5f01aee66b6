package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/** Where traffic a rule matches comes from (ingress) or goes to (egress). */
public sealed interface Source {

    /** An IPv4 or IPv6 block: AWS CidrIp/CidrIpv6, Azure address prefixes, GCP source ranges. */
    record Cidr(IpRange range) implements Source {
        public Cidr {
            Objects.requireNonNull(range, "range");
        }

        public static Cidr of(String cidr) {
            return new Cidr(IpRange.parse(cidr));
        }

        @Override
        public String toString() {
            return range.cidr();
        }
    }

    /**
     * A name the cloud resolves itself and does not let us read: Azure service tags ({@code Internet},
     * {@code VirtualNetwork}, {@code *}), in their native spelling.
     */
    record ServiceTag(String name) implements Source {
        public ServiceTag {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A named set of CIDR blocks that the cloud keeps apart from the rule and lets us read: an AWS managed prefix
     * list, customer- or AWS-managed (later a GCP address group). It is read with the group, so that a rule is
     * judged by the addresses the set lets in, not by its name; a rule that references it is still one rule, and
     * removing that rule removes the reference, never the set, which other groups may share.
     *
     * @param id      the native id ({@code pl-0123456789abcdef0}): what the rule references
     * @param name    the set's own name ({@code com.amazonaws.us-east-1.s3}, {@code office-vpn}); empty when it has none
     * @param entries its CIDR blocks as they were read
     */
    record AddressSet(String id, String name, List<IpRange> entries) implements Source {
        public AddressSet {
            Objects.requireNonNull(id, "id");
            name = Objects.requireNonNullElse(name, "");
            entries = List.copyOf(entries);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** Another group: an AWS security group, an Azure application security group, a GCP source tag or service account. */
    record GroupRef(String groupId, String account) implements Source {
        public GroupRef {
            Objects.requireNonNull(groupId, "groupId");
            account = Objects.requireNonNullElse(account, "");
        }

        @Override
        public String toString() {
            return groupId;
        }
    }
}
