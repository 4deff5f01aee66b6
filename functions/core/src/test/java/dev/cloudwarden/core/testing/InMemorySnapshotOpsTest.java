package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.api.contract.DiskEstate;
import dev.cloudwarden.api.contract.SnapshotOpsContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The in-memory cloud keeps {@link SnapshotOpsContract}, so that what the engine's tests show over it holds on every cloud. */
class InMemorySnapshotOpsTest extends SnapshotOpsContract {
    private static final String OTHER_REGION = "us-west-2";

    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected DiskEstate createEstate() {
        return new MemoryDisks(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Disks, instances and snapshots put into the in-memory cloud directly. */
    private static final class MemoryDisks implements DiskEstate {
        private static final Instant CREATED = Instant.parse("2025-06-01T00:00:00Z");

        private final InMemoryCloud cloud;
        private int made;

        MemoryDisks(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public String otherRegion() {
            return OTHER_REGION;
        }

        @Override
        public String disk(Map<String, String> tags) {
            String id = "vol-" + ++made;
            cloud.put(disk(id, tags, List.of()));
            return id;
        }

        @Override
        public SeededInstance instance(Map<String, String> tags, int dataDisks) {
            String id = "i-" + ++made;
            String boot = "vol-" + ++made;
            List<String> data = new ArrayList<>();
            for (int i = 0; i < dataDisks; i++) {
                data.add("vol-" + ++made);
            }
            cloud.put(disk(boot, Map.of(), List.of(id)));
            data.forEach(disk -> cloud.put(disk(disk, Map.of(), List.of(id))));
            List<String> all = new ArrayList<>(List.of(boot));
            all.addAll(data);
            cloud.put(new Instance(ref(cloud.region(), SnapshotPolicies.INSTANCE_TYPE, id, tags), boot, all));
            return new SeededInstance(id, boot, data);
        }

        @Override
        public void deleteDisk(String diskId) {
            cloud.removeDisk(diskId);
        }

        @Override
        public String snapshot(String region, Map<String, String> tags, String description) {
            String id = "snap-seeded-" + ++made;
            cloud.put(new Snapshot(ref(region, InMemoryCloud.SNAPSHOT_TYPE, id, tags), "vol-seeded-" + made, CREATED,
                    Snapshot.State.COMPLETED, description));
            return id;
        }

        @Override
        public void deleteSnapshot(String region, String snapshotId) {
            cloud.removeSnapshot(region, snapshotId);
        }

        @Override
        public Set<String> snapshotIds(String region) {
            return new LinkedHashSet<>(cloud.snapshotIdsIn(region));
        }

        @Override
        public Map<String, String> tagsOf(String region, String snapshotId) {
            return cloud.snapshot(region, snapshotId).tags().values();
        }

        @Override
        public void loseAnswersTo(SnapshotWrite write) {
            cloud.loseAnswerOfNext(switch (write) {
                case CREATE_SNAPSHOT -> InMemoryCloud.CREATE_SNAPSHOT;
                case CREATE_SNAPSHOT_SET -> InMemoryCloud.CREATE_SNAPSHOT_SET;
                case COPY_SNAPSHOT -> InMemoryCloud.COPY_SNAPSHOT;
            });
        }

        private Disk disk(String id, Map<String, String> tags, List<String> attachedTo) {
            return new Disk(ref(cloud.region(), SnapshotPolicies.VOLUME_TYPE, id, tags), 8, cloud.region() + "a", CREATED,
                    attachedTo);
        }

        private ResourceRef ref(String region, String type, String id, Map<String, String> tags) {
            return new ResourceRef(cloud.cloud(), Firewalls.ACCOUNT, region, type, id, "", Tags.of(tags));
        }
    }
}
