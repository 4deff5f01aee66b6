package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything an {@link InMemoryCloud} holds that an operation could change, taken as one value, so that a test can say
 * "the estate is the same after the run": the firewall groups and their rules, every tagged resource and its tags, the
 * stopped instances and published messages, the snapshots of each region, the patch baselines with their patch groups
 * and each operating system's default, and the scans started.
 *
 * <p>{@link #READS} names every call of the in-memory cloud that only reads; any other call may change something.
 */
public record CloudState(List<FirewallGroup> groups, List<ResourceRef> resources, Set<String> stopped,
                         List<InMemoryCloud.Message> published, Map<String, List<Snapshot>> snapshotsByRegion,
                         Map<String, PatchBaseline> baselines, Map<String, List<String>> patchGroupsByBaseline,
                         Map<String, String> defaultByOperatingSystem, List<InMemoryCloud.ScanCommand> scans) {

    /** The calls that only read. A call not listed here is a write: a dry-run makes none of them. */
    public static final Set<String> READS = Set.of(InMemoryCloud.LIST_GROUPS, InMemoryCloud.FIND_GROUP,
            InMemoryCloud.ADDRESS_SET_ENTRIES, InMemoryCloud.LIST_RESOURCES, InMemoryCloud.FIND_RESOURCES,
            InMemoryCloud.LIST_DISKS, InMemoryCloud.FIND_DISKS, InMemoryCloud.LIST_INSTANCES, InMemoryCloud.LIST_SNAPSHOTS,
            InMemoryCloud.FIND_SNAPSHOTS, InMemoryCloud.IMAGE_SNAPSHOTS, InMemoryCloud.LIST_BASELINES, InMemoryCloud.GET_BASELINE,
            InMemoryCloud.PATCH_GROUP_BASELINE, InMemoryCloud.GET_DEFAULT_BASELINE, InMemoryCloud.LIST_MANAGED_INSTANCES,
            InMemoryCloud.PATCH_STATES);

    public CloudState {
        groups = List.copyOf(groups);
        resources = List.copyOf(resources);
        stopped = Set.copyOf(stopped);
        published = List.copyOf(published);
        snapshotsByRegion = Map.copyOf(snapshotsByRegion);
        baselines = Map.copyOf(baselines);
        patchGroupsByBaseline = Map.copyOf(patchGroupsByBaseline);
        defaultByOperatingSystem = Map.copyOf(defaultByOperatingSystem);
        scans = List.copyOf(scans);
    }

    /**
     * The cloud as it is now.
     *
     * @param regions          the regions whose snapshots count (the cloud's own and the copy regions)
     * @param operatingSystems the operating systems whose default baseline counts
     */
    public static CloudState of(InMemoryCloud cloud, Collection<String> regions, Collection<String> operatingSystems) {
        Map<String, List<Snapshot>> snapshots = new TreeMap<>();
        regions.forEach(region -> snapshots.put(region, cloud.snapshotsIn(region)));
        Map<String, PatchBaseline> baselines = new TreeMap<>();
        Map<String, List<String>> patchGroups = new TreeMap<>();
        for (String id : cloud.baselineIds()) {
            baselines.put(id, cloud.baseline(id));
            patchGroups.put(id, cloud.patchGroupsOf(id));
        }
        Map<String, String> defaults = new TreeMap<>();
        operatingSystems.forEach(os -> defaults.put(os, cloud.defaultOf(os)));
        return new CloudState(cloud.groups(), cloud.resources(), cloud.stopped(), cloud.published(), snapshots, baselines,
                patchGroups, defaults, cloud.scans());
    }

    /** The calls made since {@code before} that are not {@link #READS}, by operation; empty when only reads were made. */
    public static Map<String, Long> writesSince(InMemoryCloud cloud, ApiCalls before) {
        Map<String, Long> writes = new TreeMap<>(cloud.apiCalls().since(before).byOperation());
        writes.keySet().removeAll(READS);
        return writes;
    }
}
