package dev.cloudwarden.core.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The part of every operation's {@code blastRadius} that is the same everywhere: the most one run may change
 * ({@code maxChanges}: security groups changed, resources retagged or stopped, snapshots deleted, baseline writes and
 * instance tags), and on scheduled sweeps the most as a share of what is in scope ({@code maxPercent}). Beyond either
 * the run refuses its plan, so that a policy gone wrong stops instead of changing half an estate.
 *
 * @param maxPercent of what the run has in scope; applied to sweeps only, since an event names a few resources and
 *                   any change to one of them is most of that
 */
public record ChangeLimit(int maxChanges, OptionalInt maxPercent) {
    /** The one default of every operation, since a new user should not have to learn four. */
    public static final int DEFAULT_MAX_CHANGES = 50;
    public static final ChangeLimit DEFAULT = new ChangeLimit(DEFAULT_MAX_CHANGES, OptionalInt.empty());

    public ChangeLimit {
        Objects.requireNonNull(maxPercent, "maxPercent");
    }

    /**
     * Why a plan is refused, or empty when it may go ahead.
     *
     * @param changes what the plan would change, in {@code unit}s ("groups", "resources", "snapshots" …)
     * @param verb    what the plan does to them: "changes", "deletes"
     * @param inScope how many of them the run has in scope, the base of {@code maxPercent}
     * @param outcome what the refusal means, such as "nothing was changed"
     */
    public Optional<String> refusal(long changes, String verb, String unit, int inScope, boolean sweep, String outcome) {
        if (changes > maxChanges) {
            return Optional.of("blast radius exceeded: the plan " + verb + " " + changes + " " + unit + ", more than blastRadius.maxChanges "
                    + maxChanges + "; " + outcome);
        }
        if (sweep && maxPercent.isPresent() && changes > 0 && changes * 100 > (long) maxPercent.getAsInt() * inScope) {
            return Optional.of("blast radius exceeded: the plan " + verb + " " + changes + " of " + inScope + " " + unit + " ("
                    + changes * 100 / Math.max(1, inScope) + " %), more than blastRadius.maxPercent " + maxPercent.getAsInt() + " %; "
                    + outcome);
        }
        return Optional.empty();
    }
}
