package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.tags.TagCompliancePolicy.BlastRadius;
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
        long stops = changes.stream().filter(ResourcePlan::stop).count();
        if (stops > limit.maxStops()) {
            return Optional.of("blast radius exceeded: the plan stops " + stops + " instances, more than blastRadius.maxStops "
                    + limit.maxStops() + "; nothing was changed");
        }
        return limit.changes().refusal(changes.size(), "changes", "resources", scanned, sweep, "nothing was changed");
    }
}
