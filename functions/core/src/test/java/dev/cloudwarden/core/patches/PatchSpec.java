package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the patch-baselines specifications share: an in-memory AWS cloud, a fixed clock (Monday 2026-11-30 10:00Z),
 * the callers of change events (mallory, an IAM user; cloudwarden's own role), and lookups of what a run reported,
 * called and left behind. Every report is checked against the findings schema.
 */
abstract class PatchSpec {
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    static final String AL2023 = "AMAZON_LINUX_2023";
    static final String WINDOWS = "WINDOWS";
    static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);
    static final RunRequest DRY_SWEEP = RunRequest.sweep(Trigger.SCHEDULE, true);
    static final Creator MALLORY = new Creator("arn:aws:iam::123456789012:user/mallory", "IAMUser", T.minus(Duration.ofMinutes(3)));
    static final Creator OWN_ROLE = new Creator("arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden",
            "AssumedRole", T.minus(Duration.ofMinutes(3)));

    static final String BASELINE_MISSING = "patches.baseline-missing";
    static final String BASELINE_DRIFT = "patches.baseline-drift";
    static final String BASELINE_DUPLICATE = "patches.baseline-duplicate";
    static final String GROUP_UNREGISTERED = "patches.patch-group-unregistered";
    static final String GROUP_STALE = "patches.patch-group-stale";
    static final String DEFAULT_DRIFT = "patches.default-baseline-drift";
    static final String CRITICAL = "patches.instance-critical-noncompliant";
    static final String SECURITY = "patches.instance-security-noncompliant";
    static final String FAILED = "patches.instance-failed-patches";
    static final String MISSING = "patches.instance-missing-patches";
    static final String PENDING_REBOOT = "patches.instance-pending-reboot";
    static final String SCAN_OVERDUE = "patches.instance-scan-overdue";
    static final String NO_PATCH_GROUP = "patches.instance-no-patch-group";

    /** The calls that write: baseline changes, scans, and tags written to instances. */
    static final Set<String> WRITES = Set.of(InMemoryCloud.CREATE_BASELINE, InMemoryCloud.UPDATE_BASELINE,
            InMemoryCloud.REGISTER_PATCH_GROUP, InMemoryCloud.DEREGISTER_PATCH_GROUP, InMemoryCloud.SET_DEFAULT_BASELINE,
            InMemoryCloud.START_SCAN, InMemoryCloud.ADD_TAGS, InMemoryCloud.REMOVE_TAGS);

    final InMemoryCloud cloud = InMemoryCloud.holding();
    private ApiCalls beforeLastRun = cloud.apiCalls();

    RunReport sweep(PatchBaselinesPolicy policy) {
        return run(policy, SWEEP);
    }

    RunReport run(PatchBaselinesPolicy policy, RunRequest request) {
        return run(policy, false, request);
    }

    RunReport run(PatchBaselinesPolicy policy, boolean policyDryRun, RunRequest request) {
        beforeLastRun = cloud.apiCalls();
        RunReport report = new PatchBaselines(cloud, policy, policyDryRun, Clock.fixed(T, ZoneOffset.UTC)).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** A change event on these baselines, made by {@code caller}. */
    static RunRequest changedBy(Creator caller, String... baselineIds) {
        return RunRequest.resources(Trigger.EVENT, List.of(baselineIds), Optional.of(caller), false);
    }

    /** An instance-started event: it names the instances and no caller. */
    static RunRequest started(String... instanceIds) {
        return RunRequest.resources(Trigger.EVENT, List.of(instanceIds), Optional.empty(), false);
    }

    /** Every call the last run made, by operation. */
    Map<String, Long> callsOfLastRun() {
        return new TreeMap<>(cloud.apiCalls().since(beforeLastRun).byOperation());
    }

    /** The calls the last run made that write, by operation; empty when it wrote nothing. */
    Map<String, Long> writesOfLastRun() {
        Map<String, Long> writes = callsOfLastRun();
        writes.keySet().retainAll(WRITES);
        return writes;
    }

    /** The id of the one baseline called {@code name} now. */
    String idOf(String name) {
        List<String> ids = cloud.baselinesNamed(name);
        if (ids.size() != 1) {
            throw new AssertionError("expected one baseline named " + name + ", found " + ids);
        }
        return ids.getFirst();
    }

    static DeclaredBaseline declared(PatchBaselinesPolicy policy, String name) {
        return policy.baselines().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the policy declares no baseline " + name));
    }

    static List<Finding> findings(RunReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    static Finding finding(RunReport report, String check, String resourceId) {
        List<Finding> matching = findings(report, check).stream().filter(f -> f.resource().id().equals(resourceId)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + check + " finding on " + resourceId + ", found " + matching.size()
                    + " in " + report.findings());
        }
        return matching.getFirst();
    }

    /** The one finding of {@code check} whose evidence has {@code key} = {@code value}. */
    static Finding finding(RunReport report, String check, String key, Object value) {
        List<Finding> matching = findings(report, check).stream().filter(f -> value.equals(f.evidence().get(key))).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + check + " finding with " + key + "=" + value + ", found " + matching.size()
                    + " in " + report.findings());
        }
        return matching.getFirst();
    }

    /** The findings whose action is not {@code none}. */
    static List<Finding> withActions(RunReport report) {
        return report.findings().stream().filter(f -> !f.action().kind().equals(FindingAction.NONE)).toList();
    }

    /** The fields a drift finding's evidence lists as changed, in order. */
    static List<Object> changedFields(Finding drift) {
        return ((List<?>) drift.evidence().get("changes")).stream().map(c -> ((Map<?, ?>) c).get("field")).map(Object.class::cast).toList();
    }
}
