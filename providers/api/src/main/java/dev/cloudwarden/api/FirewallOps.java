package dev.cloudwarden.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and narrowing firewall groups: AWS security groups, Azure NSGs, GCP VPC firewall rules. */
public interface FirewallOps {

    /**
     * Every group in the provider's scope, with all of its rules: the region's security groups (AWS), the
     * subscription's or resource groups' NSGs (Azure), the project's network rules and firewall policies, which are
     * global (GCP). Groups on the way of a listed group's attachments that lie outside the scope (a GCP folder's
     * policy) are read by {@link #findGroup}. The address sets the rules reference
     * ({@link Peer.AddressSet}) come read, each set once per call; a set that cannot be read (gone, access
     * denied) fails the call with a CloudException naming it: an unread set must never pass for a safe one.
     */
    List<FirewallGroup> listGroups();

    /**
     * One group with all its rules, or empty when it does not exist (any more). Its address sets come read, as
     * {@link #listGroups()}'s do; one that cannot be read fails the call, it does not make the group absent.
     */
    Optional<FirewallGroup> findGroup(String groupId);

    /**
     * The CIDR blocks of one address set, by its native id (an AWS managed prefix list's {@code pl-…}): what a
     * policy names as public beside its CIDRs. A set that cannot be read is a CloudException naming it, never an
     * empty list.
     */
    List<IpRange> addressSetEntries(String id);

    /**
     * Removes exactly the named ingress rules of one group and nothing else, by their entry ids
     * ({@link FirewallRule#id()}); where several entries share one native object (a GCP firewall), the provider
     * rewrites it without them, or deletes it when none is left. Rules already gone are reported, not treated as
     * errors, so that a retried run converges. Core never asks this of a rule whose {@link FirewallRule#control()}
     * is not the customer's.
     */
    RevokeResult revokeIngress(String groupId, Set<String> ruleIds);

    /**
     * Replaces the sources of one ingress rule with {@code sources}, keeping its protocol and ports:
     * the new access is granted before the old is removed, so legitimate traffic is never cut.
     */
    void narrowIngress(String groupId, FirewallRule rule, List<Peer> sources);

    /** What a revoke did: rules it removed, and rules that were no longer there. */
    record RevokeResult(Set<String> revoked, Set<String> alreadyAbsent) {
        public RevokeResult {
            revoked = Set.copyOf(revoked);
            alreadyAbsent = Set.copyOf(alreadyAbsent);
        }
    }
}
