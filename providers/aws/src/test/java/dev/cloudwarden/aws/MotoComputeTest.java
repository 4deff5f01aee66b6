package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ComputeOps} against moto server; the instance's state is read back through EC2 itself. What every cloud must
 * do is {@link dev.cloudwarden.api.contract.ComputeOpsContract} ({@link MotoComputeOpsTest}); this class holds what EC2
 * adds: ARNs, error codes, one call a stop.
 */
@ExtendWith(MotoExtension.class)
class MotoComputeTest {
    private final MotoServer moto;
    private ResourceEstate estate;
    private CloudProvider provider;
    private ComputeOps compute;

    MotoComputeTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new ResourceEstate(moto.endpoint());
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
        compute = provider.compute().orElseThrow();
    }

    @AfterEach
    void disconnect() {
        provider.close();
        estate.close();
    }

    @Test
    void stopsARunningInstance_withOneCall() {
        String id = estate.instance(Map.of());
        assertThat(estate.instanceState(id)).isEqualTo("running");

        compute.stop(instance(id));

        assertThat(estate.instanceState(id)).isIn("stopping", "stopped");
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:StopInstances", 1L));
    }

    @Test
    void stopsAnInstanceNamedByItsArn() {
        String id = estate.instance(Map.of());

        compute.stop(instance(estate.ec2Arn(id)));

        assertThat(estate.instanceState(id)).isIn("stopping", "stopped");
    }

    @Test
    void anInstanceThatDoesNotExist_isNotFound_namingTheCallAndCode() {
        CloudException e = catchThrowableOfType(CloudException.class, () -> compute.stop(instance("i-0000000000000dead")));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isEqualTo("ec2:StopInstances");
        assertThat(e.nativeCode()).isEqualTo("InvalidInstanceID.NotFound");
    }

    private static ResourceRef instance(String id) {
        return new ResourceRef(CloudId.AWS, "", ResourceEstate.REGION, "ec2:instance", id, "", null);
    }
}
