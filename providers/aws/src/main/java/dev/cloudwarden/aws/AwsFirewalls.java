package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * Security groups through EC2. A sweep is two paged reads, whatever the number of groups: every
 * group, then every rule, at the largest page size EC2 allows (1,000), joined by group id.
 *
 * <p>IAM actions used: ec2:DescribeSecurityGroups, ec2:DescribeSecurityGroupRules,
 * ec2:RevokeSecurityGroupIngress, ec2:AuthorizeSecurityGroupIngress (narrowing only).
 */
final class AwsFirewalls implements FirewallOps {
    static final int MAX_PAGE_SIZE = 1000;

    private final Ec2Client ec2;
    private final String region;

    AwsFirewalls(Ec2Client ec2, String region) {
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public List<FirewallGroup> listGroups() {
        // Two independent paged reads, sent together: the sweep waits for the slower one, not for both in turn.
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Map<String, List<SecurityGroupRule>>> rules = reads.submit(this::allRulesByGroup);
            List<SecurityGroup> groups = allGroups();
            Map<String, List<SecurityGroupRule>> rulesByGroup = result(rules);
            return groups.stream()
                    .map(g -> SecurityGroupTranslator.toGroup(g, rulesByGroup.getOrDefault(g.groupId(), List.of()), region))
                    .toList();
        }
    }

    private List<SecurityGroup> allGroups() {
        List<SecurityGroup> groups = new ArrayList<>();
        call("ec2:DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(MAX_PAGE_SIZE))
                .securityGroups().forEach(groups::add));
        return groups;
    }

    private Map<String, List<SecurityGroupRule>> allRulesByGroup() {
        Map<String, List<SecurityGroupRule>> rulesByGroup = new HashMap<>();
        call("ec2:DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRulesPaginator(r -> r.maxResults(MAX_PAGE_SIZE))
                .securityGroupRules().forEach(rule -> rulesByGroup.computeIfAbsent(rule.groupId(), k -> new ArrayList<>()).add(rule)));
        return rulesByGroup;
    }

    /** The read's result, or the exception it ended with (a CloudException, already translated), as it is. */
    private static <T> T result(Future<T> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading security group rules", e);
        }
    }

    @Override
    public Optional<FirewallGroup> findGroup(String groupId) {
        SecurityGroup group;
        try {
            var groups = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups();
            if (groups.isEmpty()) {
                return Optional.empty();
            }
            group = groups.getFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate("ec2:DescribeSecurityGroups", e);
        }
        return Optional.of(SecurityGroupTranslator.toGroup(group, rulesOf(groupId), region));
    }

    private List<SecurityGroupRule> rulesOf(String groupId) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        call("ec2:DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRulesPaginator(r -> r
                        .filters(Filter.builder().name("group-id").values(groupId).build())
                        .maxResults(MAX_PAGE_SIZE))
                .securityGroupRules().forEach(rules::add));
        return rules;
    }

    @Override
    public RevokeResult revokeIngress(String groupId, Set<String> ruleIds) {
        try {
            revoke(groupId, ruleIds);
            return new RevokeResult(ruleIds, Set.of());
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate("ec2:RevokeSecurityGroupIngress", e);
            }
        }
        // One id was gone (a retry, or someone fixed it meanwhile) and EC2 refused the whole call:
        // revoke what is still there, and report the rest as already absent.
        Set<String> present = new HashSet<>();
        try {
            rulesOf(groupId).forEach(rule -> present.add(rule.securityGroupRuleId()));
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        Set<String> toRevoke = new HashSet<>(ruleIds);
        toRevoke.retainAll(present);
        Set<String> absent = new HashSet<>(ruleIds);
        absent.removeAll(toRevoke);
        if (!toRevoke.isEmpty()) {
            call("ec2:RevokeSecurityGroupIngress", () -> revoke(groupId, toRevoke));
        }
        return new RevokeResult(toRevoke, absent);
    }

    private void revoke(String groupId, Set<String> ruleIds) {
        ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ruleIds));
    }

    @Override
    public void narrowIngress(String groupId, FirewallRule rule, List<Source> sources) {
        List<IpPermission> grants = new ArrayList<>();
        for (Source source : sources) {
            if (!(source instanceof Source.Cidr cidr)) {
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

    private static void call(String operation, Runnable request) {
        try {
            request.run();
        } catch (SdkException e) {
            throw AwsErrors.translate(operation, e);
        }
    }
}
