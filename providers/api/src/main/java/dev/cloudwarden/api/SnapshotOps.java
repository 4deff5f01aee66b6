package dev.cloudwarden.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Disks, the instances they are attached to, and their snapshots: read in bulk (one paged stream per
 * call), written one snapshot, or one instance's set of snapshots, at a time. Snapshots are read and
 * written in the provider's own region and, for disaster-recovery copies, in other regions.
 *
 * <p>Every create and copy applies its tags in the same call that makes the snapshot, and callers find what an
 * earlier attempt made by those tags (plan, volume, window). How a create is made safe to retry is each provider's,
 * in its cloud's terms: EC2's CreateSnapshot, CreateSnapshots and CopySnapshot take no idempotency token, so the AWS
 * provider never repeats a create or a copy whose answer it did not get (it retries only what the cloud refused
 * before doing anything, such as throttling, and otherwise reports the failure); a cloud that writes snapshots by
 * name (Azure's PUT) derives the name from those tags, so that a repeat is the same snapshot; one that takes a
 * request id (GCP) sends one derived the same way.
 *
 * <p>What a cloud's snapshots can do beyond one disk at a time differs: see {@link #features()}. Core asks, and
 * never calls what a cloud does not have.
 */
public interface SnapshotOps {

    /** What this cloud's snapshots can do: sets, cross-region copies, images that pin them. */
    SnapshotFeatures features();

    /**
     * @param snapshotSets       one call snapshots several disks of an instance at one moment, crash-consistent
     *                           (EC2 CreateSnapshots; Azure through VM restore points; none on GCP)
     * @param crossRegionCopy    a completed snapshot can be copied into another region (EC2 CopySnapshot, Azure
     *                           CopyStart); GCP has none: its snapshots are global and live in storage locations
     * @param imagesPinSnapshots an image can hold a snapshot that then cannot be deleted (EC2 AMIs); when false,
     *                           {@link #imageSnapshots} is never called
     * @param placementGroup     a plan may name the container its snapshots are created in (an Azure resource group)
     * @param placementLocations a plan may name where its snapshots' data is stored (GCP storage locations)
     */
    record SnapshotFeatures(boolean snapshotSets, boolean crossRegionCopy, boolean imagesPinSnapshots, boolean placementGroup,
                            boolean placementLocations) {
        /** EC2's snapshots: sets, cross-region copies, images that pin them; no placement, they live in their disk's region. */
        public static final SnapshotFeatures ALL = new SnapshotFeatures(true, true, true);

        /** Snapshots a plan cannot place: they live where their disk is. */
        public SnapshotFeatures(boolean snapshotSets, boolean crossRegionCopy, boolean imagesPinSnapshots) {
            this(snapshotSets, crossRegionCopy, imagesPinSnapshots, false, false);
        }
    }

    /** Every disk in the provider's region. */
    List<Disk> listDisks();

    /** These disks as they are now; ones that no longer exist are left out. */
    List<Disk> findDisks(Collection<String> diskIds);

    /** The instances in the provider's region carrying every one of these tags ({@code *}: any value), with their disks. */
    List<Instance> listInstances(Map<String, String> withTags);

    /** The account's own snapshots in {@code region} that carry the tag {@code tagKey}, whatever its value. */
    List<Snapshot> listSnapshots(String region, String tagKey);

    /** These snapshots of the account's in {@code region} as they are now; ones that no longer exist are left out. */
    List<Snapshot> findSnapshots(String region, Collection<String> snapshotIds);

    /**
     * The snapshots in {@code region} that back one of the account's own images (AMIs), each with the image
     * id: deleting one would break its image, so the cloud refuses it.
     */
    Map<String, String> imageSnapshots(String region);

    /** Starts a snapshot of one disk, tagged with {@code tags} in the same call. */
    Snapshot createSnapshot(Disk disk, Map<String, String> tags, String description);

    /**
     * Starts a snapshot of one disk where {@code placement} says, tagged with {@code tags} in the same call. A cloud that
     * places snapshots ({@link SnapshotFeatures}) overrides this; any other takes the default placement only.
     */
    default Snapshot createSnapshot(Disk disk, SnapshotPlacement placement, Map<String, String> tags, String description) {
        requireDefault(placement);
        return createSnapshot(disk, tags, description);
    }

    /**
     * Starts snapshots of several disks of one instance, taken at the same moment (crash-consistent), all
     * tagged with {@code tags} in the same call: every attached disk, without the boot disk unless
     * {@code includeBootDisk}. Only where {@link SnapshotFeatures#snapshotSets()}.
     */
    List<Snapshot> createSnapshotSet(Instance instance, boolean includeBootDisk, Map<String, String> tags, String description);

    /** {@link #createSnapshotSet} where {@code placement} says; see {@link #createSnapshot(Disk, SnapshotPlacement, Map, String)}. */
    default List<Snapshot> createSnapshotSet(Instance instance, boolean includeBootDisk, SnapshotPlacement placement,
                                             Map<String, String> tags, String description) {
        requireDefault(placement);
        return createSnapshotSet(instance, includeBootDisk, tags, description);
    }

    /** A cloud whose snapshots live where their disk is cannot honour a placement: a programming error, not a cloud's. */
    private static void requireDefault(SnapshotPlacement placement) {
        if (!placement.isDefault()) {
            throw new UnsupportedOperationException("this cloud's snapshots live where their disk is: no placement " + placement);
        }
    }

    /**
     * Starts a copy of a completed snapshot into {@code toRegion}, tagged with {@code tags} in the same call,
     * encrypted with {@code encryptionKey} when given (a KMS key id or ARN of that region). Only where
     * {@link SnapshotFeatures#crossRegionCopy()}.
     */
    Snapshot copySnapshot(Snapshot source, String toRegion, Optional<String> encryptionKey, Map<String, String> tags,
                          String description);

    /** Adds {@code tags} to these snapshots in {@code region}, overwriting values of the same keys; batched. */
    TagWriteResult tagSnapshots(String region, List<String> snapshotIds, Map<String, String> tags);

    /**
     * Deletes one snapshot. Returns false when it was already gone (a retried run converges). A snapshot
     * an image still uses is refused with {@link CloudException.Kind#CONFLICT}.
     */
    boolean deleteSnapshot(String region, String snapshotId);
}
