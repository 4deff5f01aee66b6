package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.report.Finding;
import java.util.List;

/**
 * A snapshot run's plan: every finding, in report order, and the actions that would carry it out, each
 * naming its finding by id.
 */
record Agenda(List<Finding> findings, List<SnapshotAction> actions) {
    Agenda {
        findings = List.copyOf(findings);
        actions = List.copyOf(actions);
    }

    long deletions() {
        return actions.stream().filter(SnapshotAction::destructive).count();
    }
}
