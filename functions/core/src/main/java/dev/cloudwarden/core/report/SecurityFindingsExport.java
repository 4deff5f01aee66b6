package dev.cloudwarden.core.report;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FindingImportResult;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFinding.Category;
import dev.cloudwarden.api.SecurityFinding.Compliance;
import dev.cloudwarden.api.SecurityFinding.State;
import dev.cloudwarden.api.SecurityFindingsOps;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exports a run's findings to the cloud's security findings service (AWS Security Hub …), one exported finding per
 * report finding, dry-runs included: a finding is a finding whether or not its fix was carried out.
 *
 * <ul>
 *   <li>Ids: {@code cloudwarden/<account>/<region>/<operation>/<finding id>}, the report's own stable id prefixed so
 *       that it is unique per account and region; the same problem is the same exported finding run after run.
 *       The account is the one the service files findings under (the caller's own).</li>
 *   <li>Generator {@code cloudwarden/<check>}; compliance {@code PASSED} when the finding's action was applied, else
 *       {@code FAILED} (planned in a dry-run, skipped, refused, failed, or nothing to do);
 *       the action, run and check go along as properties.</li>
 *   <li>A <b>sweep</b> (the report's scope is the whole region) also archives this operation's active findings it no
 *       longer finds, and keeps the creation time of those it finds again. Only findings last updated before the
 *       sweep started are archived (an event run may have filed one since), and a sweep whose discovery failed
 *       archives nothing. <b>Event runs never archive</b>: they look at a few resources, not the whole region; an
 *       event run files its findings with its own time as their creation time.</li>
 * </ul>
 *
 * <p>Cloud failures are values: every finding that was not imported is in the result with the reason, and so is a
 * listing that failed (then nothing is archived, and the current findings are imported all the same).
 */
public final class SecurityFindingsExport {
    public static final String PRODUCT = "cloudwarden";
    /** The one check whose findings are missing security fixes. */
    static final String MISSING_PATCHES_CHECK = "patches.instance-missing-patches";
    /** The firewall checks' prefix (every cloud's): their findings are network exposure. */
    static final String FIREWALL_CHECKS = "firewall.";

    private final SecurityFindingsOps service;

    public SecurityFindingsExport(SecurityFindingsOps service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * The outcome of one export.
     *
     * @param imported the report's findings the service took
     * @param archived earlier findings the sweep no longer found, archived now
     * @param failed   each finding the service did not take (report findings and archivals), with why: by exported id,
     *                 or by the report's finding id when the service could not be used at all (its account unknown)
     * @param error    what stopped part of the export as a whole (the account unknown, the listing failed), if anything
     */
    public record Result(int imported, int archived, Map<String, CloudException> failed, Optional<String> error) {
        public Result {
            failed = Map.copyOf(failed);
            error = Objects.requireNonNullElse(error, Optional.empty());
        }

        /** True when everything was exported (and, for a sweep, everything stale archived). */
        public boolean complete() {
            return failed.isEmpty() && error.isEmpty();
        }

        /** One line for a log or an exception: the counts, the error, and the first failures with their reasons. */
        public String summary() {
            StringBuilder line = new StringBuilder().append(imported).append(" imported, ").append(archived)
                    .append(" archived, ").append(failed.size()).append(" failed");
            error.ifPresent(e -> line.append("; ").append(e));
            failed.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(3)
                    .forEach(e -> line.append("; ").append(e.getKey()).append(": ").append(e.getValue().getMessage()));
            if (failed.size() > 3) {
                line.append("; …");
            }
            return line.toString();
        }
    }

    /** The prefix of the exported ids of one operation's findings in one account and region. */
    public static String idPrefix(String account, String region, String operation) {
        return PRODUCT + "/" + account + "/" + region + "/" + operation + "/";
    }

    public Result export(RunReport report) {
        if (!report.scope().isSweep() && report.findings().isEmpty()) {
            return new Result(0, 0, Map.of(), Optional.empty()); // an event run that found nothing has nothing to say
        }
        String account;
        try {
            account = service.account();
        } catch (CloudException e) {
            Map<String, CloudException> failed = new HashMap<>();
            report.findings().forEach(f -> failed.put(f.id(), e));
            return new Result(0, 0, failed, Optional.of("the security findings service cannot be used: " + e.getMessage()));
        }
        String prefix = idPrefix(account, report.region(), report.operation());
        Map<String, SecurityFinding> current = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            current.putIfAbsent(prefix + finding.id(), exported(finding, prefix, report));
        }

        List<SecurityFinding> archive = new ArrayList<>();
        Optional<String> error = Optional.empty();
        // a failed sweep found nothing because it looked at nothing: archiving would wipe every finding out
        if (report.scope().isSweep() && report.status() != RunStatus.FAILED) {
            try {
                for (SecurityFinding earlier : service.activeFindings(prefix)) {
                    SecurityFinding again = current.get(earlier.id());
                    if (again != null) {
                        current.put(earlier.id(), again.withCreatedAt(earlier.createdAt()));
                    } else if (earlier.updatedAt().isBefore(report.startedAt())) {
                        archive.add(stale(earlier, report));
                    }
                }
            } catch (CloudException e) {
                error = Optional.of("could not list the findings earlier runs exported, so none was archived: " + e.getMessage());
            }
        }

        List<SecurityFinding> all = new ArrayList<>(current.values());
        all.addAll(archive);
        FindingImportResult result = all.isEmpty() ? FindingImportResult.NONE : service.importFindings(all);
        int archived = (int) archive.stream().filter(f -> result.succeeded(f.id())).count();
        int imported = (int) current.keySet().stream().filter(result::succeeded).count();
        return new Result(imported, archived, result.failed(), error);
    }

    private static SecurityFinding exported(Finding f, String prefix, RunReport report) {
        Instant observed = report.finishedAt();
        FindingAction action = f.action();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PRODUCT + "/operation", report.operation());
        properties.put(PRODUCT + "/check", f.check());
        properties.put(PRODUCT + "/findingId", f.id());
        properties.put(PRODUCT + "/runId", report.runId());
        properties.put(PRODUCT + "/trigger", report.trigger().id());
        properties.put(PRODUCT + "/dryRun", Boolean.toString(report.dryRun()));
        properties.put(PRODUCT + "/action/kind", action.kind());
        properties.put(PRODUCT + "/action/status", action.status().id());
        if (!action.reason().isEmpty()) {
            properties.put(PRODUCT + "/action/reason", action.reason());
        }
        return new SecurityFinding(prefix + f.id(), PRODUCT + "/" + f.check(), severity(f.severity()), category(f.check()),
                f.title(), description(f), f.resource(), observed, observed,
                action.status() == FindingAction.Status.APPLIED ? Compliance.PASSED : Compliance.FAILED, State.ACTIVE, properties);
    }

    /** An earlier finding the sweep did not find again: the problem is gone (fixed, or the resource deleted). */
    private static SecurityFinding stale(SecurityFinding earlier, RunReport report) {
        Map<String, String> properties = new LinkedHashMap<>(earlier.properties());
        properties.put(PRODUCT + "/archivedBy", report.runId());
        properties.put(PRODUCT + "/archivedReason", "not found again by the sweep of run " + report.runId());
        SecurityFinding annotated = new SecurityFinding(earlier.id(), earlier.generator(), earlier.severity(), earlier.category(),
                earlier.title(), earlier.description(), earlier.resource(), earlier.createdAt(), earlier.updatedAt(),
                earlier.compliance(), earlier.state(), properties);
        return annotated.archived(report.finishedAt());
    }

    /** The title, what was done about it and the evidence; the service cuts it to its own limit. */
    private static String description(Finding f) {
        FindingAction action = f.action();
        StringBuilder text = new StringBuilder(f.title()).append(". Check ").append(f.check()).append(", severity ")
                .append(f.severity().id()).append(". ");
        if (action.kind().equals(FindingAction.NONE)) {
            text.append("No action");
        } else {
            text.append("Action ").append(action.kind()).append(": ").append(action.status().id());
        }
        if (!action.reason().isEmpty()) {
            text.append(" (").append(action.reason()).append(')');
        }
        text.append(". Evidence: ").append(ReportJson.evidenceJson(f.evidence()));
        return text.toString();
    }

    static SecurityFinding.Severity severity(Severity severity) {
        return switch (severity) {
            case INFO -> SecurityFinding.Severity.INFO;
            case LOW -> SecurityFinding.Severity.LOW;
            case MEDIUM -> SecurityFinding.Severity.MEDIUM;
            case HIGH -> SecurityFinding.Severity.HIGH;
            case CRITICAL -> SecurityFinding.Severity.CRITICAL;
        };
    }

    static Category category(String check) {
        if (check.startsWith(FIREWALL_CHECKS)) {
            return Category.NETWORK_REACHABILITY;
        }
        return check.equals(MISSING_PATCHES_CHECK) ? Category.VULNERABILITY : Category.CONFIGURATION;
    }
}
