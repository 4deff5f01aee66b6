package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.NotificationOps;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Source;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.api.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cloud held in maps, for the engine's tests: firewall groups and tagged resources that the
 * operations read and change, every call counted as {@code mem:Operation}, and failures injected one
 * call (or one resource) at a time. Follows the provider contracts: a revoke removes exactly the named
 * ingress rules and reports the ones already gone; a narrow grants the new sources before the old rule
 * goes; tag writes are batched {@value #TAG_BATCH} resources a call, as the AWS Tagging API does.
 */
public final class InMemoryCloud implements CloudProvider, FirewallOps, TagOps, ComputeOps, NotificationOps {
    public static final String LIST_GROUPS = "mem:ListGroups";
    public static final String FIND_GROUP = "mem:FindGroup";
    public static final String REVOKE_INGRESS = "mem:RevokeIngress";
    public static final String NARROW_INGRESS = "mem:NarrowIngress";
    public static final String LIST_RESOURCES = "mem:ListResources";
    public static final String FIND_RESOURCES = "mem:FindResources";
    public static final String ADD_TAGS = "mem:AddTags";
    public static final String REMOVE_TAGS = "mem:RemoveTags";
    public static final String STOP = "mem:Stop";
    public static final String PUBLISH = "mem:Publish";
    public static final int TAG_BATCH = 20;
    /** Small, so that tests can show a report split across messages. */
    public static final int MAX_MESSAGE_BYTES = 16_384;

    private final CloudId cloud;
    private final String region;
    private final Map<String, FirewallGroup> groups = new LinkedHashMap<>();
    private final Map<String, Long> calls = new TreeMap<>();
    private final Map<String, Runnable> beforeNext = new HashMap<>();
    private final Map<String, ResourceRef> resources = new LinkedHashMap<>();
    private final Set<String> stopped = new LinkedHashSet<>();
    private final Set<String> failingWrites = new HashSet<>();
    private final List<Message> published = new ArrayList<>();

    /** One published notification. */
    public record Message(String topic, String subject, String body) {
    }

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
    public Optional<TagOps> tags() {
        return Optional.of(this);
    }

    @Override
    public Optional<ComputeOps> compute() {
        return Optional.of(this);
    }

    @Override
    public Optional<NotificationOps> notifications() {
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

    // --- tagged resources ---

    /** Adds the resource, or replaces the one with its id. */
    public void put(ResourceRef resource) {
        resources.put(resource.id(), resource);
    }

    /** The resource's tags as they are now. */
    public Map<String, String> tagsOf(String id) {
        ResourceRef resource = resources.get(id);
        if (resource == null) {
            throw new NoSuchElementException("no resource " + id + " in memory");
        }
        return resource.tags().values();
    }

    /** Every resource as it is now. */
    public List<ResourceRef> resources() {
        return List.copyOf(resources.values());
    }

    /** The instances stopped so far, in order. */
    public Set<String> stopped() {
        return Set.copyOf(stopped);
    }

    public List<Message> published() {
        return List.copyOf(published);
    }

    /** Every later tag write to this resource fails (in its batch, the others succeed), as a per-resource API error would. */
    public void failWritesTo(String resourceId) {
        failingWrites.add(resourceId);
    }

    @Override
    public List<ResourceRef> listResources(Set<String> types) {
        call(LIST_RESOURCES);
        return resources.values().stream().filter(r -> types.contains(r.type())).toList();
    }

    @Override
    public boolean listsUntagged(String type) {
        return true;
    }

    @Override
    public List<ResourceRef> findResources(List<String> ids) {
        call(FIND_RESOURCES);
        return ids.stream().filter(resources::containsKey).map(resources::get).toList();
    }

    @Override
    public TagWriteResult addTags(List<ResourceRef> targets, Map<String, String> tags) {
        return writeInBatches(ADD_TAGS, targets, current -> current.putAll(tags));
    }

    @Override
    public TagWriteResult removeTags(List<ResourceRef> targets, Set<String> keys) {
        return writeInBatches(REMOVE_TAGS, targets, current -> current.keySet().removeAll(keys));
    }

    private TagWriteResult writeInBatches(String operation, List<ResourceRef> targets,
                                          java.util.function.Consumer<Map<String, String>> change) {
        Map<String, CloudException> failed = new HashMap<>();
        for (int from = 0; from < targets.size(); from += TAG_BATCH) {
            call(operation);
            for (ResourceRef target : targets.subList(from, Math.min(targets.size(), from + TAG_BATCH))) {
                ResourceRef current = resources.get(target.id());
                if (current == null || failingWrites.contains(target.id())) {
                    failed.put(target.id(), failure(operation, current == null ? CloudException.Kind.NOT_FOUND
                            : CloudException.Kind.ACCESS_DENIED, "cannot write the tags of " + target.id()));
                    continue;
                }
                Map<String, String> tags = new HashMap<>(current.tags().values());
                change.accept(tags);
                put(new ResourceRef(current.cloud(), current.account(), current.region(), current.type(), current.id(),
                        current.name(), Tags.of(tags)));
            }
        }
        return new TagWriteResult(failed);
    }

    @Override
    public void stop(ResourceRef instance) {
        call(STOP);
        if (!resources.containsKey(instance.id())) {
            throw failure(STOP, CloudException.Kind.NOT_FOUND, "no instance " + instance.id());
        }
        stopped.add(instance.id());
    }

    @Override
    public String publish(String topic, String subject, String message) {
        call(PUBLISH);
        if (message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw failure(PUBLISH, CloudException.Kind.INVALID, "message too long");
        }
        published.add(new Message(topic, subject, message));
        return "msg-" + published.size();
    }

    @Override
    public int maxMessageBytes() {
        return MAX_MESSAGE_BYTES;
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
