package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.run.Guard;
import dev.cloudwarden.core.run.Verdict;

/**
 * Withholds the deletions of a plan that would delete more snapshots than the policy allows in one run.
 * Only deletions are guarded: taking and copying snapshots protects data, and refusing them would make
 * a misjudged retention cost the next backup too. The percent limit's base is the snapshots the policy's plans manage
 * (carrying one of their names), here and in the copy regions.
 */
final class SnapshotGuard implements Guard<Agenda> {
    private final ChangeLimit limit;

    SnapshotGuard(ChangeLimit limit) {
        this.limit = limit;
    }

    @Override
    public Verdict check(Agenda agenda, int managed, boolean sweep) {
        return limit.refusal(agenda.deletions(), "deletes", "snapshots", managed, sweep, "no snapshot was deleted")
                .<Verdict>map(r -> new Verdict.Withheld(r, SnapshotAction.DELETE, "the deletions", "snapshots were still taken and copied"))
                .orElse(Verdict.GO_AHEAD);
    }
}
