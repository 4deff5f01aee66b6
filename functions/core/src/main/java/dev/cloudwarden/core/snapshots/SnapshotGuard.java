package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.policy.ChangeLimit;
import java.util.Optional;

/**
 * Refuses the deletions of a plan that would delete more snapshots than the policy allows in one run.
 * Only deletions are guarded: taking and copying snapshots protects data, and refusing them would make
 * a misjudged retention cost the next backup too.
 */
final class SnapshotGuard {
    private SnapshotGuard() {
    }

    /**
     * @param managed the snapshots the policy's plans manage (carrying one of their names), here and in the copy regions;
     *                the percent limit applies to sweeps only
     * @return why the deletions are refused, or empty when they may go ahead
     */
    static Optional<String> check(Agenda agenda, int managed, boolean sweep, ChangeLimit limit) {
        return limit.refusal(agenda.deletions(), "deletes", "snapshots", managed, sweep, "no snapshot was deleted");
    }
}
