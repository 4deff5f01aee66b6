package dev.cloudwarden.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a plan's snapshots are kept, on a cloud that lets a plan say so ({@link SnapshotOps.SnapshotFeatures#placementGroup()},
 * {@link SnapshotOps.SnapshotFeatures#placementLocations()}); left empty, the cloud's default. EBS snapshots live in
 * their disk's region and take neither.
 *
 * @param group     the container a snapshot is created in: an Azure resource group (default: the disk's own)
 * @param locations where a snapshot's data is stored: GCP storage locations such as {@code eu} or {@code us-central1}
 *                  (default: the multi-region nearest the disk)
 */
public record SnapshotPlacement(Optional<String> group, List<String> locations) {
    /** The cloud's default: where the disk is. */
    public static final SnapshotPlacement DEFAULT = new SnapshotPlacement(Optional.empty(), List.of());

    public SnapshotPlacement {
        group = Objects.requireNonNullElse(group, Optional.empty());
        locations = List.copyOf(locations);
    }

    /** True when the plan names no place: the cloud's default. */
    public boolean isDefault() {
        return group.isEmpty() && locations.isEmpty();
    }
}
