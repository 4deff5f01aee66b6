package dev.cloudwarden.api.contract;

import dev.cloudwarden.api.ResourceRef;

/**
 * Machines made, changed and read back in a cloud's own terms, for {@link ComputeOpsContract}: EC2 instances, Azure
 * virtual machines, GCP instances. Everything here goes around the provider under test.
 */
public interface ComputeEstate extends AutoCloseable {

    /** A new machine, running, in the provider's region: as the provider's other capabilities name it. */
    ResourceRef runningMachine();

    /** Stops the machine. */
    void stop(String machineId);

    /**
     * A machine the cloud does not have, in the form the provider's listings give: one made and deleted, or, where the
     * emulator cannot make a machine go away as the cloud does, an id of the cloud's form that no machine has.
     */
    ResourceRef missingMachine();

    /** Whether the machine is stopping or stopped now. */
    boolean isStoppingOrStopped(String machineId);

    @Override
    default void close() {
    }
}
