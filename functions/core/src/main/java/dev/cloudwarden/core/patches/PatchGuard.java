package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.policy.PatchBaselinesPolicy.BlastRadius;
import java.util.Optional;

/** Refuses a plan that would change, or scan, more than the policy allows in one run: then nothing happens. */
final class PatchGuard {
    private PatchGuard() {
    }

    static Optional<String> check(Agenda agenda, BlastRadius limit) {
        if (agenda.changes() > limit.maxChanges()) {
            return Optional.of("blast radius exceeded: the plan makes " + agenda.changes() + " changes, more than blastRadius.maxChanges "
                    + limit.maxChanges() + "; nothing was changed");
        }
        if (agenda.scans() > limit.maxScans()) {
            return Optional.of("blast radius exceeded: the plan scans " + agenda.scans() + " instances, more than blastRadius.maxScans "
                    + limit.maxScans() + "; nothing was changed");
        }
        return Optional.empty();
    }
}
