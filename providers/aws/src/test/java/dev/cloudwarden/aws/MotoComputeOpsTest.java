package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.contract.ComputeEstate;
import dev.cloudwarden.api.contract.ComputeOpsContract;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ComputeOpsContract} against moto server, through the real SDK clients, on EC2 instances; their state is read
 * back with DescribeInstances ({@link ResourceEstate#instanceState}).
 */
@ExtendWith(MotoExtension.class)
class MotoComputeOpsTest extends ComputeOpsContract {
    private final MotoServer moto;

    MotoComputeOpsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected ComputeEstate createEstate() {
        return new Instances(new ResourceEstate(moto.endpoint()));
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
    }

    /** {@link ComputeEstate} in EC2's terms: instances of the estate's own AMI, named by their short ids. */
    private record Instances(ResourceEstate ec2) implements ComputeEstate {
        @Override
        public ResourceRef runningMachine() {
            return new ResourceRef(CloudId.AWS, ec2.account(), ResourceEstate.REGION, "ec2:instance", ec2.instance(Map.of()), "", null);
        }

        @Override
        public void stop(String machineId) {
            ec2.stopInstance(machineId);
        }

        /** An id no instance has: moto keeps a terminated instance and stops it (AwsComputeWireMockTest shows EC2's refusal). */
        @Override
        public ResourceRef missingMachine() {
            return new ResourceRef(CloudId.AWS, ec2.account(), ResourceEstate.REGION, "ec2:instance", "i-0000000000000dead", "", null);
        }

        @Override
        public boolean isStoppingOrStopped(String machineId) {
            return Set.of("stopping", "stopped").contains(ec2.instanceState(machineId));
        }

        @Override
        public void close() {
            ec2.close();
        }
    }
}
