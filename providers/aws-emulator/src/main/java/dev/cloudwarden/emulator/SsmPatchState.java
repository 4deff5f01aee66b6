package dev.cloudwarden.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The patch state of one managed node, as {@code DescribeInstancePatchStates} reports it after a patching
 * operation: which baseline and patch group it was measured against, the model's counters, and the last
 * operation. A test sets it on the {@link SsmGapServer}; what compliance the counters mean is the code under
 * test's to decide, not this record's.
 *
 * @param operation    {@code Scan} or {@code Install}
 * @param rebootOption {@code RebootIfNeeded} or {@code NoReboot}; null leaves it out
 * @param snapshotId   the patching snapshot's id (a UUID) or null
 * @param ownerInformation free text or null
 * @param lastNoRebootInstallOperationTime the last {@code Install} with {@code NoReboot}, or null
 */
public record SsmPatchState(String instanceId, String patchGroup, String baselineId, Counts counts, String operation,
                         Instant operationStartTime, Instant operationEndTime, String rebootOption, String snapshotId,
                         String ownerInformation, Instant lastNoRebootInstallOperationTime) {
    public static final List<String> OPERATIONS = List.of("Scan", "Install");
    public static final List<String> REBOOT_OPTIONS = List.of("RebootIfNeeded", "NoReboot");
    /** AWS-RunPatchBaseline's default reboot option. */
    public static final String DEFAULT_REBOOT_OPTION = "RebootIfNeeded";

    private static final Pattern SNAPSHOT_ID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public SsmPatchState {
        Objects.requireNonNull(instanceId, "instanceId");
        if (!SsmManagedInstance.INSTANCE_ID.matcher(instanceId).find()) {
            throw new IllegalArgumentException("not an SSM instance id (i-… or mi-…): " + instanceId);
        }
        if (patchGroup == null || patchGroup.isEmpty() || patchGroup.length() > 256) {
            throw new IllegalArgumentException("patchGroup must have 1 to 256 characters: " + patchGroup);
        }
        if (baselineId == null || !PatchBaselineContent.BASELINE_ID.matcher(baselineId).find()) {
            throw new IllegalArgumentException("not a patch baseline id: " + baselineId);
        }
        Objects.requireNonNull(counts, "counts");
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("operation is one of " + OPERATIONS + ", not " + operation);
        }
        Objects.requireNonNull(operationStartTime, "operationStartTime");
        Objects.requireNonNull(operationEndTime, "operationEndTime");
        if (operationEndTime.isBefore(operationStartTime)) {
            throw new IllegalArgumentException("the operation ends (" + operationEndTime + ") before it starts (" + operationStartTime + ")");
        }
        if (rebootOption != null && !REBOOT_OPTIONS.contains(rebootOption)) {
            throw new IllegalArgumentException("rebootOption is one of " + REBOOT_OPTIONS + ", not " + rebootOption);
        }
        if (snapshotId != null && !SNAPSHOT_ID.matcher(snapshotId).find()) {
            throw new IllegalArgumentException("snapshotId is a UUID, not " + snapshotId);
        }
    }

    /**
     * The state after an operation that ended at {@code operationEnd}. It is taken to have started then too (the
     * model wants both times, a test rarely cares about the duration); reboot option {@link #DEFAULT_REBOOT_OPTION}.
     */
    public static SsmPatchState of(String instanceId, String patchGroup, String baselineId, Counts counts, String operation,
                                Instant operationEnd) {
        return new SsmPatchState(instanceId, patchGroup, baselineId, counts, operation, operationEnd, operationEnd,
                DEFAULT_REBOOT_OPTION, null, null, null);
    }

    /**
     * The model's counters of {@code InstancePatchState}, each zero or more. Start from {@link #none()} and set
     * the ones a test needs: {@code Counts.none().withInstalled(12).withMissing(2)}.
     */
    public record Counts(int installed, int installedOther, int installedPendingReboot, int installedRejected,
                         int missing, int failed, int notApplicable, int unreportedNotApplicable,
                         int criticalNonCompliant, int securityNonCompliant, int otherNonCompliant,
                         int availableSecurityUpdate) {
        public Counts {
            int[] all = {installed, installedOther, installedPendingReboot, installedRejected, missing, failed,
                    notApplicable, unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant,
                    availableSecurityUpdate};
            for (int count : all) {
                if (count < 0) {
                    throw new IllegalArgumentException("patch counts are zero or more: " + java.util.Arrays.toString(all));
                }
            }
        }

        public static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        public Counts withInstalled(int n) {
            return new Counts(n, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withInstalledOther(int n) {
            return new Counts(installed, n, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withInstalledPendingReboot(int n) {
            return new Counts(installed, installedOther, n, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withInstalledRejected(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, n, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withMissing(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, n, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withFailed(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, n, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withNotApplicable(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, n,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withUnreportedNotApplicable(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    n, criticalNonCompliant, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withCriticalNonCompliant(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, n, securityNonCompliant, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withSecurityNonCompliant(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, n, otherNonCompliant, availableSecurityUpdate);
        }

        public Counts withOtherNonCompliant(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, n, availableSecurityUpdate);
        }

        public Counts withAvailableSecurityUpdate(int n) {
            return new Counts(installed, installedOther, installedPendingReboot, installedRejected, missing, failed, notApplicable,
                    unreportedNotApplicable, criticalNonCompliant, securityNonCompliant, otherNonCompliant, n);
        }
    }
}
