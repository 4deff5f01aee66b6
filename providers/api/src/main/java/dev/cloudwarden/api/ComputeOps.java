package dev.cloudwarden.api;

/** Actions on virtual machines that a policy may schedule (mark-for-op). */
public interface ComputeOps {
    /**
     * Stops one instance (AWS) or virtual machine (Azure, GCP). An instance already stopping or stopped
     * is a success; one that no longer exists is {@link CloudException.Kind#NOT_FOUND}.
     */
    void stop(ResourceRef instance);
}
