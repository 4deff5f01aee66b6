package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.Peer;
import java.util.List;

/** A change the audit plans for one finding: it touches one rule of one group and nothing else. */
public sealed interface FirewallAction {
    String findingId();

    FirewallGroup group();

    FirewallRule rule();

    /** The finding's {@code action.kind}. */
    String kind();

    /** Remove the rule. */
    record RevokeIngressRule(String findingId, FirewallGroup group, FirewallRule rule) implements FirewallAction {
        @Override
        public String kind() {
            return "revoke-ingress-rule";
        }
    }

    /**
     * Replace the rule's sources with {@code sources}: its sources that are not the internet, then the
     * policy's {@code narrowTo} CIDRs.
     */
    record NarrowIngressRule(String findingId, FirewallGroup group, FirewallRule rule, List<Peer> sources)
            implements FirewallAction {
        public NarrowIngressRule {
            sources = List.copyOf(sources);
        }

        @Override
        public String kind() {
            return "narrow-ingress-rule";
        }
    }
}
