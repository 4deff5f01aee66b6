package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Security groups through EC2. A sweep is one paged read, whatever the number of groups: DescribeSecurityGroups
 * at the largest page size EC2 allows (1,000), which holds every rule of every group. Rules are named by their
 * {@link RuleKey}, not their {@code sgr-} id, so no second describe is needed, and revoked by that key. The managed
 * prefix lists the rules reference are read with the groups, each once per read ({@link PrefixLists}): only an
 * estate that references lists pays for them. A revoke reads the group without its lists, which it does not need.
 *
 * <p>IAM actions used: ec2:DescribeSecurityGroups, ec2:GetManagedPrefixListEntries and
 * ec2:DescribeManagedPrefixLists (only where rules reference prefix lists, or a policy names one as public),
 * ec2:RevokeSecurityGroupIngress, ec2:AuthorizeSecurityGroupIngress (narrowing only).
 */
final class AwsFirewalls implements FirewallOps {
    static final int MAX_PAGE_SIZE = 1000;
    private static final String REVOKE = "ec2:RevokeSecurityGroupIngress";

    private final Ec2Client ec2;
    private final String region;

    AwsFirewalls(Ec2Client ec2, String region) {
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public List<FirewallGroup> listGroups() {
        PrefixLists prefixLists = new PrefixLists(ec2);
        // translated page by page, so that a page's SDK objects can go before the next one is read; the lists a page
        // references are read before its groups are translated (a failure there is already a CloudException)
        return call("ec2:DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(MAX_PAGE_SIZE))
                .stream().flatMap(page -> {
                    prefixLists.readReferencedBy(page.securityGroups());
                    return page.securityGroups().stream()
                            .map(group -> SecurityGroupTranslator.toGroup(group, region, prefixLists::get));
                }).toList());
    }

    @Override
    public Optional<FirewallGroup> findGroup(String groupId) {
        return describe(groupId).map(group -> {
            PrefixLists prefixLists = new PrefixLists(ec2);
            prefixLists.readReferencedBy(List.of(group));
            return SecurityGroupTranslator.toGroup(group, region, prefixLists::get);
        });
    }

    @Override
    public List<IpRange> addressSetEntries(String id) {
        return PrefixLists.entries(ec2, id);
    }

    /** The group as EC2 describes it, its prefix lists not read; empty when it does not exist. */
    private Optional<SecurityGroup> describe(String groupId) {
        try {
            return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate("ec2:DescribeSecurityGroups", e);
        }
    }

    /**
     * Reads the group, then revokes in one call the named rules it still has. EC2 answers a revoke naming a rule
     * the group lacks with InvalidPermission.NotFound and no change in a VPC of one's own, with success and the
     * rule in {@code unknownIpPermissionSet} in a default VPC, and moto removes the rules before the missing one
     * and then fails: reading first gives one exact answer in all three. A rule gone between the read and the
     * revoke (someone else at work on the group) is an error naming the call, not a guess.
     */
    @Override
    public RevokeResult revokeIngress(String groupId, Set<String> ruleIds) {
        Map<String, RuleKey> keys = new LinkedHashMap<>();
        ruleIds.stream().sorted().forEach(id -> keys.put(id, RuleKey.parse(id))); // the same call for the same rules
        keys.keySet().retainAll(ingressRules(groupId).orElse(Set.of()));
        Set<String> absent = new HashSet<>(ruleIds);
        absent.removeAll(keys.keySet());
        if (keys.isEmpty()) {
            return new RevokeResult(Set.of(), absent);
        }
        RevokeSecurityGroupIngressResponse response;
        try {
            response = ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(keys.values().stream().map(RuleKey::permission).toList()));
        } catch (SdkException e) {
            return afterFailedRevoke(groupId, keys.keySet(), absent, AwsErrors.translate(REVOKE, e));
        }
        Set<String> unknown = response.unknownIpPermissions().stream()
                .flatMap(permission -> RuleKey.of(false, permission)).map(RuleKey::id).collect(Collectors.toSet());
        Set<String> revoked = new HashSet<>(keys.keySet());
        revoked.removeAll(unknown);
        keys.keySet().stream().filter(unknown::contains).forEach(absent::add);
        return new RevokeResult(revoked, absent);
    }

    /**
     * A revoke that failed may still have happened. The SDK resends a revoke whose answer was lost, and the error of its
     * last attempt (nothing left to revoke, throttled, a 500, the answer lost again) says nothing about the first; only
     * a read of the group does, once. Rules gone from a group that still exists were revoked (by this call, or by someone
     * at the same moment: the outcome asked for); a group that is gone had nothing left to revoke. Rules still there
     * make the failure true, and it is reported as it came.
     */
    private RevokeResult afterFailedRevoke(String groupId, Set<String> sent, Set<String> absent, CloudException failure) {
        Optional<Set<String>> rules;
        try {
            rules = ingressRules(groupId);
        } catch (CloudException unreadable) {
            throw failure;
        }
        if (rules.isEmpty()) {
            absent.addAll(sent);
            return new RevokeResult(Set.of(), absent);
        }
        if (sent.stream().anyMatch(rules.get()::contains)) {
            throw failure;
        }
        return new RevokeResult(sent, absent);
    }

    /**
     * The ids of the group's ingress rules, straight from EC2's answer (a revoke needs no prefix list read, and must not
     * fail on one); empty when the group does not exist.
     */
    private Optional<Set<String>> ingressRules(String groupId) {
        return describe(groupId).map(group -> group.ipPermissions().stream()
                .flatMap(permission -> RuleKey.of(false, permission)).map(RuleKey::id)
                .collect(Collectors.toSet()));
    }

    @Override
    public void narrowIngress(String groupId, FirewallRule rule, List<Peer> sources) {
        List<IpPermission> grants = new ArrayList<>();
        for (Peer source : sources) {
            if (!(source instanceof Peer.Cidr cidr)) {
                throw new IllegalArgumentException("AWS security groups can narrow to CIDR blocks only, not " + source);
            }
            grants.add(SecurityGroupTranslator.permission(rule, cidr));
        }
        for (IpPermission grant : grants) { // one call per grant: a duplicate must not hide the others
            try {
                ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(grant));
            } catch (SdkException e) {
                if (!AwsErrors.isDuplicate(e)) { // already granted: the retry of an earlier run
                    throw AwsErrors.translate("ec2:AuthorizeSecurityGroupIngress", e);
                }
            }
        }
        revokeIngress(groupId, Set.of(rule.id()));
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(operation, e);
        }
    }
}
