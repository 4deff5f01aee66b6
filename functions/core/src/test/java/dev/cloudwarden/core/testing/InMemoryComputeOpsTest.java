package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.api.contract.ComputeEstate;
import dev.cloudwarden.api.contract.ComputeOpsContract;

/** The in-memory cloud keeps {@link ComputeOpsContract}, so that what the engine's tests show over it holds on every cloud. */
class InMemoryComputeOpsTest extends ComputeOpsContract {
    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected ComputeEstate createEstate() {
        return new MemoryMachines(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Instances put into the in-memory cloud directly, as tagged resources. */
    private static final class MemoryMachines implements ComputeEstate {
        private final InMemoryCloud cloud;
        private int made;

        MemoryMachines(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public ResourceRef runningMachine() {
            ResourceRef machine = new ResourceRef(cloud.cloud(), Firewalls.ACCOUNT, cloud.region(), SnapshotPolicies.INSTANCE_TYPE,
                    "i-" + ++made, "", Tags.NONE);
            cloud.put(machine);
            return machine;
        }

        @Override
        public void stop(String machineId) {
            cloud.markStopped(machineId);
        }

        @Override
        public ResourceRef missingMachine() {
            ResourceRef machine = runningMachine();
            cloud.removeResource(machine.id());
            return machine;
        }

        @Override
        public boolean isStoppingOrStopped(String machineId) {
            return cloud.stopped().contains(machineId);
        }
    }
}
