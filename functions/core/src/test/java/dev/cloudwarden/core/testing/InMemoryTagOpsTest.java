package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.api.contract.TagOpsContract;
import dev.cloudwarden.api.contract.TaggedEstate;
import java.util.Map;

/** The in-memory cloud keeps {@link TagOpsContract}, so that what the engine's tests show over it holds on every cloud. */
class InMemoryTagOpsTest extends TagOpsContract {
    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected TaggedEstate createEstate() {
        return new MemoryResources(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Volumes put into the in-memory cloud directly, as tagged resources. */
    private static final class MemoryResources implements TaggedEstate {
        private final InMemoryCloud cloud;
        private int made;

        MemoryResources(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public String type() {
            return SnapshotPolicies.VOLUME_TYPE;
        }

        @Override
        public String resource(Map<String, String> tags) {
            String id = "vol-" + ++made;
            cloud.put(new ResourceRef(cloud.cloud(), Firewalls.ACCOUNT, cloud.region(), type(), id, "", Tags.of(tags)));
            return id;
        }

        @Override
        public void delete(String id) {
            cloud.removeResource(id);
        }

        @Override
        public Map<String, String> tagsOf(String id) {
            return cloud.tagsOf(id);
        }
    }
}
