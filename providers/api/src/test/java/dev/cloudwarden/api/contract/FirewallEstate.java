package dev.cloudwarden.api.contract;

import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import java.util.Objects;
import java.util.Set;

/**
 * Firewall groups made and read back in a cloud's own terms, for {@link FirewallOpsContract}: AWS security groups, Azure
 * NSGs, GCP networks' firewall rules. Everything here goes around the provider under test.
 */
public interface FirewallEstate extends AutoCloseable {

    /**
     * Makes a group called {@code name} that allows these ingress rules and nothing else inbound, with at least one
     * egress rule (the cloud's own default, or one the estate adds); returns its id as the provider names groups.
     */
    String group(String name, Ingress... ingress);

    /** The ingress rules the group allows now, one per peer: a rule with two source blocks is two entries. */
    Set<Ingress> ingress(String groupId);

    /** Deletes the group. */
    void delete(String groupId);

    @Override
    default void close() {
    }

    /**
     * One inbound allowance: traffic of {@code protocol} to {@code ports} from {@code peer}.
     *
     * @param peer a CIDR block as written ({@code 0.0.0.0/0}, {@code ::/0}); a peer the contract never seeds (another
     *             group, a prefix list) in the cloud's own spelling
     */
    record Ingress(Protocol protocol, PortRange ports, String peer) {
        public Ingress {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(ports, "ports");
            Objects.requireNonNull(peer, "peer");
        }

        public static Ingress tcp(int port, String cidr) {
            return new Ingress(Protocol.TCP, PortRange.single(port), cidr);
        }

        public static Ingress tcp(int from, int to, String cidr) {
            return new Ingress(Protocol.TCP, new PortRange(from, to), cidr);
        }

        public static Ingress udp(int port, String cidr) {
            return new Ingress(Protocol.UDP, PortRange.single(port), cidr);
        }

        /** Every protocol and port. */
        public static Ingress allTraffic(String cidr) {
            return new Ingress(Protocol.ALL, PortRange.ALL, cidr);
        }

        @Override
        public String toString() {
            return protocol + " " + ports + " from " + peer;
        }
    }
}
