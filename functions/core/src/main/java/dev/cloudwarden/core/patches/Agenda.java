package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.report.Finding;
import java.util.ArrayList;
import java.util.List;

/** A patch run's plan: every finding, in report order, and the actions that carry it out, each naming its finding. */
record Agenda(List<Finding> findings, List<PatchAction> actions) {
    Agenda {
        findings = List.copyOf(findings);
        actions = List.copyOf(actions);
    }

    Agenda plus(Agenda other) {
        List<Finding> f = new ArrayList<>(findings);
        f.addAll(other.findings);
        List<PatchAction> a = new ArrayList<>(actions);
        a.addAll(other.actions);
        return new Agenda(f, a);
    }

    long changes() {
        return actions.stream().filter(PatchAction::change).count();
    }

    long scans() {
        return actions.stream().filter(a -> a instanceof PatchAction.Scan).count();
    }

    /** Collects findings and actions in order. */
    static final class Builder {
        private final List<Finding> findings = new ArrayList<>();
        private final List<PatchAction> actions = new ArrayList<>();

        void finding(Finding finding) {
            findings.add(finding);
        }

        void add(Finding finding, PatchAction action) {
            findings.add(finding);
            actions.add(action);
        }

        Agenda build() {
            return new Agenda(findings, actions);
        }
    }
}
