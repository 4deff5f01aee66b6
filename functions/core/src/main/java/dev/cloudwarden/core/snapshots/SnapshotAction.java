package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.schedule.Window;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One change a snapshot run plans, tied to the finding that reports it. */
sealed interface SnapshotAction {
    String CREATE = "create-snapshot";
    String CREATE_SET = "create-snapshot-set";
    String TAG = "tag-snapshot";
    String COPY = "copy-snapshot";
    String DELETE = "delete-snapshot";

    String findingId();

    /** What {@link Delete#onlyAfter} waits for: that this run made a snapshot (or copy) of {@code volume} in {@code region}. */
    static String made(String volume, String region) {
        return volume + "@" + region;
    }

    /** Whether the action destroys anything; only those count against the blast radius. */
    default boolean destructive() {
        return this instanceof Delete;
    }

    /**
     * Snapshot one disk for the window, every tag given in the same call.
     *
     * @param copyWhenCompleted the plan's copy targets: the new snapshot is copied as soon as it is completed
     */
    record Create(String findingId, Plan plan, Window window, Disk disk, Map<String, String> tags, String description,
                  List<CopyTarget> copyWhenCompleted) implements SnapshotAction {
        public Create {
            tags = Map.copyOf(tags);
            copyWhenCompleted = List.copyOf(copyWhenCompleted);
        }
    }

    /**
     * Snapshot an instance's disks together for the window. The set's own tags go in the same call; each
     * snapshot then gets its volume's tags ({@code tagsByDisk}), in a second call that a retried run repeats
     * when it did not happen.
     */
    record CreateSet(String findingId, Plan plan, Window window, Instance instance, boolean includeBootDisk,
                     Map<String, String> tags, Map<String, Map<String, String>> tagsByDisk, String description,
                     List<CopyTarget> copyWhenCompleted) implements SnapshotAction {
        public CreateSet {
            tags = Map.copyOf(tags);
            tagsByDisk = Map.copyOf(tagsByDisk);
            copyWhenCompleted = List.copyOf(copyWhenCompleted);
        }
    }

    /** Add the tags a snapshot of this window should carry and does not (the second call of a set that did not happen). */
    record Tag(String findingId, String region, String snapshotId, Map<String, String> tags) implements SnapshotAction {
        public Tag {
            tags = Map.copyOf(tags);
        }
    }

    /** Copy a completed snapshot of {@code volume} to a disaster-recovery region, its tags given in the same call. */
    record Copy(String findingId, Snapshot source, String volume, CopyTarget target, Map<String, String> tags, String description)
            implements SnapshotAction {
        public Copy {
            tags = Map.copyOf(tags);
        }
    }

    /**
     * Delete a snapshot the plan owns and no longer keeps.
     *
     * @param onlyAfter set when only the snapshot this run makes pushes this one out of the retention
     *                  ({@link #made}): the deletion happens only if the run made it
     */
    record Delete(String findingId, Snapshot snapshot, Optional<String> onlyAfter) implements SnapshotAction {
    }
}
