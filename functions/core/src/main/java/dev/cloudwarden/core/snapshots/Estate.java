package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a snapshot sweep reads at its start: the region's disks, the instances each instance-selecting
 * plan selects, and the plans' snapshots in the region and in every copy region.
 *
 * @param instancesByPlan plan name → the instances it selects (instance-selecting plans only)
 * @param snapshots       the region's snapshots carrying {@link SnapshotTags#PLAN}
 * @param copiesByRegion  copy region → its snapshots carrying {@link SnapshotTags#PLAN}
 */
record Estate(String region, List<Disk> disks, Map<String, List<Instance>> instancesByPlan, List<Snapshot> snapshots,
              Map<String, List<Snapshot>> copiesByRegion) {
    Estate {
        disks = List.copyOf(disks);
        instancesByPlan = Map.copyOf(instancesByPlan);
        snapshots = List.copyOf(snapshots);
        copiesByRegion = Map.copyOf(copiesByRegion);
    }

    /** The snapshots read here and in the copy regions: those carrying {@link SnapshotTags#PLAN}, of any plan. */
    int managedCount() {
        return snapshots.size() + copiesByRegion.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The snapshots {@code plans} manage here and in the copy regions, those carrying one of their names: the base of the
     * blast radius's percent. Other plans' snapshots (a retired plan's, another deployment's) carry the plan tag too and
     * are read with them, but this run never deletes them, so they must not widen what it may delete.
     */
    int managedBy(Set<String> plans) {
        return (int) Stream.concat(snapshots.stream(), copiesByRegion.values().stream().flatMap(List::stream))
                .filter(s -> s.tags().get(SnapshotTags.PLAN).filter(plans::contains).isPresent()).count();
    }
}
