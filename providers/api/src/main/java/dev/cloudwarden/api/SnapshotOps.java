package dev.cloudwarden.api;

import java.util.List;

/** Disks and their snapshots. Implemented per cloud in the snapshot-lifecycle issue. */
public interface SnapshotOps {
    List<Disk> listDisks();

    List<Snapshot> listSnapshots(String diskId);

    /** Creates a snapshot tagged with {@code tags}; {@code idempotencyKey} makes a retry return the same one. */
    Snapshot createSnapshot(String diskId, Tags tags, String idempotencyKey);

    void deleteSnapshot(String snapshotId);
}
