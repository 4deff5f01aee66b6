package dev.cloudwarden.core.firewall;

import dev.cloudwarden.core.policy.FirewallAuditPolicy.BlastRadius;
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
    static Optional<String> check(List<FirewallAction> actions, int scanned, boolean sweep, BlastRadius limit) {
        long groups = actions.stream().map(a -> a.group().id()).distinct().count();
        if (groups == 0) {
            return Optional.empty();
        }
        if (limit.maxGroups().isPresent() && groups > limit.maxGroups().getAsInt()) {
            return Optional.of("blast radius exceeded: the plan changes " + groups + " groups, more than blastRadius.maxGroups "
                    + limit.maxGroups().getAsInt() + "; nothing was changed");
        }
        if (sweep && limit.maxPercent().isPresent() && groups * 100 > (long) limit.maxPercent().getAsInt() * scanned) {
            return Optional.of("blast radius exceeded: the plan changes " + groups + " of " + scanned + " groups ("
                    + (groups * 100 / scanned) + " %), more than blastRadius.maxPercent " + limit.maxPercent().getAsInt()
                    + " %; nothing was changed");
        }
        return Optional.empty();
    }
}
