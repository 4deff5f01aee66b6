package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
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

    /** Grant the rule's protocol and ports to {@code narrowTo}, then remove the rule. */
    record NarrowIngressRule(String findingId, FirewallGroup group, FirewallRule rule, List<IpRange> narrowTo)
            implements FirewallAction {
        public NarrowIngressRule {
            narrowTo = List.copyOf(narrowTo);
        }

        @Override
        public String kind() {
            return "narrow-ingress-rule";
        }
    }
}
