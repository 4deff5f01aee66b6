package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cloud held in maps, for the engine's tests: firewall groups that the audit reads and changes,
 * every call counted as {@code mem:Operation}, and failures injected one call at a time.
 * Follows {@link FirewallOps}' contract: a revoke removes exactly the named ingress rules and reports
 * the ones already gone; a narrow grants the new sources before the old rule goes.
 */
public final class InMemoryCloud implements CloudProvider, FirewallOps {
    public static final String LIST_GROUPS = "mem:ListGroups";
    public static final String FIND_GROUP = "mem:FindGroup";
    public static final String REVOKE_INGRESS = "mem:RevokeIngress";
    public static final String NARROW_INGRESS = "mem:NarrowIngress";

    private final CloudId cloud;
    private final String region;
    private final Map<String, FirewallGroup> groups = new LinkedHashMap<>();
    private final Map<String, Long> calls = new TreeMap<>();
    private final Map<String, Runnable> beforeNext = new HashMap<>();

    public InMemoryCloud(CloudId cloud, String region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** An AWS cloud in {@link Firewalls#REGION} holding {@code groups}. */
    public static InMemoryCloud holding(FirewallGroup... groups) {
        InMemoryCloud memory = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);
        for (FirewallGroup group : groups) {
            memory.put(group);
        }
        return memory;
    }

    /** Adds the group, or replaces the one with its id: a change made outside the engine. */
    public void put(FirewallGroup group) {
        groups.put(group.id(), group);
    }

    /** The group as it is now. */
    public FirewallGroup group(String groupId) {
        FirewallGroup group = groups.get(groupId);
        if (group == null) {
            throw new NoSuchElementException("no group " + groupId + " in memory");
        }
        return group;
    }

    /** Every group as it is now, in the order they were first put. */
    public List<FirewallGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Runs {@code hook} when {@code operation} is next called, after counting the call and before doing it. */
    public void beforeNext(String operation, Runnable hook) {
        beforeNext.put(operation, hook);
    }

    /** Makes the next call of {@code operation} fail with {@code kind}; returns the failure it will throw. */
    public CloudException failNext(String operation, CloudException.Kind kind) {
        CloudException failure = failure(operation, kind, "made to fail by the test");
        beforeNext(operation, () -> {
            throw failure;
        });
        return failure;
    }

    @Override
    public CloudId cloud() {
        return cloud;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Optional<FirewallOps> firewalls() {
        return Optional.of(this);
    }

    @Override
    public ApiCalls apiCalls() {
        return new ApiCalls(calls);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public List<FirewallGroup> listGroups() {
        call(LIST_GROUPS);
        return groups();
    }

    @Override
    public Optional<FirewallGroup> findGroup(String groupId) {
        call(FIND_GROUP);
        return Optional.ofNullable(groups.get(groupId));
    }

    @Override
    public RevokeResult revokeIngress(String groupId, Set<String> ruleIds) {
        call(REVOKE_INGRESS);
        FirewallGroup group = existing(groupId, REVOKE_INGRESS);
        Set<String> revoked = new HashSet<>();
        List<FirewallRule> kept = new ArrayList<>();
        for (FirewallRule rule : group.rules()) {
            if (rule.direction() == Direction.INGRESS && ruleIds.contains(rule.id())) {
                revoked.add(rule.id());
            } else {
                kept.add(rule);
            }
        }
        Set<String> alreadyAbsent = new HashSet<>(ruleIds);
        alreadyAbsent.removeAll(revoked);
        put(new FirewallGroup(group.resource(), group.network(), kept));
        return new RevokeResult(revoked, alreadyAbsent);
    }

    /** The narrowed rule replaces the old one under the id {@code narrowed-<old id>}; a retry replaces it again. */
    @Override
    public void narrowIngress(String groupId, FirewallRule rule, List<Source> sources) {
        call(NARROW_INGRESS);
        FirewallGroup group = existing(groupId, NARROW_INGRESS);
        var narrowed = new FirewallRule("narrowed-" + rule.id(), Direction.INGRESS, rule.access(), rule.priority(),
                rule.protocol(), rule.ports(), sources, rule.enabled(), rule.appliesTo(), rule.description());
        List<FirewallRule> rules = new ArrayList<>(group.rules().stream()
                .filter(r -> !r.id().equals(narrowed.id()) && !r.id().equals(rule.id())).toList());
        rules.add(narrowed);
        put(new FirewallGroup(group.resource(), group.network(), rules));
    }

    private void call(String operation) {
        calls.merge(operation, 1L, Long::sum);
        Runnable hook = beforeNext.remove(operation);
        if (hook != null) {
            hook.run();
        }
    }

    private FirewallGroup existing(String groupId, String operation) {
        FirewallGroup group = groups.get(groupId);
        if (group == null) {
            throw failure(operation, CloudException.Kind.NOT_FOUND, "no group " + groupId);
        }
        return group;
    }

    private static CloudException failure(String operation, CloudException.Kind kind, String message) {
        return new CloudException(kind, operation, "Mem." + kind, "mem-request-1", message, null);
    }
}
