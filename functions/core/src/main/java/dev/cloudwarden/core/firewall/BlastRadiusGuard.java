package dev.cloudwarden.core.firewall;

import dev.cloudwarden.core.policy.ChangeLimit;
import java.util.List;
import java.util.Optional;

/** Refuses a plan that would change more groups than the policy allows in one run. */
final class BlastRadiusGuard {
    private BlastRadiusGuard() {
    }

    /**
     * @param scanned the groups in scope; the percent limit is not applied when {@code sweep} is false,
     *                since an event run sees one group and any change to it is 100 %
     * @return why the plan is refused, or empty when it may go ahead
     */
    static Optional<String> check(List<FirewallAction> actions, int scanned, boolean sweep, ChangeLimit limit) {
        long groups = actions.stream().map(a -> a.group().id()).distinct().count();
        return limit.refusal(groups, "changes", "groups", scanned, sweep, "nothing was changed");
    }
}
