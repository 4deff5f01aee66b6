package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.run.Guard;
import dev.cloudwarden.core.run.Verdict;
import dev.cloudwarden.core.tags.TagCompliancePolicy.BlastRadius;
import java.util.List;

/**
 * Refuses a plan that would change more resources, or stop more instances, than the policy allows in one run. It judges
 * the plans that change something; the percent limit's base is the resources in scope.
 */
final class TagGuard implements Guard<List<ResourcePlan>> {
    private final BlastRadius limit;

    TagGuard(BlastRadius limit) {
        this.limit = limit;
    }

    @Override
    public Verdict check(List<ResourcePlan> changes, int scanned, boolean sweep) {
        long stops = changes.stream().filter(ResourcePlan::stop).count();
        if (stops > limit.maxStops()) {
            return new Verdict.Refused("blast radius exceeded: the plan stops " + stops + " instances, more than blastRadius.maxStops "
                    + limit.maxStops() + "; nothing was changed");
        }
        return Verdict.refusedIf(limit.changes().refusal(changes.size(), "changes", "resources", scanned, sweep, "nothing was changed"));
    }
}
