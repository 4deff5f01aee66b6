package dev.cloudwarden.api.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Machines a patch service manages, their last assessment, and the scans started, set up and read back in a cloud's
 * own terms, for {@link PatchComplianceContract}: SSM managed nodes and patch states, Azure Update Manager assessments, GCP OS
 * Config. Everything here goes around the provider under test.
 */
public interface PatchEstate extends AutoCloseable {

    /** A new machine of this platform, with these tags, which the patch service manages; returns its id. */
    String managedMachine(Platform platform, Map<String, String> tags, boolean agentOnline);

    /** A new machine the patch service does not manage (no agent, or not registered); returns its id. */
    String unmanagedMachine();

    /** Records the machine's last assessment, as the patch service reports it for {@code group}. */
    void assessed(String machineId, String group, Assessment assessment);

    /** Every patch operation started on the estate's machines so far, in any order. */
    List<StartedScan> scans();

    @Override
    default void close() {
    }

    /** The operating system family of a machine. */
    enum Platform { LINUX, WINDOWS }

    /** What an assessment counted on one machine: patches installed, missing, failed, and missing by severity. */
    record Assessment(Instant finishedAt, int installed, int missing, int failed, int criticalMissing, int securityMissing) {
        public Assessment {
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }

    /**
     * One patch operation as it was started.
     *
     * @param installs true when it may install patches, not only assess them
     */
    record StartedScan(String id, Set<String> machineIds, String maxConcurrency, String maxErrors, boolean installs) {
        public StartedScan {
            Objects.requireNonNull(id, "id");
            machineIds = Set.copyOf(machineIds);
        }
    }
}
