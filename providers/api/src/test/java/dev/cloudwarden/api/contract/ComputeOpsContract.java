package dev.cloudwarden.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.ResourceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ComputeOps} must do on every cloud: stop a machine, succeed when it is stopped already (a retried run),
 * and say NOT_FOUND for one that is not there. A cloud's test extends it and says how to make machines there
 * ({@link ComputeEstate}) and how to connect its provider.
 */
public abstract class ComputeOpsContract {
    private ComputeEstate estate;
    private CloudProvider provider;
    private ComputeOps compute;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract ComputeEstate createEstate();

    /** A provider of the estate's cloud and region, offering compute. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectComputeContract() {
        estate = createEstate();
        provider = createProvider();
        compute = provider.compute().orElseThrow(() -> new AssertionError(provider.cloud() + " offers no compute"));
    }

    @AfterEach
    final void disconnectComputeContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final ComputeEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final ComputeOps compute() {
        return compute;
    }

    @Test
    void stopsARunningMachine_andOnlyThatOne() {
        ResourceRef machine = estate.runningMachine();
        ResourceRef other = estate.runningMachine();
        assertThat(estate.isStoppingOrStopped(machine.id())).isFalse();

        compute.stop(machine);

        assertThat(estate.isStoppingOrStopped(machine.id())).isTrue();
        assertThat(estate.isStoppingOrStopped(other.id())).isFalse();
    }

    @Test
    void stoppingAMachineStoppedAlready_isASuccess() {
        ResourceRef machine = estate.runningMachine();
        estate.stop(machine.id());

        compute.stop(machine);

        assertThat(estate.isStoppingOrStopped(machine.id())).isTrue();
    }

    @Test
    void stoppingTwice_asARetriedRunDoes_isASuccess() {
        ResourceRef machine = estate.runningMachine();

        compute.stop(machine);
        compute.stop(machine);

        assertThat(estate.isStoppingOrStopped(machine.id())).isTrue();
    }

    @Test
    void aMachineTheCloudDoesNotHave_isNotFound() {
        ResourceRef machine = estate.missingMachine();

        CloudException e = catchThrowableOfType(CloudException.class, () -> compute.stop(machine));

        assertThat(e).as("a stop of a machine that is not there fails").isNotNull();
        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isNotBlank();
    }
}
