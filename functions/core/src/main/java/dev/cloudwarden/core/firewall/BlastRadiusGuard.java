package dev.cloudwarden.core.firewall;

import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.run.Guard;
import dev.cloudwarden.core.run.Verdict;
import java.util.List;

/**
 * Refuses a plan that would change more groups than the policy allows in one run. The percent limit's base is the
 * groups in scope, exempt ones included; an event run sees one group, and any change to it is 100 %.
 */
final class BlastRadiusGuard implements Guard<List<FirewallAction>> {
    private final ChangeLimit limit;

    BlastRadiusGuard(ChangeLimit limit) {
        this.limit = limit;
    }

    @Override
    public Verdict check(List<FirewallAction> actions, int scanned, boolean sweep) {
        long groups = actions.stream().map(a -> a.group().id()).distinct().count();
        return Verdict.refusedIf(limit.refusal(groups, "changes", "groups", scanned, sweep, "nothing was changed"));
    }
}
