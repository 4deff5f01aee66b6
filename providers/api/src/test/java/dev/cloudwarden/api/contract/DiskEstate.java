package dev.cloudwarden.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Disks, machines and snapshots made and read back in a cloud's own terms, for {@link SnapshotOpsContract}: EBS
 * volumes and snapshots, Azure managed disks, GCP persistent disks. Everything here goes around the provider under
 * test. The provider's region is the home region; {@link #otherRegion()} is a second one of the same account.
 */
public interface DiskEstate extends AutoCloseable {

    /** A second region of the same account, where copies go and where the provider reads when asked to. */
    String otherRegion();

    /** A new disk in the home region, attached to nothing, with these tags (none when empty); returns its id. */
    String disk(Map<String, String> tags);

    /**
     * A new machine in the home region with these tags, the disk it boots from, and {@code dataDisks} more disks
     * attached to it.
     */
    SeededInstance instance(Map<String, String> tags, int dataDisks);

    /** Deletes a disk that is attached to nothing. */
    void deleteDisk(String diskId);

    /**
     * A snapshot, completed, of a new disk in {@code region}, with these tags and this description; returns its id.
     */
    String snapshot(String region, Map<String, String> tags, String description);

    /** Deletes a snapshot. */
    void deleteSnapshot(String region, String snapshotId);

    /** The ids of every snapshot of the account in {@code region} now. */
    Set<String> snapshotIds(String region);

    /** The tags one snapshot of {@code region} has now. */
    Map<String, String> tagsOf(String region, String snapshotId);

    /**
     * From now on a call of {@code write} reaches the cloud and does its work, but its answer is lost on the way back
     * (a connection reset once the cloud has acted), and so is the answer to any resend of it.
     */
    void loseAnswersTo(SnapshotWrite write);

    @Override
    default void close() {
    }

    /** The snapshot writes that are not safe to send twice: each makes a new snapshot. */
    enum SnapshotWrite { CREATE_SNAPSHOT, CREATE_SNAPSHOT_SET, COPY_SNAPSHOT }

    /** A machine and its disks as they were made. */
    record SeededInstance(String id, String bootDiskId, List<String> dataDiskIds) {
        public SeededInstance {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(bootDiskId, "bootDiskId");
            dataDiskIds = List.copyOf(dataDiskIds);
        }
    }
}
