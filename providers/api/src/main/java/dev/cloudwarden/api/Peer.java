package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * The other end of traffic a rule matches: where it comes from (an ingress rule's sources) or goes to (an egress
 * rule's destinations, an Azure rule's destination prefixes). Each kind keeps the cloud's meaning, so that core can
 * judge any of them without knowing the cloud: which kinds may be the internet, and which never are.
 */
public sealed interface Peer {

    /** An IPv4 or IPv6 block: AWS CidrIp/CidrIpv6, Azure address prefixes, GCP source and destination ranges. */
    record Cidr(IpRange range) implements Peer {
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
     * A name the cloud resolves itself and does not let us read, in its native spelling: Azure's service tags
     * ({@code Internet}, {@code VirtualNetwork}, {@code AzureLoadBalancer}, {@code *}). Whether it stands for the
     * internet is the provider's to say, since only it knows the cloud's tags.
     *
     * @param internet true when the tag takes in the whole internet (Azure's {@code Internet}, {@code *}, {@code Any})
     */
    record ServiceTag(String name, boolean internet) implements Peer {
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
     * list, customer- or AWS-managed, or a GCP address group. It is read with the group, so that a rule is
     * judged by the addresses the set lets in, not by its name; a rule that references it is still one rule, and
     * removing that rule removes the reference, never the set, which other groups may share.
     *
     * @param id      the native id ({@code pl-0123456789abcdef0}): what the rule references
     * @param name    the set's own name ({@code com.amazonaws.us-east-1.s3}, {@code office-vpn}); empty when it has none
     * @param entries its CIDR blocks as they were read
     */
    record AddressSet(String id, String name, List<IpRange> entries) implements Peer {
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

    /**
     * The members of another group: an AWS security group (in {@code owner}, its account, when another account's), an
     * Azure application security group. Never the internet.
     */
    record Group(String groupId, String owner) implements Peer {
        public Group {
            Objects.requireNonNull(groupId, "groupId");
            owner = Objects.requireNonNullElse(owner, "");
        }

        @Override
        public String toString() {
            return groupId;
        }
    }

    /** The instances carrying a network tag (GCP source tags). Never the internet. */
    record NetworkTag(String tag) implements Peer {
        public NetworkTag {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public String toString() {
            return "tag:" + tag;
        }
    }

    /** The instances running as a service account (GCP source service accounts). Never the internet. */
    record ServiceAccount(String email) implements Peer {
        public ServiceAccount {
            Objects.requireNonNull(email, "email");
        }

        @Override
        public String toString() {
            return "serviceAccount:" + email;
        }
    }

    /**
     * The addresses a domain name resolves to (GCP firewall policies' FQDN sources). Counted as the internet when
     * allowed, since they are whatever the name's owner points them at; a deny by name closes only that name.
     */
    record Fqdn(String name) implements Peer {
        public Fqdn {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "fqdn:" + name;
        }
    }

    /**
     * The addresses the cloud places in some countries or regions (GCP firewall policies' geolocations, ISO 3166
     * codes). Counted as the internet when allowed; a deny of some countries closes only those.
     */
    record Geography(List<String> regionCodes) implements Peer {
        public Geography {
            regionCodes = List.copyOf(regionCodes);
        }

        @Override
        public String toString() {
            return "geo:" + String.join(",", regionCodes);
        }
    }

    /**
     * Addresses on a threat-intelligence list the cloud keeps (GCP's {@code iplist-known-malicious-ips} …). Counted
     * as the internet when allowed; a deny of the list closes only its addresses.
     */
    record ThreatList(String name) implements Peer {
        public ThreatList {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "threats:" + name;
        }
    }
}
