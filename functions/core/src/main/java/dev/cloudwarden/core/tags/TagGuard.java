package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.policy.TagCompliancePolicy.BlastRadius;
import java.util.List;
import java.util.Optional;

/** Refuses a plan that would change more resources, or stop more instances, than the policy allows in one run. */
final class TagGuard {
    private TagGuard() {
    }

    /**
     * @param changes the plans that change something
     * @param scanned the resources in scope; the percent limit applies to sweeps only
     * @return why the plan is refused, or empty when it may go ahead
     */
    static Optional<String> check(List<ResourcePlan> changes, int scanned, boolean sweep, BlastRadius limit) {
        int changed = changes.size();
        long stops = changes.stream().filter(ResourcePlan::stop).count();
        if (stops > limit.maxStops()) {
            return Optional.of("blast radius exceeded: the plan stops " + stops + " instances, more than blastRadius.maxStops "
                    + limit.maxStops() + "; nothing was changed");
        }
        if (changed > limit.maxResources()) {
            return Optional.of("blast radius exceeded: the plan changes " + changed + " resources, more than blastRadius.maxResources "
                    + limit.maxResources() + "; nothing was changed");
        }
        if (sweep && changed > 0 && limit.maxPercent().isPresent() && (long) changed * 100 > (long) limit.maxPercent().getAsInt() * scanned) {
            return Optional.of("blast radius exceeded: the plan changes " + changed + " of " + scanned + " resources ("
                    + (changed * 100L / scanned) + " %), more than blastRadius.maxPercent " + limit.maxPercent().getAsInt()
                    + " %; nothing was changed");
        }
        return Optional.empty();
    }
}
