package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.FirewallRule.Direction;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.NotificationOps;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.Rate;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.SnapshotPlacement;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.api.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * call (or one resource) at a time. Follows the provider contracts of providers/api's test-jar, and is held to them
 * as every cloud's provider is ({@code InMemory*OpsTest}): a revoke removes exactly the named ingress rules and reports
 * the ones already gone (all of them when the group is gone); a narrow grants the new sources before the old rule
 * goes; a write of no tags sends nothing; tag writes are batched {@value #TAG_BATCH} resources a call, as the AWS
 * Tagging API does; a message over the limit is refused before any call. Address sets (AWS managed prefix lists) are
 * kept apart from the groups, as the cloud keeps them ({@link #putAddressSet}): a group is read with the sets its rules
 * reference as they are at that moment, and one that is not there fails the read.
 *
 * <p>Disks, instances and snapshots (in the cloud's own region and, copied there, in others) follow
 * {@link SnapshotOps}' contract as EBS keeps it: a create or a copy makes a snapshot tagged in the same
 * call, with the ids {@code snap-1}, {@code snap-2} … and the cloud's current time ({@link #clockAt}) as
 * its start, completed at once unless {@link #startNewSnapshotsAs} says pending; only a completed snapshot
 * can be copied; a delete answers false for a snapshot already gone and is refused as a conflict while an
 * image uses it. {@link #loseAnswerOfNext} makes a write happen and its answer get lost.
 *
 * <p>Patch baselines follow {@link PatchBaselineOps}' contract as SSM Patch Manager keeps it: the account's own
 * baselines by id ({@code pb-1}, {@code pb-2} … in the order they are made), listed in the order they were
 * made or put; a patch group has one baseline per operating system, and registering a group another baseline
 * of the same operating system holds is a {@link CloudException.Kind#CONFLICT} (SSM's AlreadyExistsException),
 * while registering it again to its own baseline, or deregistering a registration already gone, succeeds; each
 * operating system's default is an AWS-owned baseline's ARN ({@link #awsDefaultBaseline}) until one of the
 * account's is made the default. Managed instances are also tagged resources: a tag written through
 * {@link TagOps} is on the instance the next {@link #managedInstances} answers. Patch states are put by the
 * tests, per patch group; scans are recorded ({@link #scans}) and answer {@code cmd-1}, {@code cmd-2} …, at
 * most {@value #SCAN_LIMIT} instances a command, as SendCommand takes.
 */
public final class InMemoryCloud implements CloudProvider, FirewallOps, TagOps, ComputeOps, NotificationOps, SnapshotOps,
        PatchBaselineOps, PatchComplianceOps {
    public static final String LIST_GROUPS = "mem:ListGroups";
    public static final String FIND_GROUP = "mem:FindGroup";
    public static final String REVOKE_INGRESS = "mem:RevokeIngress";
    public static final String NARROW_INGRESS = "mem:NarrowIngress";
    public static final String ADDRESS_SET_ENTRIES = "mem:AddressSetEntries";
    public static final String LIST_RESOURCES = "mem:ListResources";
    public static final String FIND_RESOURCES = "mem:FindResources";
    public static final String ADD_TAGS = "mem:AddTags";
    public static final String REMOVE_TAGS = "mem:RemoveTags";
    public static final String REPLACE_TAGS = "mem:ReplaceTags";
    public static final String STOP = "mem:Stop";
    public static final String PUBLISH = "mem:Publish";
    public static final String LIST_DISKS = "mem:ListDisks";
    public static final String FIND_DISKS = "mem:FindDisks";
    public static final String LIST_INSTANCES = "mem:ListInstances";
    public static final String LIST_SNAPSHOTS = "mem:ListSnapshots";
    public static final String FIND_SNAPSHOTS = "mem:FindSnapshots";
    public static final String IMAGE_SNAPSHOTS = "mem:ImageSnapshots";
    public static final String CREATE_SNAPSHOT = "mem:CreateSnapshot";
    public static final String CREATE_SNAPSHOT_SET = "mem:CreateSnapshotSet";
    public static final String COPY_SNAPSHOT = "mem:CopySnapshot";
    public static final String TAG_SNAPSHOTS = "mem:TagSnapshots";
    public static final String DELETE_SNAPSHOT = "mem:DeleteSnapshot";
    /** The calls that change disks' snapshots; the others only read. */
    public static final Set<String> SNAPSHOT_WRITES = Set.of(CREATE_SNAPSHOT, CREATE_SNAPSHOT_SET, COPY_SNAPSHOT, TAG_SNAPSHOTS,
            DELETE_SNAPSHOT);
    public static final String SNAPSHOT_TYPE = "ec2:snapshot";
    public static final String LIST_BASELINES = "mem:ListBaselines";
    public static final String GET_BASELINE = "mem:GetBaseline";
    public static final String CREATE_BASELINE = "mem:CreateBaseline";
    public static final String UPDATE_BASELINE = "mem:UpdateBaseline";
    public static final String REGISTER_PATCH_GROUP = "mem:RegisterPatchGroup";
    public static final String DEREGISTER_PATCH_GROUP = "mem:DeregisterPatchGroup";
    public static final String PATCH_GROUP_BASELINE = "mem:PatchGroupBaseline";
    public static final String GET_DEFAULT_BASELINE = "mem:GetDefaultBaseline";
    public static final String SET_DEFAULT_BASELINE = "mem:SetDefaultBaseline";
    public static final String LIST_MANAGED_INSTANCES = "mem:ListManagedInstances";
    public static final String PATCH_STATES = "mem:PatchStates";
    public static final String START_SCAN = "mem:StartScan";
    /** The calls that change baselines, their patch groups and defaults, or start scans; the others only read. */
    public static final Set<String> PATCH_WRITES = Set.of(CREATE_BASELINE, UPDATE_BASELINE, REGISTER_PATCH_GROUP,
            DEREGISTER_PATCH_GROUP, SET_DEFAULT_BASELINE, START_SCAN);
    public static final String BASELINE_TYPE = "ssm:patchbaseline";
    /** SendCommand takes at most this many instance ids. */
    public static final int SCAN_LIMIT = 50;
    public static final int TAG_BATCH = 20;
    /** Small, so that tests can show a report split across messages. */
    public static final int MAX_MESSAGE_BYTES = 16_384;

    private final CloudId cloud;
    private final String region;
    private SnapshotFeatures snapshotFeatures = SnapshotFeatures.ALL;
    private final Map<String, SnapshotPlacement> placements = new HashMap<>();
    private boolean caseInsensitiveKeys;
    private final Map<String, FirewallGroup> groups = new LinkedHashMap<>();
    private final Map<String, Peer.AddressSet> addressSets = new LinkedHashMap<>();
    private final Map<String, Long> calls = new TreeMap<>();
    private final Map<String, Runnable> beforeNext = new HashMap<>();
    private final Map<String, ResourceRef> resources = new LinkedHashMap<>();
    private final Set<String> stopped = new LinkedHashSet<>();
    private final Set<String> deletedTopics = new HashSet<>();
    private final Set<String> failingWrites = new HashSet<>();
    private final List<Message> published = new ArrayList<>();
    private final Map<String, Disk> disks = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    /** region → snapshot id → snapshot, in the order they were made or put. */
    private final Map<String, Map<String, Snapshot>> snapshotsByRegion = new LinkedHashMap<>();
    /** region → snapshot id → the image (AMI) it backs. */
    private final Map<String, Map<String, String>> imagesByRegion = new HashMap<>();
    /** "region/copy id" → the encryption key its copy call was given. */
    private final Map<String, Optional<String>> copyKeys = new HashMap<>();
    private final Set<String> losingAnswers = new HashSet<>();
    private Snapshot.State newSnapshotState = Snapshot.State.COMPLETED;
    private Instant time = Instant.parse("2026-01-01T00:00:00Z");
    private int snapshotsMade;
    /** baseline id → content, in the order they were made or put. */
    private final Map<String, PatchBaseline> baselines = new LinkedHashMap<>();
    /** operating system → patch group → the id of the baseline it is registered to. */
    private final Map<String, Map<String, String>> patchGroups = new HashMap<>();
    /** operating system → its default baseline, an id of the account's or an AWS-owned baseline's ARN. */
    private final Map<String, String> defaultBaselines = new HashMap<>();
    /** instance id → the instance as the patch service sees it; its tags are those of {@link #resources}. */
    private final Map<String, ManagedInstance> managed = new LinkedHashMap<>();
    /** patch group → instance id → its last patch state. */
    private final Map<String, Map<String, PatchState>> patchStates = new HashMap<>();
    private final List<ScanCommand> scans = new ArrayList<>();
    private int baselinesMade;

    /** One published notification, and the id its publish answered. */
    public record Message(String topic, String subject, String body, String messageId) {
    }

    /** One scan command as it was started. */
    public record ScanCommand(String commandId, List<String> instanceIds, String maxConcurrency, String maxErrors) {
        public ScanCommand {
            instanceIds = List.copyOf(instanceIds);
        }
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

    /** The group is deleted outside the engine. */
    public void removeGroup(String groupId) {
        if (groups.remove(groupId) == null) {
            throw new NoSuchElementException("no group " + groupId + " in memory");
        }
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

    /**
     * Adds the address set, or replaces the one with its id: its entries changed outside the engine. Rules refer to
     * it by id; a group read after this sees these entries, whatever entries the rule was built with.
     */
    public void putAddressSet(Peer.AddressSet set) {
        addressSets.put(set.id(), set);
    }

    /** The address set as it is now. */
    public Peer.AddressSet addressSet(String id) {
        Peer.AddressSet set = addressSets.get(id);
        if (set == null) {
            throw new NoSuchElementException("no address set " + id + " in memory");
        }
        return set;
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
    public CloudNames names() {
        return new InMemoryNames(cloud, caseInsensitiveKeys);
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
    public Optional<SnapshotOps> snapshots() {
        return Optional.of(this);
    }

    @Override
    public Optional<PatchComplianceOps> patchCompliance() {
        return Optional.of(this);
    }

    @Override
    public Optional<PatchBaselineOps> patchBaselines() {
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
        return groups().stream().map(group -> withAddressSetsRead(group, LIST_GROUPS)).toList();
    }

    @Override
    public Optional<FirewallGroup> findGroup(String groupId) {
        call(FIND_GROUP);
        return Optional.ofNullable(groups.get(groupId)).map(group -> withAddressSetsRead(group, FIND_GROUP));
    }

    @Override
    public List<IpRange> addressSetEntries(String id) {
        call(ADDRESS_SET_ENTRIES);
        return existingSet(id, ADDRESS_SET_ENTRIES).entries();
    }

    /** The group with each address set its rules reference as the cloud holds it now, as a provider reads it. */
    private FirewallGroup withAddressSetsRead(FirewallGroup group, String operation) {
        List<FirewallRule> rules = group.rules().stream().map(rule -> rule.withSources(rule.sources().stream()
                .map(source -> source instanceof Peer.AddressSet set ? existingSet(set.id(), operation) : source).toList())).toList();
        return group.withRules(rules);
    }

    /** {@inheritDoc} A group that is gone had nothing left to revoke: every rule named is reported already absent. */
    @Override
    public RevokeResult revokeIngress(String groupId, Set<String> ruleIds) {
        call(REVOKE_INGRESS);
        FirewallGroup group = groups.get(groupId);
        if (group == null) {
            return new RevokeResult(Set.of(), ruleIds);
        }
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
        put(group.withRules(kept));
        return new RevokeResult(revoked, alreadyAbsent);
    }

    /** The narrowed rule replaces the old one under the id {@code narrowed-<old id>}; a retry replaces it again. */
    @Override
    public void narrowIngress(String groupId, FirewallRule rule, List<Peer> sources) {
        call(NARROW_INGRESS);
        FirewallGroup group = existing(groupId, NARROW_INGRESS);
        var narrowed = new FirewallRule("narrowed-" + rule.id(), "narrowed-" + rule.id(), Direction.INGRESS, rule.access(),
                rule.priority(), rule.protocol(), rule.ports(), sources, rule.destinations(), rule.enabled(), rule.appliesTo(),
                rule.control(), rule.description());
        List<FirewallRule> rules = new ArrayList<>(group.rules().stream()
                .filter(r -> !r.id().equals(narrowed.id()) && !r.id().equals(rule.id())).toList());
        rules.add(narrowed);
        put(group.withRules(rules));
    }

    // --- tagged resources ---

    /** Adds the resource, or replaces the one with its id. */
    public void put(ResourceRef resource) {
        resources.put(resource.id(), resource);
    }

    /** The resource is deleted (an instance terminated) outside the engine. */
    public void removeResource(String id) {
        if (resources.remove(id) == null) {
            throw new NoSuchElementException("no resource " + id + " in memory");
        }
        stopped.remove(id);
    }

    /** The instance was stopped outside the engine, as if by {@link #stop} but without a call. */
    public void markStopped(String instanceId) {
        stopped.add(instanceId);
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

    /**
     * Every later tag write to this resource, or to this snapshot, fails (in its batch, the others succeed), as a
     * per-resource API error would.
     */
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
        if (tags.isEmpty()) {
            return TagWriteResult.OK; // nothing to write: no call, as a cloud's provider sends none
        }
        return writeInBatches(ADD_TAGS, targets, current -> tags.forEach((key, value) -> {
            String spelling = current.keySet().stream().filter(k -> sameKey(k, key)).findFirst().orElse(key);
            current.put(spelling, value);
        }));
    }

    @Override
    public TagWriteResult removeTags(List<ResourceRef> targets, Set<String> keys) {
        if (keys.isEmpty()) {
            return TagWriteResult.OK;
        }
        return writeInBatches(REMOVE_TAGS, targets, current -> current.keySet().removeIf(key -> keys.stream().anyMatch(k -> sameKey(k, key))));
    }

    /**
     * Tag keys that differ only in case are one key from now on, as on Azure: adding a spelling of a key the resource has
     * updates that tag's value under its old spelling, removing any spelling removes the tag, and only
     * {@link #replaceTags} changes a key's spelling.
     */
    public InMemoryCloud withCaseInsensitiveKeys() {
        this.caseInsensitiveKeys = true;
        return this;
    }

    @Override
    public TagWriteResult replaceTags(ResourceRef target, Map<String, String> tags) {
        return writeInBatches(REPLACE_TAGS, List.of(target), current -> {
            current.clear();
            current.putAll(tags);
        });
    }

    private boolean sameKey(String a, String b) {
        return caseInsensitiveKeys ? a.equalsIgnoreCase(b) : a.equals(b);
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

    /**
     * {@inheritDoc} A message over {@link #MAX_MESSAGE_BYTES} is refused before any call, as a provider refuses it;
     * every topic exists but the ones {@link #deleteTopic deleted}.
     */
    @Override
    public String publish(String topic, String subject, String message) {
        int bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("the message is " + bytes + " bytes in UTF-8; at most " + MAX_MESSAGE_BYTES
                    + " are accepted");
        }
        call(PUBLISH);
        if (deletedTopics.contains(topic)) {
            throw failure(PUBLISH, CloudException.Kind.NOT_FOUND, "no topic " + topic);
        }
        String id = "msg-" + (published.size() + 1);
        published.add(new Message(topic, subject, message, id));
        return id;
    }

    /** The topic is deleted: a later publish to it is {@link CloudException.Kind#NOT_FOUND}. */
    public void deleteTopic(String topic) {
        deletedTopics.add(topic);
    }

    @Override
    public int maxMessageBytes() {
        return MAX_MESSAGE_BYTES;
    }

    // --- disks, instances and snapshots ---

    /** Adds the disk (in this cloud's region), or replaces the one with its id. */
    public void put(Disk disk) {
        disks.put(disk.id(), disk);
    }

    /** Adds the instance, or replaces the one with its id. */
    public void put(Instance instance) {
        instances.put(instance.id(), instance);
    }

    /** Adds the snapshot in its region, or replaces the one with its id there: a snapshot made or changed outside the engine. */
    public void put(Snapshot snapshot) {
        snapshotsByRegion.computeIfAbsent(snapshot.region(), r -> new LinkedHashMap<>()).put(snapshot.id(), snapshot);
    }

    /** The disk is deleted. */
    public void removeDisk(String diskId) {
        disks.remove(diskId);
    }

    /** The snapshot is deleted outside the engine. */
    public void removeSnapshot(String region, String snapshotId) {
        snapshotsIn(region).stream().filter(s -> s.id().equals(snapshotId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no snapshot " + snapshotId + " in " + region));
        snapshotsByRegion.get(region).remove(snapshotId);
    }

    /** An image (AMI) in {@code region} is registered from the snapshot: from now on the snapshot cannot be deleted. */
    public void registerImage(String region, String snapshotId, String imageId) {
        imagesByRegion.computeIfAbsent(region, r -> new HashMap<>()).put(snapshotId, imageId);
    }

    /** The snapshot's job ends: it becomes completed or failed, as EBS reports when it finishes. */
    public void finish(String region, String snapshotId, Snapshot.State state) {
        Snapshot s = snapshot(region, snapshotId);
        put(new Snapshot(s.resource(), s.diskId(), s.startedAt(), state, s.description()));
    }

    /** The cloud's time from now on: the start time of every snapshot made or copied after this call. */
    public void clockAt(Instant now) {
        this.time = now;
    }

    /** The state snapshots and copies start in from now on: completed (the default, a small volume) or pending, as EBS reports. */
    public void startNewSnapshotsAs(Snapshot.State state) {
        this.newSnapshotState = state;
    }

    /**
     * The next call of {@code operation} (a create or a copy) does its work, then throws
     * {@link CloudException.Kind#UNAVAILABLE}: a connection reset after EC2 made the snapshot.
     */
    public void loseAnswerOfNext(String operation) {
        losingAnswers.add(operation);
    }

    /** Every snapshot in {@code region} as it is now, in the order they were made or put. */
    public List<Snapshot> snapshotsIn(String region) {
        return List.copyOf(snapshotsByRegion.getOrDefault(region, Map.of()).values());
    }

    /** The ids of every snapshot in {@code region}, in the order they were made or put. */
    public List<String> snapshotIdsIn(String region) {
        return snapshotsIn(region).stream().map(Snapshot::id).toList();
    }

    /** One snapshot as it is now. */
    public Snapshot snapshot(String region, String snapshotId) {
        Snapshot snapshot = snapshotsByRegion.getOrDefault(region, Map.of()).get(snapshotId);
        if (snapshot == null) {
            throw new NoSuchElementException("no snapshot " + snapshotId + " in " + region + "; there are " + snapshotIdsIn(region));
        }
        return snapshot;
    }

    /** The key the copy call that made {@code copyId} was given to encrypt it with. */
    public Optional<String> encryptionKeyOf(String region, String copyId) {
        Optional<String> key = copyKeys.get(region + "/" + copyId);
        if (key == null) {
            throw new NoSuchElementException("no copy " + copyId + " was made in " + region);
        }
        return key;
    }

    /** How many times {@code operation} was called so far (0 when never). */
    public long calls(String operation) {
        return calls.getOrDefault(operation, 0L);
    }

    /** What {@link #features()} answers: everything, unless a test takes some of it away. */
    public InMemoryCloud withSnapshotFeatures(SnapshotFeatures features) {
        this.snapshotFeatures = features;
        return this;
    }

    @Override
    public SnapshotFeatures features() {
        return snapshotFeatures;
    }

    @Override
    public List<Disk> listDisks() {
        call(LIST_DISKS);
        return List.copyOf(disks.values());
    }

    @Override
    public List<Disk> findDisks(Collection<String> diskIds) {
        call(FIND_DISKS);
        return diskIds.stream().filter(disks::containsKey).map(disks::get).toList();
    }

    @Override
    public List<Instance> listInstances(Map<String, String> withTags) {
        call(LIST_INSTANCES);
        return instances.values().stream().filter(i -> withTags.entrySet().stream().allMatch(wanted -> {
            String value = i.resource().tags().values().get(wanted.getKey());
            return value != null && (wanted.getValue().equals("*") || wanted.getValue().equals(value));
        })).toList();
    }

    @Override
    public List<Snapshot> listSnapshots(String region, String tagKey) {
        call(LIST_SNAPSHOTS);
        return snapshotsIn(region).stream().filter(s -> s.tags().get(tagKey).isPresent()).toList();
    }

    @Override
    public List<Snapshot> findSnapshots(String region, Collection<String> snapshotIds) {
        call(FIND_SNAPSHOTS);
        Map<String, Snapshot> there = snapshotsByRegion.getOrDefault(region, Map.of());
        return snapshotIds.stream().filter(there::containsKey).map(there::get).toList();
    }

    @Override
    public Map<String, String> imageSnapshots(String region) {
        call(IMAGE_SNAPSHOTS);
        return Map.copyOf(imagesByRegion.getOrDefault(region, Map.of()));
    }

    @Override
    public Snapshot createSnapshot(Disk disk, Map<String, String> tags, String description) {
        call(CREATE_SNAPSHOT);
        if (!disks.containsKey(disk.id())) {
            throw failure(CREATE_SNAPSHOT, CloudException.Kind.NOT_FOUND, "no volume " + disk.id());
        }
        Snapshot made = make(region, disk.id(), tags, description);
        answer(CREATE_SNAPSHOT);
        return made;
    }

    /** {@inheritDoc} Where {@link #features()} lets a plan place snapshots, the placement is kept ({@link #placementOf}). */
    @Override
    public Snapshot createSnapshot(Disk disk, SnapshotPlacement placement, Map<String, String> tags, String description) {
        refuseUnofferedPlacement(placement);
        Snapshot made = createSnapshot(disk, tags, description);
        placements.put(made.id(), placement);
        return made;
    }

    @Override
    public List<Snapshot> createSnapshotSet(Instance instance, boolean includeBootDisk, SnapshotPlacement placement,
                                            Map<String, String> tags, String description) {
        refuseUnofferedPlacement(placement);
        List<Snapshot> made = createSnapshotSet(instance, includeBootDisk, tags, description);
        made.forEach(snapshot -> placements.put(snapshot.id(), placement));
        return made;
    }

    /** Where a snapshot was placed when it was taken; the default for one taken without a placement. */
    public SnapshotPlacement placementOf(String snapshotId) {
        return placements.getOrDefault(snapshotId, SnapshotPlacement.DEFAULT);
    }

    private void refuseUnofferedPlacement(SnapshotPlacement placement) {
        if ((placement.group().isPresent() && !snapshotFeatures.placementGroup())
                || (!placement.locations().isEmpty() && !snapshotFeatures.placementLocations())) {
            throw new UnsupportedOperationException("the in-memory cloud's features offer no placement " + placement);
        }
    }

    @Override
    public List<Snapshot> createSnapshotSet(Instance instance, boolean includeBootDisk, Map<String, String> tags, String description) {
        call(CREATE_SNAPSHOT_SET);
        Instance current = instances.get(instance.id());
        if (current == null) {
            throw failure(CREATE_SNAPSHOT_SET, CloudException.Kind.NOT_FOUND, "no instance " + instance.id());
        }
        List<String> taken = current.diskIds().stream().filter(id -> includeBootDisk || !id.equals(current.bootDiskId())).toList();
        if (taken.isEmpty()) {
            throw failure(CREATE_SNAPSHOT_SET, CloudException.Kind.INVALID, instance.id() + " has no volume to snapshot");
        }
        List<Snapshot> made = taken.stream().map(id -> make(region, id, tags, description)).toList();
        answer(CREATE_SNAPSHOT_SET);
        return made;
    }

    /** The copy records no source disk, as EBS gives copies a placeholder volume id. */
    @Override
    public Snapshot copySnapshot(Snapshot source, String toRegion, Optional<String> encryptionKey, Map<String, String> tags,
                                 String description) {
        call(COPY_SNAPSHOT);
        Snapshot original = snapshotsByRegion.getOrDefault(source.region(), Map.of()).get(source.id());
        if (original == null) {
            throw failure(COPY_SNAPSHOT, CloudException.Kind.NOT_FOUND, "no snapshot " + source.id() + " in " + source.region());
        }
        if (original.state() != Snapshot.State.COMPLETED) {
            throw failure(COPY_SNAPSHOT, CloudException.Kind.INVALID, source.id() + " is " + original.state() + ", not completed");
        }
        Snapshot copy = make(toRegion, "", tags, description);
        copyKeys.put(toRegion + "/" + copy.id(), encryptionKey);
        answer(COPY_SNAPSHOT);
        return copy;
    }

    @Override
    public TagWriteResult tagSnapshots(String region, List<String> snapshotIds, Map<String, String> tags) {
        if (snapshotIds.isEmpty() || tags.isEmpty()) {
            return TagWriteResult.OK; // nothing to write: no call
        }
        call(TAG_SNAPSHOTS);
        Map<String, CloudException> failed = new HashMap<>();
        for (String id : snapshotIds) {
            Snapshot current = snapshotsByRegion.getOrDefault(region, Map.of()).get(id);
            if (current == null || failingWrites.contains(id)) {
                failed.put(id, failure(TAG_SNAPSHOTS, current == null ? CloudException.Kind.NOT_FOUND
                        : CloudException.Kind.ACCESS_DENIED, "cannot write the tags of " + id));
                continue;
            }
            Map<String, String> merged = new HashMap<>(current.tags().values());
            merged.putAll(tags);
            put(withTags(current, merged));
        }
        return new TagWriteResult(failed);
    }

    @Override
    public boolean deleteSnapshot(String region, String snapshotId) {
        call(DELETE_SNAPSHOT);
        Map<String, Snapshot> there = snapshotsByRegion.getOrDefault(region, Map.of());
        if (!there.containsKey(snapshotId)) {
            return false;
        }
        String image = imagesByRegion.getOrDefault(region, Map.of()).get(snapshotId);
        if (image != null) {
            throw failure(DELETE_SNAPSHOT, CloudException.Kind.CONFLICT, snapshotId + " is in use by " + image);
        }
        there.remove(snapshotId);
        return true;
    }

    // --- patch baselines, patch groups, defaults, managed instances ---

    /** The ARN of the AWS-owned baseline that is {@code operatingSystem}'s default until one of the account's is made so. */
    public String awsDefaultBaseline(String operatingSystem) {
        return "arn:aws:ssm:" + region + ":" + Firewalls.ACCOUNT + ":patchbaseline/pb-aws-default-" + operatingSystem;
    }

    /**
     * A baseline someone made outside the engine, under this id, registered for {@code groups}: no call is
     * counted. A group another baseline of its operating system holds is a mistake of the test.
     */
    public void putBaseline(String id, PatchBaseline content, String... groups) {
        if (baselines.containsKey(id)) {
            throw new IllegalStateException("baseline " + id + " is already in memory");
        }
        baselines.put(id, content);
        for (String group : groups) {
            String holder = groupsOf(content.operatingSystem()).putIfAbsent(group, id);
            if (holder != null) {
                throw new IllegalStateException("patch group " + group + " is already registered to " + holder);
            }
        }
    }

    /**
     * Someone deleted the baseline outside the engine: its patch group registrations go with it and, when it was
     * its operating system's default, the AWS-owned baseline is the default again. No call is counted.
     */
    public void deleteBaseline(String id) {
        PatchBaseline gone = baselines.remove(id);
        if (gone == null) {
            throw new NoSuchElementException("no baseline " + id + " in memory");
        }
        groupsOf(gone.operatingSystem()).values().removeIf(id::equals);
        defaultBaselines.remove(gone.operatingSystem(), id);
    }

    /** The baseline's content as it is now. */
    public PatchBaseline baseline(String id) {
        PatchBaseline content = baselines.get(id);
        if (content == null) {
            throw new NoSuchElementException("no baseline " + id + " in memory; there are " + baselines.keySet());
        }
        return content;
    }

    /** The ids of every baseline as it is now, in the order they were made or put. */
    public List<String> baselineIds() {
        return List.copyOf(baselines.keySet());
    }

    /** The ids of the baselines called {@code name}, in the order they were made or put. */
    public List<String> baselinesNamed(String name) {
        return baselines.entrySet().stream().filter(e -> e.getValue().name().equals(name)).map(Map.Entry::getKey).toList();
    }

    /** The patch groups registered to the baseline now, sorted. */
    public List<String> patchGroupsOf(String baselineId) {
        PatchBaseline content = baseline(baselineId);
        return groupsOf(content.operatingSystem()).entrySet().stream().filter(e -> e.getValue().equals(baselineId))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The default baseline of {@code operatingSystem} now (no call is counted). */
    public String defaultOf(String operatingSystem) {
        return defaultBaselines.getOrDefault(operatingSystem, awsDefaultBaseline(operatingSystem));
    }

    /** Adds the managed instance (and its tags, as a tagged resource), or replaces the one with its id. */
    public void put(ManagedInstance instance) {
        managed.put(instance.id(), instance);
        put(instance.resource());
    }

    /** The last patch state of an instance, reported under its patch group; replaces the instance's earlier one there. */
    public void put(PatchState state) {
        patchStates.computeIfAbsent(state.patchGroup(), g -> new LinkedHashMap<>()).put(state.instanceId(), state);
    }

    /** Every scan command started so far, in order. */
    public List<ScanCommand> scans() {
        return List.copyOf(scans);
    }

    /** The calls made so far that change baselines or start scans, by operation; empty when none was made. */
    public Map<String, Long> patchWriteCalls() {
        Map<String, Long> writes = new TreeMap<>(calls);
        writes.keySet().retainAll(PATCH_WRITES);
        return writes;
    }

    @Override
    public ResourceRef baselineResource(String id, String name) {
        // a baseline not created yet is reported under its name, as the AWS provider does: a report's resource has an id
        return new ResourceRef(cloud, Firewalls.ACCOUNT, region, BASELINE_TYPE, id.isEmpty() ? name : id, name, Tags.NONE);
    }

    @Override
    public List<BaselineSummary> listBaselines() {
        call(LIST_BASELINES);
        return baselines.entrySet().stream().map(e -> new BaselineSummary(e.getKey(), e.getValue().name(),
                e.getValue().operatingSystem(), e.getKey().equals(defaultBaselines.get(e.getValue().operatingSystem())))).toList();
    }

    @Override
    public Optional<FoundBaseline> getBaseline(String baselineId) {
        call(GET_BASELINE);
        return Optional.ofNullable(baselines.get(baselineId)).map(content -> new FoundBaseline(baselineId, content,
                patchGroupsOf(baselineId)));
    }

    @Override
    public String createBaseline(PatchBaseline content) {
        call(CREATE_BASELINE);
        String id;
        do {
            id = "pb-" + ++baselinesMade;
        } while (baselines.containsKey(id));
        baselines.put(id, content);
        return id;
    }

    @Override
    public void updateBaseline(String baselineId, PatchBaseline content) {
        call(UPDATE_BASELINE);
        PatchBaseline current = existingBaseline(baselineId, UPDATE_BASELINE);
        if (!current.operatingSystem().equals(content.operatingSystem())) {
            throw failure(UPDATE_BASELINE, CloudException.Kind.INVALID, "the operating system of " + baselineId + " cannot change");
        }
        baselines.put(baselineId, content);
    }

    @Override
    public void registerPatchGroup(String baselineId, String patchGroup) {
        call(REGISTER_PATCH_GROUP);
        PatchBaseline content = existingBaseline(baselineId, REGISTER_PATCH_GROUP);
        String holder = groupsOf(content.operatingSystem()).get(patchGroup);
        if (holder != null && !holder.equals(baselineId)) {
            throw new CloudException(CloudException.Kind.CONFLICT, REGISTER_PATCH_GROUP, "AlreadyExistsException", "mem-request-1",
                    "patch group " + patchGroup + " is already registered to " + holder + " for " + content.operatingSystem(), null);
        }
        groupsOf(content.operatingSystem()).put(patchGroup, baselineId);
    }

    @Override
    public Optional<String> patchGroupBaseline(String patchGroup, String operatingSystem) {
        call(PATCH_GROUP_BASELINE);
        return Optional.ofNullable(groupsOf(operatingSystem).get(patchGroup));
    }

    @Override
    public void deregisterPatchGroup(String baselineId, String patchGroup) {
        call(DEREGISTER_PATCH_GROUP);
        PatchBaseline content = baselines.get(baselineId);
        if (content != null) {
            groupsOf(content.operatingSystem()).remove(patchGroup, baselineId);
        }
    }

    @Override
    public String defaultBaseline(String operatingSystem) {
        call(GET_DEFAULT_BASELINE);
        return defaultOf(operatingSystem);
    }

    /** {@inheritDoc} An AWS-owned baseline is named by its ARN, as SSM names it: the id is its last part. */
    @Override
    public String idOf(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    /** {@inheritDoc} An AWS-owned baseline is named by its ARN ({@link #awsDefaultBaseline}), as SSM takes it. */
    @Override
    public void setDefaultBaseline(String baselineId) {
        call(SET_DEFAULT_BASELINE);
        String awsOwned = awsDefaultBaseline("");
        String os = baselineId.startsWith(awsOwned) ? baselineId.substring(awsOwned.length())
                : existingBaseline(baselineId, SET_DEFAULT_BASELINE).operatingSystem();
        defaultBaselines.put(os, baselineId);
    }

    @Override
    public List<ManagedInstance> managedInstances() {
        call(LIST_MANAGED_INSTANCES);
        return managed.values().stream().map(i -> new ManagedInstance(resources.getOrDefault(i.id(), i.resource()), i.platform(),
                i.platformName(), i.online(), i.lastPing())).toList();
    }

    @Override
    public List<PatchState> patchStates(String patchGroup) {
        call(PATCH_STATES);
        return List.copyOf(patchStates.getOrDefault(patchGroup, Map.of()).values());
    }

    @Override
    public String startScan(List<String> instanceIds, Rate maxConcurrency, Rate maxErrors) {
        call(START_SCAN);
        if (instanceIds.isEmpty() || instanceIds.size() > SCAN_LIMIT) {
            throw failure(START_SCAN, CloudException.Kind.INVALID, "1 to " + SCAN_LIMIT + " instance ids a command, got " + instanceIds.size());
        }
        String id = "cmd-" + (scans.size() + 1);
        scans.add(new ScanCommand(id, instanceIds, maxConcurrency.toString(), maxErrors.toString()));
        return id;
    }

    private Map<String, String> groupsOf(String operatingSystem) {
        return patchGroups.computeIfAbsent(operatingSystem, os -> new HashMap<>());
    }

    private PatchBaseline existingBaseline(String baselineId, String operation) {
        PatchBaseline content = baselines.get(baselineId);
        if (content == null) {
            throw failure(operation, CloudException.Kind.NOT_FOUND, "no baseline " + baselineId);
        }
        return content;
    }

    private Snapshot make(String inRegion, String diskId, Map<String, String> tags, String description) {
        String id = "snap-" + ++snapshotsMade;
        Snapshot made = new Snapshot(new ResourceRef(cloud, Firewalls.ACCOUNT, inRegion, SNAPSHOT_TYPE, id, "", Tags.of(tags)),
                diskId, time, newSnapshotState, description);
        put(made);
        return made;
    }

    /** Throws the lost answer of a write that happened, when the test asked for it. */
    private void answer(String operation) {
        if (losingAnswers.remove(operation)) {
            throw new CloudException(CloudException.Kind.UNAVAILABLE, operation, "SdkClientException", "",
                    "Connection reset (the answer was lost after the call was made)", null);
        }
    }

    private static Snapshot withTags(Snapshot s, Map<String, String> tags) {
        ResourceRef r = s.resource();
        return new Snapshot(new ResourceRef(r.cloud(), r.account(), r.region(), r.type(), r.id(), r.name(), Tags.of(tags)),
                s.diskId(), s.startedAt(), s.state(), s.description());
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

    private Peer.AddressSet existingSet(String id, String operation) {
        Peer.AddressSet set = addressSets.get(id);
        if (set == null) {
            throw failure(operation, CloudException.Kind.NOT_FOUND, "no address set " + id);
        }
        return set;
    }

    private static CloudException failure(String operation, CloudException.Kind kind, String message) {
        return new CloudException(kind, operation, "Mem." + kind, "mem-request-1", message, null);
    }
}
