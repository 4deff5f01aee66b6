package dev.cloudwarden.core.run;

/**
 * Judges a plan against the blast radius its policy allows one run, before anything is changed. Pure: it reads the plan
 * and counts, and calls nothing.
 *
 * @param <P> what the operation plans: its actions, or the agenda that holds them
 */
@FunctionalInterface
public interface Guard<P> {
    /**
     * @param inScope how many of what the limit counts the run has in scope, the base of a percent limit
     * @param sweep   whether the run covers the region; a percent limit applies to sweeps only, since an event names a
     *                few resources and any change to one of them is most of that
     */
    Verdict check(P plan, int inScope, boolean sweep);
}
