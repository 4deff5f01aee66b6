package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.PlanWindow;
import java.util.List;

/**
 * A snapshot run's plan: every finding, in report order, the actions that would carry it out, each naming its
 * finding by id, and the window each plan acts on (none for event runs, which take nothing).
 */
record Agenda(List<Finding> findings, List<SnapshotAction> actions, List<PlanWindow> windows) {
    Agenda {
        findings = List.copyOf(findings);
        actions = List.copyOf(actions);
        windows = List.copyOf(windows);
    }

    long deletions() {
        return actions.stream().filter(SnapshotAction::destructive).count();
    }
}
