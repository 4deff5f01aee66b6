package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The findings of the patch-baselines operation, one check each, with ids stable across runs for the same
 * baseline, group or instance (SIEMs de-duplicate on them). A drift someone else caused names them.
 */
final class PatchFindings {
    static final String BASELINE_MISSING = "patches.baseline-missing";
    static final String BASELINE_DRIFT = "patches.baseline-drift";
    static final String BASELINE_DUPLICATE = "patches.baseline-duplicate";
    static final String GROUP_UNREGISTERED = "patches.patch-group-unregistered";
    static final String GROUP_STALE = "patches.patch-group-stale";
    static final String GROUP_TAKEN = "patches.patch-group-taken";
    static final String DEFAULT_DRIFT = "patches.default-baseline-drift";
    static final String MISSING_PATCHES = "patches.instance-missing-patches";
    static final String CRITICAL = "patches.instance-critical-noncompliant";
    static final String SECURITY = "patches.instance-security-noncompliant";
    static final String FAILED = "patches.instance-failed-patches";
    static final String PENDING_REBOOT = "patches.instance-pending-reboot";
    static final String SCAN_OVERDUE = "patches.instance-scan-overdue";
    static final String NO_PATCH_GROUP = "patches.instance-no-patch-group";

    private PatchFindings() {
    }

    static Finding baselineMissing(ResourceRef baseline, String os, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("operatingSystem", os);
        return new Finding(Finding.stableId(BASELINE_MISSING, baseline.name()), BASELINE_MISSING, Severity.HIGH,
                "patch baseline " + baseline.name() + " (" + os + ") does not exist" + by(changedBy), baseline,
                withCaller(evidence, changedBy), action);
    }

    static Finding baselineDrift(ResourceRef baseline, List<BaselineDiff.Change> changes, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("changes", changes.stream().map(BaselineDiff.Change::json).toList());
        return new Finding(Finding.stableId(BASELINE_DRIFT, baseline.id()), BASELINE_DRIFT, Severity.HIGH,
                "patch baseline " + label(baseline) + " differs from the policy in " + String.join(", ",
                        changes.stream().map(BaselineDiff.Change::field).toList()) + by(changedBy), baseline,
                withCaller(evidence, changedBy), action);
    }

