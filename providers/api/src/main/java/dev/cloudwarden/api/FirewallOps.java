package dev.cloudwarden.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and narrowing firewall groups: AWS security groups, Azure NSGs, GCP VPC firewall rules. */
public interface FirewallOps {

    /** Every group in the provider's region, with all of its rules. */
    List<FirewallGroup> listGroups();

    /** One group with all its rules, or empty when it does not exist (any more). */
    Optional<FirewallGroup> findGroup(String groupId);

    /**
     * Removes exactly the named ingress rules of one group and nothing else. Rules already gone are
     * reported, not treated as errors, so that a retried run converges.
     */
    RevokeResult revokeIngress(String groupId, Set<String> ruleIds);

    /**
     * Replaces the sources of one ingress rule with {@code sources}, keeping its protocol and ports:
     * the new access is granted before the old is removed, so legitimate traffic is never cut.
     */
    void narrowIngress(String groupId, FirewallRule rule, List<Source> sources);

    /** What a revoke did: rules it removed, and rules that were no longer there. */
    record RevokeResult(Set<String> revoked, Set<String> alreadyAbsent) {
        public RevokeResult {
            revoked = Set.copyOf(revoked);
            alreadyAbsent = Set.copyOf(alreadyAbsent);
        }
    }
}
