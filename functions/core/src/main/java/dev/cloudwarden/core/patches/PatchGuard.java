package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.patches.PatchBaselinesPolicy.BlastRadius;
import java.util.Optional;

/** Refuses a plan that would change, or scan, more than the policy allows in one run: then nothing happens. */
final class PatchGuard {
    private PatchGuard() {
    }

    /** @param inScope the declared baselines and the managed instances the run read; the percent limit applies to sweeps only */
    static Optional<String> check(Agenda agenda, int inScope, boolean sweep, BlastRadius limit) {
        Optional<String> changes = limit.changes().refusal(agenda.changes(), "makes", "changes", inScope, sweep, "nothing was changed");
        if (changes.isPresent()) {
            return changes;
        }
        if (agenda.scans() > limit.maxScans()) {
            return Optional.of("blast radius exceeded: the plan scans " + agenda.scans() + " instances, more than blastRadius.maxScans "
                    + limit.maxScans() + "; nothing was changed");
        }
        return Optional.empty();
    }
}