    static Finding duplicate(ResourceRef baseline, String managedId) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("managedBaseline", managedId);
        return new Finding(Finding.stableId(BASELINE_DUPLICATE, baseline.id()), BASELINE_DUPLICATE, Severity.MEDIUM,
                "patch baseline " + label(baseline) + " has the name of the policy's baseline " + managedId + ", which is the one kept in shape",
                baseline, evidence, FindingAction.skipped(FindingAction.NONE, "left alone: rename or delete it by hand"));
    }

    static Finding groupUnregistered(ResourceRef baseline, String group, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("patchGroup", group);
        return new Finding(Finding.stableId(GROUP_UNREGISTERED, baseline.name(), group), GROUP_UNREGISTERED, Severity.MEDIUM,
                "patch group " + group + " is not registered to " + label(baseline) + by(changedBy), baseline,
                withCaller(evidence, changedBy), action);
    }

    static Finding groupStale(ResourceRef baseline, String group, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("patchGroup", group);
        return new Finding(Finding.stableId(GROUP_STALE, baseline.name(), group), GROUP_STALE, Severity.MEDIUM,
                "patch group " + group + " is registered to " + label(baseline) + " but the policy does not declare it" + by(changedBy),
                baseline, withCaller(evidence, changedBy), action);
    }

    static Finding groupTaken(ResourceRef baseline, String group, String holder, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("patchGroup", group);
        evidence.put("registeredTo", holder);
        return new Finding(Finding.stableId(GROUP_TAKEN, baseline.name(), group), GROUP_TAKEN, Severity.HIGH,
                "patch group " + group + " is registered to " + holder + " instead of " + label(baseline) + by(changedBy), baseline,
                withCaller(evidence, changedBy), action);
    }

    static Finding defaultDrift(ResourceRef baseline, String os, String currentDefault, Optional<Creator> changedBy, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baseline", baseline.name());
        evidence.put("operatingSystem", os);
        evidence.put("currentDefault", currentDefault);
        return new Finding(Finding.stableId(DEFAULT_DRIFT, os), DEFAULT_DRIFT, Severity.HIGH,
                "the default baseline of " + os + " is " + currentDefault + ", not " + label(baseline) + by(changedBy), baseline,
                withCaller(evidence, changedBy), action);
    }

    /** The findings one patch state shows, each its own check. */
    static List<Finding> compliance(ManagedInstance instance, PatchState state) {
        java.util.ArrayList<Finding> findings = new java.util.ArrayList<>();
        if (state.criticalNonCompliant() > 0) {
            findings.add(instanceFinding(CRITICAL, Severity.HIGH, instance, state, state.criticalNonCompliant()
                    + " missing patches at the critical compliance level"));
        }
        if (state.securityNonCompliant() > 0) {
            findings.add(instanceFinding(SECURITY, Severity.HIGH, instance, state, state.securityNonCompliant() + " missing security patches"));
        }
        if (state.failed() > 0) {
            findings.add(instanceFinding(FAILED, Severity.HIGH, instance, state, state.failed() + " patches failed to install"));
        }
        if (state.missing() > 0) {
            findings.add(instanceFinding(MISSING_PATCHES, Severity.MEDIUM, instance, state, state.missing() + " approved patches missing"));
        }
        if (state.installedPendingReboot() > 0) {
            findings.add(instanceFinding(PENDING_REBOOT, Severity.MEDIUM, instance, state, state.installedPendingReboot()
                    + " patches installed, waiting for a reboot"));
        }
        return findings;
    }

    static Finding scanOverdue(ManagedInstance instance, String group, Optional<PatchState> state, Duration maxAge, Instant now,
                               FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("patchGroup", group);
        evidence.put("scanMaxAge", maxAge.toHours() % 24 == 0 ? maxAge.toDays() + "d" : maxAge.toHours() + "h");
        evidence.put("lastOperation", state.map(PatchState::operation).orElse("none"));
        evidence.put("lastOperationEnd", state.map(s -> s.operationEnd().toString()).orElse("never"));
        String when = state.map(s -> "last " + s.operation().toLowerCase(java.util.Locale.ROOT) + " ended " + s.operationEnd())
                .orElse("never scanned");
        return new Finding(Finding.stableId(SCAN_OVERDUE, instance.id()), SCAN_OVERDUE, Severity.MEDIUM,
                label(instance.resource()) + " (patch group " + group + ") is overdue for a scan: " + when, instance.resource(), evidence, action);
    }

    static Finding noPatchGroup(ManagedInstance instance, String tagKey, FindingAction action) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("tag", tagKey);
        evidence.put("platform", instance.platformName().isEmpty() ? instance.platform() : instance.platformName());
        evidence.put("tags", new java.util.TreeMap<>(instance.resource().tags().values()));
        return new Finding(Finding.stableId(NO_PATCH_GROUP, instance.id()), NO_PATCH_GROUP, Severity.LOW,
                label(instance.resource()) + " has no patch group: the default baseline of its operating system judges it",
                instance.resource(), evidence, action);
    }

    private static Finding instanceFinding(String check, Severity severity, ManagedInstance instance, PatchState state, String what) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("patchGroup", state.patchGroup());
        evidence.put("baselineId", state.baselineId());
        evidence.put("operation", state.operation());
        evidence.put("operationEnd", state.operationEnd().toString());
        evidence.put("installed", state.installed());
        evidence.put("installedPendingReboot", state.installedPendingReboot());
        evidence.put("missing", state.missing());
        evidence.put("failed", state.failed());
        evidence.put("criticalNonCompliant", state.criticalNonCompliant());
        evidence.put("securityNonCompliant", state.securityNonCompliant());
        evidence.put("otherNonCompliant", state.otherNonCompliant());
        return new Finding(Finding.stableId(check, instance.id()), check, severity, label(instance.resource()) + ": " + what,
                instance.resource(), evidence, FindingAction.skipped(FindingAction.NONE, "reported: installing patches is the maintenance window's job"));
    }

    private static Map<String, Object> withCaller(Map<String, Object> evidence, Optional<Creator> changedBy) {
        changedBy.ifPresent(c -> {
            evidence.put("changedBy", c.principal());
            evidence.put("changedByType", c.principalType());
            evidence.put("changedAt", c.at().toString());
        });
        return evidence;
    }

    private static String by(Optional<Creator> changedBy) {
        return changedBy.map(c -> ", after a change by " + c.principal() + " at " + c.at()).orElse("");
    }

    static String label(ResourceRef resource) {
        return resource.id().isEmpty() || resource.id().equals(resource.name()) ? resource.name()
                : resource.id() + (resource.name().isEmpty() ? "" : " (" + resource.name() + ")");
    }
}
