package dev.cloudwarden.core.report;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.Scope;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run found and did: the same shape for every cloud and operation (schemas/findings.v1.schema.json).
 *
 * @param scope            the whole region (a sweep) or the resources an event named
 * @param resourcesScanned resources discovered in scope, exempt ones included
 * @param error            why the run stopped before its plan was complete, when it did
 * @param asOf             the moment the run acted as of, when it was not the clock's (the CLI's {@code --at})
 * @param windows          the schedule window each plan acted on (the snapshot lifecycle's sweeps); empty otherwise
 */
public record RunReport(String runId, String operation, CloudId cloud, String account, String region,
                        Trigger trigger, Scope scope, boolean dryRun, Instant startedAt,
                        Instant finishedAt, RunStatus status, Optional<String> error, int resourcesScanned,
                        List<Finding> findings, ApiCalls apiCalls, Optional<Instant> asOf, List<PlanWindow> windows) {
    public static final String SCHEMA_VERSION = "1.0";

    /** What started the run. */
    public enum Trigger {
        SCHEDULE, EVENT, MANUAL;

        /** The lowercase spelling used in reports. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the run ended. {@code COMPLETE}: its plan was carried out (or, in dry-run, shown) in full.
     * {@code PARTIAL}: some actions failed, or were not started before the run's deadline; each says why.
     * {@code REFUSED}: the guard stopped the plan and nothing changed (the snapshot lifecycle guards only its
     * deletions: none happened, and the window's snapshots were still taken). {@code FAILED}: discovery
     * failed and nothing was evaluated or changed.
     */
    public enum RunStatus {
        COMPLETE, PARTIAL, REFUSED, FAILED;

        /** The lowercase spelling used in reports, logs and messages. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        account = Objects.requireNonNullElse(account, "");
        Objects.requireNonNull(scope, "scope");
        error = Objects.requireNonNullElse(error, Optional.empty());
        findings = List.copyOf(findings);
        asOf = Objects.requireNonNullElse(asOf, Optional.empty());
        windows = List.copyOf(windows);
    }

    /** True when the run did everything it planned: the CLI's exit code 0, a successful invocation. */
    public boolean complete() {
        return status == RunStatus.COMPLETE;
    }

    public Map<Severity, Integer> findingsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    public Map<FindingAction.Status, Integer> actionsByStatus() {
        Map<FindingAction.Status, Integer> counts = new EnumMap<>(FindingAction.Status.class);
        for (FindingAction.Status s : FindingAction.Status.values()) {
            counts.put(s, 0);
        }
        findings.stream().filter(f -> !f.action().kind().equals(FindingAction.NONE))
                .forEach(f -> counts.merge(f.action().status(), 1, Integer::sum));
        return counts;
    }
}
