package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.api.contract.FirewallEstate;
import dev.cloudwarden.api.contract.FirewallOpsContract;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The in-memory cloud keeps {@link FirewallOpsContract}, so that what the engine's tests show over it holds on every cloud. */
class InMemoryFirewallOpsTest extends FirewallOpsContract {
    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected FirewallEstate createEstate() {
        return new MemoryFirewalls(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Groups put into the in-memory cloud directly, each with an allow-all egress rule, as a new AWS group has. */
    private static final class MemoryFirewalls implements FirewallEstate {
        private final InMemoryCloud cloud;
        private int made;

        MemoryFirewalls(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public String group(String name, Ingress... ingress) {
            String id = "sg-" + ++made;
            List<FirewallRule> rules = new ArrayList<>();
            for (Ingress allowed : ingress) {
                rules.add(FirewallRule.allow(id + "-rule-" + rules.size(), Direction.INGRESS, allowed.protocol(), allowed.ports(),
                        Peer.Cidr.of(allowed.peer()), ""));
            }
            rules.add(FirewallRule.allow(id + "-egress", Direction.EGRESS, Protocol.ALL, PortRange.ALL,
                    Peer.Cidr.of(Firewalls.ANYWHERE), ""));
            cloud.put(new FirewallGroup(new ResourceRef(cloud.cloud(), Firewalls.ACCOUNT, cloud.region(), "security-group", id,
                    name, Tags.NONE), "vpc-1", rules));
            return id;
        }

        @Override
        public Set<Ingress> ingress(String groupId) {
            Set<Ingress> allowed = new LinkedHashSet<>();
            for (FirewallRule rule : cloud.group(groupId).rules()) {
                if (rule.direction() != Direction.INGRESS) {
                    continue;
                }
                for (PortRange ports : rule.ports()) {
                    rule.sources().forEach(source -> allowed.add(new Ingress(rule.protocol(), ports, source.toString())));
                }
            }
            return allowed;
        }

        @Override
        public void delete(String groupId) {
            cloud.removeGroup(groupId);
        }
    }
}
