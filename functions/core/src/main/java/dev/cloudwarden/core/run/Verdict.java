package dev.cloudwarden.core.run;

import java.util.Objects;
import java.util.Optional;

/**
 * A guard's answer to a plan: it may go ahead, it is refused whole, or the actions of one kind are withheld while the
 * others go ahead. The run pipeline reads it three times: the dry-run shows it in each planned finding, a refusal
 * skips what it refuses, and the run's status says it.
 */
public sealed interface Verdict {
    Verdict GO_AHEAD = new GoAhead();

    /** Refused whole for the reason given, or free to go ahead when there is none: what {@code ChangeLimit} answers. */
    static Verdict refusedIf(Optional<String> refusal) {
        return refusal.<Verdict>map(Refused::new).orElse(GO_AHEAD);
    }

    /** Why the actions of {@code kind} (a finding action kind) may not be carried out, or empty when they may. */
    Optional<String> refusalOf(String kind);

    /** Nothing in the plan goes beyond the limits. */
    record GoAhead() implements Verdict {
        @Override
        public Optional<String> refusalOf(String kind) {
            return Optional.empty();
        }
    }

    /** Nothing is done: every planned finding is skipped with the reason, and the run is refused. */
    record Refused(String reason) implements Verdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<String> refusalOf(String kind) {
            return Optional.of(reason);
        }
    }

    /**
     * The actions of one kind are refused and the others go ahead, such as the snapshot lifecycle's deletions: taking
     * and copying snapshots protects data, and refusing them would make a misjudged retention cost the next backup too.
     * The run is refused all the same, since its plan was.
     *
     * @param kind      the finding action kind withheld, such as {@code delete-snapshot}
     * @param what      how a dry-run names the withheld actions: "the deletions"
     * @param stillDone what the refused run did all the same: "snapshots were still taken and copied"
     */
    record Withheld(String reason, String kind, String what, String stillDone) implements Verdict {
        public Withheld {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(stillDone, "stillDone");
        }

        @Override
        public Optional<String> refusalOf(String kind) {
            return this.kind.equals(kind) ? Optional.of(reason) : Optional.empty();
        }
    }
}
