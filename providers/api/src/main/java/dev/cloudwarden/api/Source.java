package dev.cloudwarden.api;

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
     * A name the cloud resolves itself: Azure service tags ({@code Internet}, {@code VirtualNetwork},
     * {@code *}) and AWS managed prefix lists are both expressed here with their native spelling.
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
