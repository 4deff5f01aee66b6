package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.patches.PatchBaselinesPolicy.BlastRadius;
import dev.cloudwarden.core.run.Guard;
import dev.cloudwarden.core.run.Verdict;
import java.util.Optional;

/** Refuses a plan that would change, or scan, more than the policy allows in one run: then nothing happens. */
final class PatchGuard implements Guard<Agenda> {
    private final BlastRadius limit;

    PatchGuard(BlastRadius limit) {
        this.limit = limit;
    }

    /** @param inScope the declared baselines and the managed instances the run read; the percent limit applies to sweeps only */
    @Override
    public Verdict check(Agenda agenda, int inScope, boolean sweep) {
        Optional<String> changes = limit.changes().refusal(agenda.changes(), "makes", "changes", inScope, sweep, "nothing was changed");
        if (changes.isPresent()) {
            return Verdict.refusedIf(changes);
        }
        return Verdict.refusedIf(agenda.scans() > limit.maxScans()
                ? Optional.of("blast radius exceeded: the plan scans " + agenda.scans() + " instances, more than blastRadius.maxScans "
                        + limit.maxScans() + "; nothing was changed")
                : Optional.empty());
    }
}
