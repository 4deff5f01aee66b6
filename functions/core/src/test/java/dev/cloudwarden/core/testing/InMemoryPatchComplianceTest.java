package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.api.contract.PatchEstate;
import dev.cloudwarden.api.contract.PatchComplianceContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The in-memory cloud keeps {@link PatchComplianceContract}, so that what the engine's tests show over it holds on every cloud. */
class InMemoryPatchComplianceTest extends PatchComplianceContract {
    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected PatchEstate createEstate() {
        return new MemoryPatching(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Managed instances and patch states put into the in-memory cloud directly; its scans as it recorded them. */
    private static final class MemoryPatching implements PatchEstate {
        private final InMemoryCloud cloud;
        private int made;

        MemoryPatching(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public String managedMachine(Platform platform, Map<String, String> tags, boolean agentOnline) {
            ResourceRef machine = machine(tags);
            String family = platform == Platform.LINUX ? "Linux" : "Windows";
            cloud.put(new ManagedInstance(machine, family, family, agentOnline, Optional.empty()));
            return machine.id();
        }

        @Override
        public String unmanagedMachine() {
            ResourceRef machine = machine(Map.of());
            cloud.put(machine);
            return machine.id();
        }

        @Override
        public void assessed(String machineId, String group, Assessment assessment) {
            cloud.put(new PatchState(machineId, group, "pb-1", "Scan", assessment.finishedAt(), assessment.installed(), 0,
                    assessment.missing(), assessment.failed(), assessment.criticalMissing(), assessment.securityMissing(), 0));
        }

        @Override
        public List<StartedScan> scans() {
            return cloud.scans().stream().map(scan -> new StartedScan(scan.commandId(), Set.copyOf(scan.instanceIds()),
                    scan.maxConcurrency(), scan.maxErrors(), false)).toList();
        }

        private ResourceRef machine(Map<String, String> tags) {
            return new ResourceRef(cloud.cloud(), Firewalls.ACCOUNT, cloud.region(), PatchPolicies.INSTANCE_TYPE, "i-" + ++made,
                    "", Tags.of(tags));
        }
    }
}
