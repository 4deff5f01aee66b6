package dev.cloudwarden.core.tags;

import static dev.cloudwarden.core.testing.TagPolicies.instance;
import static dev.cloudwarden.core.testing.TagPolicies.tagPolicy;
import static dev.cloudwarden.core.testing.TagPolicies.volume;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.tags.TagViolation.Kind;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.ReportSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagComplianceTest {
    private static final Instant T = Instant.parse("2026-06-02T10:15:30Z");
    private static final String DUE = "2026-06-05T10:15:30Z";
    private static final String MARK = "cloudwarden:marked-for-op";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:tag-findings";
    private static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);
    private static final RunRequest DRY_SWEEP = RunRequest.sweep(Trigger.SCHEDULE, true);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every resource needs an owner; addDefaults writes "platform" where there is none. */
    private static final TagCompliancePolicy OWNER_DEFAULT = tagPolicy("""
            resourceTypes: [ec2:instance, ec2:volume]
            required:
              - key: owner
                default: platform
            remediation: {addDefaults: true}
            """);

    /** An owner without default: nothing fixes it, so a non-compliant instance is marked and stopped 3 days later. */
    private static final TagCompliancePolicy OWNER_OR_STOP = tagPolicy("""
            resourceTypes: [ec2:instance, ec2:volume]
            required: [{key: owner}]
            remediation:
              markForOp: {action: stop, after: 3d}
            """);

    private final InMemoryCloud cloud = InMemoryCloud.holding();
    /** The clock each run reads; tests move it between runs. */
    private Instant now = T;

    private RunReport run(TagCompliancePolicy policy, RunRequest request) {
        RunReport report = new TagCompliance(cloud, policy, false, Clock.fixed(now, ZoneOffset.UTC)).run(request);
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    private void put(ResourceRef... resources) {
        for (ResourceRef resource : resources) {
            cloud.put(resource);
        }
    }

    private static List<Finding> findingsOn(RunReport report, String resourceId) {
        return report.findings().stream().filter(f -> f.resource().id().equals(resourceId)).toList();
    }

    private static Finding finding(RunReport report, String resourceId, String check) {
        return findingsOn(report, resourceId).stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " finding on " + resourceId + " in " + report.findings()));
    }

    /** The finding of one rule's violation on one resource. */
    private static Finding violation(RunReport report, String resourceId, Kind kind, String key) {
        return findingsOn(report, resourceId).stream()
                .filter(f -> f.check().equals(kind.check()) && ((Map<?, ?>) f.evidence().get("rule")).get("key").equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " finding for " + key + " on " + resourceId + " in " + report.findings()));
    }

    private static List<FindingAction> actions(RunReport report) {
        return report.findings().stream().map(Finding::action).filter(a -> !a.kind().equals(FindingAction.NONE)).toList();
    }

    private long calls(String operation) {
        return cloud.apiCalls().byOperation().getOrDefault(operation, 0L);
    }

    private static List<String> findingIdsIn(String reportJson) throws Exception {
        JsonNode findings = JSON.readTree(reportJson).get("findings");
        return StreamSupport.stream(findings.spliterator(), false).map(f -> f.get("id").textValue()).toList();
    }

    // --- dry-run ---

    @Test
    void aDryRunListsExactlyTheNonCompliantResourcesAndChangesNothing() {
        put(instance("i-ok", "owner", "alice", "env", "prod"),
                instance("i-untagged"),
                instance("i-staging", "owner", "bob", "env", "staging"),
                volume("vol-case", "Owner", "carol", "env", "dev"),
                volume("vol-ok", "owner", "dave", "env", "dev"));
        List<ResourceRef> before = cloud.resources();
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance, ec2:volume]
                required:
                  - key: owner
                    default: platform
                  - key: env
                    allowed: [prod, dev]
                remediation:
                  addDefaults: true
                  fixCase: true
                  markForOp: {action: stop, after: 3d}
                """);

        RunReport report = run(policy, DRY_SWEEP);

        assertThat(cloud.resources()).isEqualTo(before);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.resourcesScanned()).isEqualTo(5);
        assertThat(report.findings()).extracting(f -> f.resource().id()).containsOnly("i-untagged", "i-staging", "vol-case");
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(cloud.stopped()).isEmpty();
        assertThat(actions(report)).isNotEmpty().allSatisfy(action -> {
            assertThat(action.status()).isEqualTo(Status.PLANNED);
            assertThat(action.reason()).startsWith("dry-run");
        });
        assertThat(violation(report, "i-untagged", Kind.MISSING, "owner").action()).isEqualTo(
                FindingAction.planned(TagPlanner.ADD_DEFAULT, "dry-run: nothing is changed; would add owner=platform"));
        assertThat(violation(report, "i-untagged", Kind.MISSING, "env").action().kind()).isEqualTo(TagPlanner.MARK);
        assertThat(violation(report, "i-staging", Kind.INVALID_VALUE, "env").action().kind()).isEqualTo(TagPlanner.MARK);
        assertThat(violation(report, "vol-case", Kind.WRONG_CASE, "owner").action()).isEqualTo(FindingAction.planned(
                TagPlanner.FIX_CASE, "dry-run: nothing is changed; would rename Owner to owner, keeping its value"));
        assertThat(report.findings()).hasSize(4);
    }

    @Test
    void aPolicyWithDryRunForcesADryRunWhateverTheRequestSays() {
        put(instance("i-untagged"));

        RunReport report = new TagCompliance(cloud, OWNER_DEFAULT, true, Clock.fixed(now, ZoneOffset.UTC)).run(SWEEP);

        assertThat(report.dryRun()).isTrue();
        assertThat(cloud.tagsOf("i-untagged")).isEmpty();
        assertThat(actions(report)).extracting(FindingAction::status).containsOnly(Status.PLANNED);
    }

    // --- addDefaults ---

    @Test
    void addDefaultsAddsOnlyMissingTagsAndNeverOverwritesAnInvalidValue() {
        put(instance("i-untagged"), instance("i-staging", "env", "staging"), instance("i-owned", "owner", "alice"),
                instance("i-ok", "owner", "bob", "env", "prod"));
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance]
                required:
                  - key: owner
                    default: platform
                  - key: env
                    allowed: [prod, dev]
                    default: dev
                remediation: {addDefaults: true}
                """);

        RunReport report = run(policy, SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.tagsOf("i-untagged")).isEqualTo(Map.of("owner", "platform", "env", "dev"));
        assertThat(cloud.tagsOf("i-staging")).isEqualTo(Map.of("owner", "platform", "env", "staging"));
        assertThat(cloud.tagsOf("i-owned")).isEqualTo(Map.of("owner", "alice", "env", "dev"));
        assertThat(cloud.tagsOf("i-ok")).isEqualTo(Map.of("owner", "bob", "env", "prod"));
        assertThat(finding(report, "i-staging", Kind.INVALID_VALUE.check()).action()).isEqualTo(FindingAction.skipped(
                FindingAction.NONE, "a value that is set is never overwritten; reported only (no markForOp in the policy)"));
        assertThat(finding(report, "i-staging", Kind.MISSING.check()).action())
                .isEqualTo(new FindingAction(TagPlanner.ADD_DEFAULT, Status.APPLIED, "add owner=platform"));
        assertThat(findingsOn(report, "i-ok")).isEmpty();
        assertThat(calls(InMemoryCloud.REMOVE_TAGS)).isZero();
    }

    @Test
    void aMissingTagWithoutDefaultIsReportedAndLeftMissing() {
        put(instance("i-untagged"));
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation: {addDefaults: true}
                """);

        RunReport report = run(policy, SWEEP);

        assertThat(cloud.tagsOf("i-untagged")).isEmpty();
        assertThat(finding(report, "i-untagged", Kind.MISSING.check()).action()).isEqualTo(FindingAction.skipped(
                FindingAction.NONE, "the rule has no default value; reported only (no markForOp in the policy)"));
        assertThat(calls(InMemoryCloud.ADD_TAGS)).isZero();
    }

    @Test
    void fortyFiveResourcesNeedingTheSameDefaultAreTaggedInThreeBatchedCalls() {
        IntStream.rangeClosed(1, 45).forEach(i -> put(instance("i-%02d".formatted(i))));

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner, default: platform}]
                remediation: {addDefaults: true}
                blastRadius: {maxChanges: 45}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L, InMemoryCloud.ADD_TAGS, 3L));
        assertThat(cloud.resources()).hasSize(45).allSatisfy(r -> assertThat(r.tags().values()).isEqualTo(Map.of("owner", "platform")));
        assertThat(actions(report)).hasSize(45).containsOnly(new FindingAction(TagPlanner.ADD_DEFAULT, Status.APPLIED, "add owner=platform"));
    }

    // --- fixCase ---

    @Test
    void fixCaseRenamesTheKeyKeepingItsValue() {
        put(instance("i-1", "Owner", "alice", "team", "web"));

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation: {fixCase: true}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "alice", "team", "web"));
        assertThat(finding(report, "i-1", Kind.WRONG_CASE.check()).action()).isEqualTo(
                new FindingAction(TagPlanner.FIX_CASE, Status.APPLIED, "rename Owner to owner, keeping its value"));
        assertThat(report.apiCalls().byOperation()).containsEntry(InMemoryCloud.ADD_TAGS, 1L).containsEntry(InMemoryCloud.REMOVE_TAGS, 1L);
    }

    @Test
    void whereKeysAreCaseInsensitive_fixCaseReplacesTheWholeSetInOneWrite_soTheTagIsNeverDeleted() {
        cloud.withCaseInsensitiveKeys();
        put(instance("i-1", "Owner", "alice", "team", "web"));

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}, {key: env, default: dev}]
                remediation: {fixCase: true, addDefaults: true}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "alice", "team", "web", "env", "dev"));
        assertThat(finding(report, "i-1", Kind.WRONG_CASE.check()).action().status()).isEqualTo(Status.APPLIED);
        assertThat(report.apiCalls().byOperation()).containsEntry(InMemoryCloud.REPLACE_TAGS, 1L)
                .doesNotContainKeys(InMemoryCloud.ADD_TAGS, InMemoryCloud.REMOVE_TAGS);
    }

    @Test
    void whereKeysAreCaseInsensitive_addingThenRemovingASpellingWouldDeleteTheTag_asTheFakeShows() {
        cloud.withCaseInsensitiveKeys();
        put(instance("i-1", "Owner", "alice"));

        cloud.addTags(cloud.findResources(java.util.List.of("i-1")), Map.of("owner", "alice"));
        cloud.removeTags(cloud.findResources(java.util.List.of("i-1")), java.util.Set.of("Owner"));

        assertThat(cloud.tagsOf("i-1")).isEmpty();
    }

    @Test
    void fixCaseLeavesTwoSpellingsForAPersonToResolve() {
        put(instance("i-1", "Owner", "alice", "OWNER", "bob"));

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation: {fixCase: true}
                """), SWEEP);

        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("Owner", "alice", "OWNER", "bob"));
        assertThat(finding(report, "i-1", Kind.WRONG_CASE.check()).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE,
                "2 spellings found: rename by hand; reported only (no markForOp in the policy)"));
    }

    @Test
    void aFailedRenameKeepsTheOldKeyFailsItsFindingAndTheOthersAreStillApplied() {
        put(instance("i-1", "Owner", "alice"), instance("i-2", "Owner", "bob"), instance("i-3", "Owner", "carol"));
        cloud.failWritesTo("i-2");

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation: {fixCase: true}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("1 of 3 actions failed; each failed finding says why, the others were applied");
        assertThat(cloud.tagsOf("i-2")).as("the old key is not removed when the new one was not written")
                .isEqualTo(Map.of("Owner", "bob"));
        FindingAction failed = finding(report, "i-2", Kind.WRONG_CASE.check()).action();
        assertThat(failed.kind()).isEqualTo(TagPlanner.FIX_CASE);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.reason()).startsWith("mem:AddTags failed: ACCESS_DENIED").contains("cannot write the tags of i-2");
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "alice"));
        assertThat(cloud.tagsOf("i-3")).isEqualTo(Map.of("owner", "carol"));
        assertThat(finding(report, "i-1", Kind.WRONG_CASE.check()).action().status()).isEqualTo(Status.APPLIED);
        assertThat(finding(report, "i-3", Kind.WRONG_CASE.check()).action().status()).isEqualTo(Status.APPLIED);
    }

    // a mark stays while the fix that would clear it failed, and the report says so
    @Test
    void aMarkIsNotReportedRemovedWhenTheFixThatWouldClearItFailed() {
        put(instance("i-1", "Owner", "alice", MARK, "stop@" + DUE));
        cloud.failWritesTo("i-1");

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation:
                  fixCase: true
                  markForOp: {action: stop, after: 3d}
                """), SWEEP);

        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("Owner", "alice", MARK, "stop@" + DUE));
        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(finding(report, "i-1", Kind.WRONG_CASE.check()).action().status()).isEqualTo(Status.FAILED);
        assertThat(finding(report, "i-1", TagPlanner.MARK_CLEARED_CHECK).action().status())
                .as("the mark is still on the resource").isNotEqualTo(Status.APPLIED);
    }

    // --- mark-for-op ---

    @Test
    void markForOpMarksWaitsStopsOnceWhenDueAndClearsTheMarkOfAResourceFixedMeanwhile() {
        put(instance("i-bad"), instance("i-fixed"), volume("vol-bad"));

        // run 1: every non-compliant instance is marked, due in 3 days; the volume is not covered by stop
        RunReport first = run(OWNER_OR_STOP, SWEEP);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.tagsOf("i-bad")).isEqualTo(Map.of(MARK, "stop@" + DUE));
        assertThat(cloud.tagsOf("i-fixed")).isEqualTo(Map.of(MARK, "stop@" + DUE));
        assertThat(cloud.tagsOf("vol-bad")).isEmpty();
        assertThat(finding(first, "i-bad", Kind.MISSING.check()).action()).isEqualTo(new FindingAction(TagPlanner.MARK,
                Status.APPLIED, "mark " + MARK + "=stop@" + DUE + ": stop on " + DUE + " unless the tags are fixed"));
        assertThat(finding(first, "vol-bad", Kind.MISSING.check()).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; markForOp does not cover ec2:volume"));
        assertThat(cloud.stopped()).isEmpty();

        // between runs, someone fixes i-fixed
        put(instance("i-fixed", "owner", "carol", MARK, "stop@" + DUE));

        // run 2, a day later: nothing new for i-bad (not due yet), the fixed one loses its mark
        now = T.plus(Duration.ofDays(1));
        RunReport second = run(OWNER_OR_STOP, SWEEP);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(finding(second, "i-bad", Kind.MISSING.check()).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; marked: stop due " + DUE + " unless the tags are fixed"));
        assertThat(cloud.tagsOf("i-bad")).isEqualTo(Map.of(MARK, "stop@" + DUE));
        Finding cleared = finding(second, "i-fixed", TagPlanner.MARK_CLEARED_CHECK);
        assertThat(cleared.action()).isEqualTo(new FindingAction(TagPlanner.UNMARK, Status.APPLIED, "remove the mark: the resource complies"));
        assertThat(cleared.evidence()).isEqualTo(Map.of("tag", MARK, "value", "stop@" + DUE));
        assertThat(cloud.tagsOf("i-fixed")).isEqualTo(Map.of("owner", "carol"));
        assertThat(second.apiCalls().byOperation()).isEqualTo(
                Map.of(InMemoryCloud.LIST_RESOURCES, 1L, InMemoryCloud.REMOVE_TAGS, 1L));

        // run 3, when due: the still non-compliant instance is stopped and its mark says so
        now = T.plus(Duration.ofDays(3));
        RunReport third = run(OWNER_OR_STOP, SWEEP);

        assertThat(third.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.stopped()).containsExactly("i-bad");
        assertThat(cloud.tagsOf("i-bad")).isEqualTo(Map.of(MARK, "stop-done@" + DUE));
        assertThat(finding(third, "i-bad", Kind.MISSING.check()).action()).isEqualTo(new FindingAction(TagPlanner.STOP,
                Status.APPLIED, "stop the instance: the mark fell due on " + DUE + " and the tags are still not fixed"));
        assertThat(findingsOn(third, "i-fixed")).isEmpty();
        assertThat(cloud.tagsOf("vol-bad")).isEmpty();

        // run 4: done is done
        now = T.plus(Duration.ofDays(4));
        RunReport fourth = run(OWNER_OR_STOP, SWEEP);

        assertThat(fourth.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(calls(InMemoryCloud.STOP)).isEqualTo(1L);
        assertThat(cloud.tagsOf("i-bad")).isEqualTo(Map.of(MARK, "stop-done@" + DUE));
        assertThat(finding(fourth, "i-bad", Kind.MISSING.check()).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; mark-for-op stop performed on " + DUE + "; fix the tags and the mark is removed"));
    }

    @Test
    void aStoppedInstanceFixedLaterLosesItsDoneMark() {
        put(instance("i-1", "owner", "alice", MARK, "stop-done@" + DUE));

        RunReport report = run(OWNER_OR_STOP, SWEEP);

        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "alice"));
        assertThat(finding(report, "i-1", TagPlanner.MARK_CLEARED_CHECK).action().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void aVolumeIsNeverMarkedOrStoppedByAStopPolicy() {
        put(volume("vol-1"), volume("vol-due", MARK, "stop@2026-05-01T00:00:00Z"));

        RunReport report = run(OWNER_OR_STOP, SWEEP);

        assertThat(cloud.tagsOf("vol-1")).isEmpty();
        assertThat(cloud.tagsOf("vol-due")).isEqualTo(Map.of(MARK, "stop@2026-05-01T00:00:00Z"));
        assertThat(cloud.stopped()).isEmpty();
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(report.findings()).extracting(Finding::action).containsOnly(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; markForOp does not cover ec2:volume"));
    }

    @Test
    void aNotifyMarkNeverStopsAnythingEvenLongOverdue() {
        put(instance("i-1"), volume("vol-1"));
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance, ec2:volume]
                required: [{key: owner}]
                remediation:
                  markForOp: {action: notify, after: 1d}
                """);

        run(policy, SWEEP);
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of(MARK, "notify@2026-06-03T10:15:30Z"));
        assertThat(cloud.tagsOf("vol-1")).isEqualTo(Map.of(MARK, "notify@2026-06-03T10:15:30Z"));

        now = T.plus(Duration.ofDays(30));
        RunReport overdue = run(policy, SWEEP);

        assertThat(cloud.stopped()).isEmpty();
        assertThat(calls(InMemoryCloud.STOP)).isZero();
        assertThat(overdue.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of(MARK, "notify@2026-06-03T10:15:30Z"));
        assertThat(overdue.findings()).hasSize(2).extracting(Finding::action).containsOnly(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; overdue: the mark fell due on 2026-06-03T10:15:30Z (notify only)"));
    }

    @Test
    void aMarkOfAnotherActionIsReplacedWithAFreshGracePeriod() {
        put(instance("i-1", MARK, "notify@2026-05-01T00:00:00Z"));

        RunReport report = run(OWNER_OR_STOP, SWEEP);

        assertThat(cloud.stopped()).isEmpty();
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of(MARK, "stop@" + DUE));
        assertThat(finding(report, "i-1", Kind.MISSING.check()).action().kind()).isEqualTo(TagPlanner.MARK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop@2026-06-05", "stop@2026-06-05T10:15:30", "stop soon", "STOP@2026-06-05T10:15:30Z"})
    void anUnreadableMarkIsReportedAndNeverActedOn(String unreadable) {
        put(instance("i-1", MARK, unreadable));
        now = T.plus(Duration.ofDays(365));

        RunReport report = run(OWNER_OR_STOP, SWEEP);

        assertThat(cloud.stopped()).isEmpty();
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of(MARK, unreadable));
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(finding(report, "i-1", TagPlanner.UNREADABLE_MARK_CHECK).action())
                .isEqualTo(FindingAction.skipped(FindingAction.NONE, "never acted on: fix or remove the tag"));
        assertThat(finding(report, "i-1", Kind.MISSING.check()).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE,
                "the rule has no default value; the mark " + MARK + " cannot be read: nothing is done"));
    }

    // --- creator tags ---

    private static final TagCompliancePolicy CREATOR = tagPolicy("""
            resourceTypes: [ec2:instance]
            required: [{key: owner}]
            creatorTags: {}
            """);
    private static final Creator ALICE = new Creator("arn:aws:iam::123456789012:user/alice", "IAMUser",
            Instant.parse("2026-06-02T10:15:00Z"));

    @Test
    void anEventRunRecordsTheCreatorOnlyWhereNoValueIsSet() {
        put(instance("i-new", "owner", "alice", "created-by", "terraform"), instance("i-other", "owner", "bob"));

        RunReport report = run(CREATOR, RunRequest.resources(Trigger.EVENT, List.of("i-new"), Optional.of(ALICE), false));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.tagsOf("i-new")).isEqualTo(Map.of("owner", "alice", "created-by", "terraform",
                "created-by-type", "IAMUser", "created-at", "2026-06-02T10:15:00Z"));
        assertThat(cloud.tagsOf("i-other")).isEqualTo(Map.of("owner", "bob"));
        Finding recorded = finding(report, "i-new", TagPlanner.CREATOR_CHECK);
        assertThat(recorded.action()).isEqualTo(new FindingAction(TagPlanner.TAG_CREATOR, Status.APPLIED,
                "record the creator; kept existing created-by"));
        assertThat(recorded.evidence()).containsEntry("tagsWritten",
                        Map.of("created-by-type", "IAMUser", "created-at", "2026-06-02T10:15:00Z"))
                .containsEntry("keysAlreadySet", List.of("created-by"));
    }

    @Test
    void anEventRunOnAResourceWhoseCreatorIsAlreadyRecordedWritesNothing() {
        put(instance("i-new", "owner", "alice", "created-by", "x", "created-by-type", "y", "created-at", "z"));

        RunReport report = run(CREATOR, RunRequest.resources(Trigger.EVENT, List.of("i-new"), Optional.of(ALICE), false));

        assertThat(report.findings()).isEmpty();
        assertThat(cloud.tagsOf("i-new")).containsEntry("created-by", "x").containsEntry("created-by-type", "y")
                .containsEntry("created-at", "z");
        assertThat(calls(InMemoryCloud.ADD_TAGS)).isZero();
    }

    @Test
    void aSweepRecordsNoCreator() {
        put(instance("i-1", "owner", "alice"));

        RunReport report = run(CREATOR, SWEEP);

        assertThat(report.findings()).isEmpty();
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "alice"));
        assertThat(calls(InMemoryCloud.ADD_TAGS)).isZero();
    }

    // --- blast radius ---

    @Test
    void moreResourcesThanMaxResourcesRefusesTheWholePlan() {
        put(instance("i-1"), instance("i-2"), instance("i-3"));
        List<ResourceRef> before = cloud.resources();

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner, default: platform}]
                remediation: {addDefaults: true}
                blastRadius: {maxChanges: 2}
                """), SWEEP);

        assertThat(cloud.resources()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue(
                "blast radius exceeded: the plan changes 3 resources, more than blastRadius.maxChanges 2; nothing was changed");
        assertThat(report.findings()).hasSize(3).extracting(Finding::action)
                .containsOnly(FindingAction.skipped(TagPlanner.ADD_DEFAULT, report.error().orElseThrow()));
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
    }

    @Test
    void moreDueStopsThanMaxStopsRefusesTheWholePlan() {
        String overdue = "stop@2026-06-01T00:00:00Z";
        put(instance("i-1", MARK, overdue), instance("i-2", MARK, overdue), instance("i-3", MARK, overdue));
        List<ResourceRef> before = cloud.resources();
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation:
                  markForOp: {action: stop, after: 3d}
                blastRadius: {maxStops: 2}
                """);

        RunReport report = run(policy, SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue(
                "blast radius exceeded: the plan stops 3 instances, more than blastRadius.maxStops 2; nothing was changed");
        assertThat(cloud.stopped()).isEmpty();
        assertThat(cloud.resources()).isEqualTo(before);
        assertThat(actions(report)).hasSize(3).containsOnly(FindingAction.skipped(TagPlanner.STOP, report.error().orElseThrow()));
        assertThat(calls(InMemoryCloud.STOP)).isZero();
    }

    @Test
    void exactlyMaxStopsDueInstancesAreAllStopped() {
        String overdue = "stop@2026-06-01T00:00:00Z";
        put(instance("i-1", MARK, overdue), instance("i-2", MARK, overdue));

        RunReport report = run(tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner}]
                remediation:
                  markForOp: {action: stop, after: 3d}
                blastRadius: {maxStops: 2}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.stopped()).containsExactlyInAnyOrder("i-1", "i-2");
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of(MARK, "stop-done@2026-06-02T10:15:30Z"));
    }

    private static final TagCompliancePolicy QUARTER = tagPolicy("""
            resourceTypes: [ec2:instance]
            required: [{key: owner, default: platform}]
            remediation: {addDefaults: true}
            blastRadius: {maxPercent: 25}
            """);

    @Test
    void maxPercentRefusesASweepChangingTooLargeAShare() {
        put(instance("i-1"), instance("i-2"), instance("i-3", "owner", "a"), instance("i-4", "owner", "b"));
        List<ResourceRef> before = cloud.resources();

        RunReport report = run(QUARTER, SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue("blast radius exceeded: the plan changes 2 of 4 resources (50 %), "
                + "more than blastRadius.maxPercent 25 %; nothing was changed");
        assertThat(cloud.resources()).isEqualTo(before);
    }

    @Test
    void maxPercentDoesNotApplyToAnEventRun() {
        put(instance("i-1"), instance("i-2"), instance("i-3", "owner", "a"), instance("i-4", "owner", "b"));

        RunReport report = run(QUARTER, RunRequest.resources(Trigger.EVENT, List.of("i-1", "i-2"), Optional.empty(), false));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.resourcesScanned()).isEqualTo(2);
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "platform"));
        assertThat(cloud.tagsOf("i-2")).isEqualTo(Map.of("owner", "platform"));
    }

    @Test
    void aDryRunShowsThatTheRealRunWouldBeRefused() {
        put(instance("i-1"), instance("i-2"), instance("i-3", "owner", "a"), instance("i-4", "owner", "b"));

        RunReport report = run(QUARTER, DRY_SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.error()).isEmpty();
        assertThat(actions(report)).hasSize(2).containsOnly(FindingAction.planned(TagPlanner.ADD_DEFAULT,
                "dry-run: the real run would be refused: blast radius exceeded: the plan changes 2 of 4 resources (50 %), "
                        + "more than blastRadius.maxPercent 25 %; nothing was changed; would add owner=platform"));
        assertThat(cloud.tagsOf("i-1")).isEmpty();
    }

    // --- exemptions ---

    @Test
    void exemptResourcesAreReportedAsSkippedAndLeftAlone() {
        String overdue = "stop@2026-06-01T00:00:00Z";
        put(instance("i-legacy", MARK, overdue), instance("i-tagged", "cloudwarden", "exempt", MARK, overdue), instance("i-normal"));
        TagCompliancePolicy policy = tagPolicy("""
                resourceTypes: [ec2:instance]
                required: [{key: owner, default: platform}, {key: team}]
                exempt:
                  resourceIds: [i-legacy]
                  tags: {cloudwarden: exempt}
                remediation:
                  addDefaults: true
                  markForOp: {action: stop, after: 3d}
                """);

        RunReport report = run(policy, SWEEP);

        assertThat(cloud.tagsOf("i-legacy")).isEqualTo(Map.of(MARK, overdue));
        assertThat(cloud.tagsOf("i-tagged")).isEqualTo(Map.of("cloudwarden", "exempt", MARK, overdue));
        assertThat(cloud.stopped()).isEmpty();
        assertThat(findingsOn(report, "i-legacy")).hasSize(2).extracting(Finding::action).containsOnly(
                FindingAction.skipped(FindingAction.NONE, "exempt: resource id listed in tagCompliance.exempt.resourceIds"));
        assertThat(findingsOn(report, "i-tagged")).hasSize(2).extracting(Finding::action).containsOnly(
                FindingAction.skipped(FindingAction.NONE, "exempt: carries a tag listed in tagCompliance.exempt.tags"));
        assertThat(cloud.tagsOf("i-normal")).containsEntry("owner", "platform").containsEntry(MARK, "stop@" + DUE);
    }

    // --- notify ---

    private static TagCompliancePolicy notifying(String remediation) {
        return tagPolicy("""
                resourceTypes: [ec2:instance, ec2:volume]
                required: [{key: owner, default: platform}]
                remediation: %s
                notify: {topic: "%s"}
                blastRadius: {maxChanges: 1000}
                """.formatted(remediation, TOPIC));
    }

    @Test
    void theFindingsArePublishedToTheTopicAsAValidReport() throws Exception {
        put(instance("i-1"), volume("vol-1"), instance("i-ok", "owner", "alice"));

        RunReport report = run(notifying("{addDefaults: true}"), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.published()).singleElement().satisfies(message -> {
            assertThat(message.topic()).isEqualTo(TOPIC);
            assertThat(message.subject()).isEqualTo("cloudwarden tag-compliance aws/eu-west-1: 2 findings, run complete");
            ReportSchema.assertValid(message.body());
            assertThat(findingIdsIn(message.body())).containsExactlyInAnyOrderElementsOf(
                    report.findings().stream().map(Finding::id).toList());
        });
    }

    @Test
    void aReportLargerThanOneMessageIsSplitAndEveryFindingIsPublishedExactlyOnce() throws Exception {
        String description = "d".repeat(200);
        IntStream.rangeClosed(1, 60).forEach(i -> put(instance("i-%03d".formatted(i), "description", description)));

        RunReport report = run(notifying("{}"), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(ReportJson.toJson(report, false).length()).isGreaterThan(InMemoryCloud.MAX_MESSAGE_BYTES);
        List<InMemoryCloud.Message> messages = cloud.published();
        assertThat(messages).hasSizeGreaterThan(1);
        List<String> published = new ArrayList<>();
        for (InMemoryCloud.Message message : messages) {
            assertThat(message.topic()).isEqualTo(TOPIC);
            assertThat(message.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(InMemoryCloud.MAX_MESSAGE_BYTES);
            ReportSchema.assertValid(message.body());
            published.addAll(findingIdsIn(message.body()));
        }
        assertThat(published).doesNotHaveDuplicates().hasSize(60)
                .containsExactlyInAnyOrderElementsOf(report.findings().stream().map(Finding::id).toList());
    }

    // the run fields repeat in every message: an event naming a hundred ARNs must still fit
    @Test
    void anEventRunNamingManyResourcesStillPublishesMessagesThatFit() throws Exception {
        List<String> arns = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abc%04d".formatted(i)).toList();
        arns.forEach(arn -> put(volume(arn)));

        RunReport report = run(notifying("{}"), RunRequest.resources(Trigger.EVENT, arns, Optional.empty(), false));

        assertThat(report.findings()).hasSize(100);
        assertThat(report.error()).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        List<String> published = new ArrayList<>();
        for (InMemoryCloud.Message message : cloud.published()) {
            published.addAll(findingIdsIn(message.body()));
        }
        assertThat(published).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void aFindingLargerThanAnyMessageIsLeftOut_namedInAPartialRun_andTheOthersArePublished() throws Exception {
        put(instance("i-huge", "description", "d".repeat(InMemoryCloud.MAX_MESSAGE_BYTES + 1)), instance("i-1"));

        RunReport report = run(notifying("{}"), SWEEP);

        String huge = report.findings().stream().filter(f -> f.resource().id().equals("i-huge")).findFirst().orElseThrow().id();
        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValueSatisfying(error -> assertThat(error).contains(
                "1 finding(s) larger than one message were left out (" + huge + "); the others were published"));
        assertThat(cloud.published()).singleElement()
                .satisfies(message -> assertThat(findingIdsIn(message.body())).doesNotContain(huge).hasSize(1));
    }

    @Test
    void aDryRunPublishesNothing() {
        put(instance("i-1"), volume("vol-1"));

        RunReport report = run(notifying("{addDefaults: true}"), DRY_SWEEP);

        assertThat(report.findings()).hasSize(2);
        assertThat(cloud.published()).isEmpty();
        assertThat(calls(InMemoryCloud.PUBLISH)).isZero();
    }

    @Test
    void aRunWithoutFindingsPublishesNothing() {
        put(instance("i-ok", "owner", "alice"));

        RunReport report = run(notifying("{addDefaults: true}"), SWEEP);

        assertThat(report.findings()).isEmpty();
        assertThat(cloud.published()).isEmpty();
        assertThat(calls(InMemoryCloud.PUBLISH)).isZero();
    }

    @Test
    void aFailedPublicationMakesTheRunPartialAndTheTagChangesStand() {
        put(instance("i-1"), volume("vol-1"));
        cloud.failNext(InMemoryCloud.PUBLISH, CloudException.Kind.THROTTLED);

        RunReport report = run(notifying("{addDefaults: true}"), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("findings were not published to " + TOPIC
                + ": mem:Publish failed: THROTTLED (Mem.THROTTLED): made to fail by the test");
        assertThat(cloud.published()).isEmpty();
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "platform"));
        assertThat(cloud.tagsOf("vol-1")).isEqualTo(Map.of("owner", "platform"));
        assertThat(actions(report)).hasSize(2).extracting(FindingAction::status).containsOnly(Status.APPLIED);
    }

    // --- discovery ---

    @Test
    void aDiscoveryFailureFailsTheRunAndChangesNothing() {
        put(instance("i-1"), volume("vol-1"));
        List<ResourceRef> before = cloud.resources();
        cloud.failNext(InMemoryCloud.LIST_RESOURCES, CloudException.Kind.THROTTLED);

        RunReport report = run(notifying("{addDefaults: true}"), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.error().orElseThrow())
                .startsWith("discovery failed, nothing was evaluated or changed: mem:ListResources failed: THROTTLED");
        assertThat(report.findings()).isEmpty();
        assertThat(report.resourcesScanned()).isZero();
        assertThat(cloud.resources()).isEqualTo(before);
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_RESOURCES, 1L));
        assertThat(cloud.published()).isEmpty();
    }

    @Test
    void anEventRunLooksAtItsTargetsOnlyAndReportsThem() {
        put(instance("i-1"), instance("i-2"));

        RunReport report = run(OWNER_DEFAULT, RunRequest.single(Trigger.EVENT, "i-1", false));

        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.FIND_RESOURCES, 1L, InMemoryCloud.ADD_TAGS, 1L));
        assertThat(cloud.tagsOf("i-1")).isEqualTo(Map.of("owner", "platform"));
        assertThat(cloud.tagsOf("i-2")).isEmpty();
        assertThat(report.resourcesScanned()).isEqualTo(1);
        assertThat(report.account()).isEqualTo("123456789012");
    }
}
