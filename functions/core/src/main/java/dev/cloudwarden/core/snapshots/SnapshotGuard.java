package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.policy.SnapshotLifecyclePolicy.BlastRadius;
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
    static Optional<String> check(Agenda agenda, int managed, boolean sweep, BlastRadius limit) {
        long deletions = agenda.deletions();
        if (deletions == 0) {
            return Optional.empty();
        }
        if (deletions > limit.maxDeletions()) {
            return Optional.of("blast radius exceeded: the plan deletes " + deletions + " snapshots, more than blastRadius.maxDeletions "
                    + limit.maxDeletions() + "; no snapshot was deleted");
        }
        if (sweep && limit.maxPercent().isPresent() && deletions * 100 > (long) limit.maxPercent().getAsInt() * managed) {
            return Optional.of("blast radius exceeded: the plan deletes " + deletions + " of the " + managed + " snapshots the plans manage ("
                    + deletions * 100 / managed + " %), more than blastRadius.maxPercent " + limit.maxPercent().getAsInt()
                    + " %; no snapshot was deleted");
        }
        return Optional.empty();
    }
}
