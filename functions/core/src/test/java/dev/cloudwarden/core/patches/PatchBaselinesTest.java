package dev.cloudwarden.core.patches;

import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static dev.cloudwarden.core.testing.PatchPolicies.managed;
import static dev.cloudwarden.core.testing.PatchPolicies.patchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.InMemoryNames;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The declared baselines are kept exactly as declared: a sweep creates what is missing and reverts what someone
 * changed (content, patch groups, defaults), a second sweep writes nothing, a change event reverts at once and
 * names who made the change, and cloudwarden's own changes are not drift. Dry-runs, the blast radius and failures
 * change nothing they should not.
 */
class PatchBaselinesTest extends PatchSpec {

    /** A Linux baseline that is its system's default and serves two groups, and a Windows baseline for the web group too. */
    static final String WEB_AND_WINDOWS_YAML = """
            baselines:
              - name: web-al2023
                operatingSystem: AMAZON_LINUX_2023
                description: Web servers, security first
                default: true
                patchGroups: [web, web-canary]
                approvalRules:
                  - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 3, complianceLevel: CRITICAL}
                rejectedPatches: [telnet]
              - name: win-2022
                operatingSystem: WINDOWS
                patchGroups: [web]
                approvalRules:
                  - {filters: {MSRC_SEVERITY: [Critical, Important]}, approveAfterDays: 7}
            """;
    static final PatchBaselinesPolicy WEB_AND_WINDOWS = patchPolicy(WEB_AND_WINDOWS_YAML);
    static final PatchBaseline WEB = declared(WEB_AND_WINDOWS, "web-al2023").content();
    static final PatchBaseline WIN = declared(WEB_AND_WINDOWS, "win-2022").content();
    /** The web baseline as mallory edits it: security patches approved after 30 days, not 3. */
    static final PatchBaseline WEB_SLOWER = content("""
            name: web-al2023
            operatingSystem: AMAZON_LINUX_2023
            description: Web servers, security first
            approvalRules:
              - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 30, complianceLevel: CRITICAL}
            rejectedPatches: [telnet]
            """);

    @Nested
    class FirstSweep {

        @Test
        void createsEachMissingBaselineWithExactlyTheDeclaredContent_registersItsGroups_andMakesItItsSystemsDefault() {
            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.baselineIds()).hasSize(2);
            assertThat(cloud.baseline(idOf("web-al2023"))).isEqualTo(WEB);
            assertThat(cloud.baseline(idOf("win-2022"))).isEqualTo(WIN);
            assertThat(cloud.patchGroupsOf(idOf("web-al2023"))).containsExactly("web", "web-canary");
            assertThat(cloud.patchGroupsOf(idOf("win-2022"))).containsExactly("web");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo(idOf("web-al2023"));
            assertThat(cloud.defaultOf(WINDOWS)).as("win-2022 is not declared the default").isEqualTo(cloud.awsDefaultBaseline(WINDOWS));
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.CREATE_BASELINE, 2L, InMemoryCloud.REGISTER_PATCH_GROUP, 3L,
                    InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
        }

        @Test
        void reportsEachMissingBaselineGroupAndDefaultAsApplied() {
            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(findings(report, BASELINE_MISSING)).extracting(f -> f.evidence().get("baseline"))
                    .containsExactlyInAnyOrder("web-al2023", "win-2022");
            assertThat(findings(report, GROUP_UNREGISTERED)).extracting(f -> f.evidence().get("baseline") + "/" + f.evidence().get("patchGroup"))
                    .containsExactlyInAnyOrder("web-al2023/web", "web-al2023/web-canary", "win-2022/web");
            assertThat(findings(report, DEFAULT_DRIFT)).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("operatingSystem", AL2023).containsEntry("baseline", "web-al2023");
                assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
            assertThat(report.findings()).hasSize(6).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
            assertThat(finding(report, BASELINE_MISSING, "baseline", "web-al2023").action())
                    .isEqualTo(new FindingAction(PatchAction.CREATE, Status.APPLIED, "created " + idOf("web-al2023")));
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.resource().type()).isEqualTo(InMemoryCloud.BASELINE_TYPE));
        }

        @Test
        void aSecondSweepFindsNothingToChangeAndWritesNothing() {
            sweep(WEB_AND_WINDOWS);

            RunReport second = sweep(WEB_AND_WINDOWS);

            assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(second.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.patchWriteCalls()).isEqualTo(Map.of(InMemoryCloud.CREATE_BASELINE, 2L,
                    InMemoryCloud.REGISTER_PATCH_GROUP, 3L, InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
            assertThat(callsOfLastRun()).containsEntry(InMemoryCloud.LIST_BASELINES, 1L).containsEntry(InMemoryCloud.GET_BASELINE, 2L)
                    .containsEntry(InMemoryCloud.GET_DEFAULT_BASELINE, 1L);
        }
    }

    @Nested
    class Drift {

        @BeforeEach
        void inShape() {
            sweep(WEB_AND_WINDOWS);
        }

        @Test
        void aChangedApprovalRuleIsRevertedByOneUpdateWithTheDeclaredContent() {
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.UPDATE_BASELINE, 1L));
            assertThat(cloud.baseline(web)).isEqualTo(WEB);
            Finding drift = finding(report, BASELINE_DRIFT, web);
            assertThat(changedFields(drift)).containsExactly("approvalRules");
            assertThat(drift.severity()).isEqualTo(Severity.HIGH);
            assertThat(drift.title()).contains(web, "approvalRules");
            assertThat(drift.action().kind()).isEqualTo(PatchAction.UPDATE);
            assertThat(drift.action().status()).isEqualTo(Status.APPLIED);
            assertThat(report.findings()).containsExactly(drift);
        }

        @Test
        void aDriftListsEveryChangedFieldOnce() {
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, content("""
                    name: web-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    description: edited by hand
                    approvalRules:
                      - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 3, complianceLevel: CRITICAL}
                    approvedPatches: [nginx-1.24]
                    """));

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(changedFields(finding(report, BASELINE_DRIFT, web)))
                    .containsExactly("description", "approvedPatches", "rejectedPatches");
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.UPDATE_BASELINE, 1L));
            assertThat(cloud.baseline(web)).isEqualTo(WEB);
        }

        @Test
        void anExtraPatchGroupIsDeregistered() {
            String web = idOf("web-al2023");
            cloud.registerPatchGroup(web, "adhoc");

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.DEREGISTER_PATCH_GROUP, 1L));
            assertThat(cloud.patchGroupsOf(web)).containsExactly("web", "web-canary");
            Finding stale = finding(report, GROUP_STALE, web);
            assertThat(stale.evidence()).containsEntry("patchGroup", "adhoc");
            assertThat(stale.action()).extracting(FindingAction::kind, FindingAction::status)
                    .containsExactly(PatchAction.DEREGISTER, Status.APPLIED);
        }

        @Test
        void aRemovedPatchGroupIsRegisteredAgain() {
            String web = idOf("web-al2023");
            cloud.deregisterPatchGroup(web, "web-canary");

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.REGISTER_PATCH_GROUP, 1L));
            assertThat(cloud.patchGroupsOf(web)).containsExactly("web", "web-canary");
            Finding unregistered = finding(report, GROUP_UNREGISTERED, web);
            assertThat(unregistered.evidence()).containsEntry("patchGroup", "web-canary");
            assertThat(unregistered.action()).extracting(FindingAction::kind, FindingAction::status)
                    .containsExactly(PatchAction.REGISTER, Status.APPLIED);
        }

        @Test
        void anotherDefaultIsSetBack_andThatBaselineIsLeftAlone() {
            PatchBaseline mallorys = content("{name: mallory-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [nginx]}");
            String other = cloud.createBaseline(mallorys);
            cloud.setDefaultBaseline(other);

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
            assertThat(cloud.defaultOf(AL2023)).isEqualTo(idOf("web-al2023"));
            assertThat(cloud.baseline(other)).isEqualTo(mallorys);
            assertThat(finding(report, DEFAULT_DRIFT, idOf("web-al2023")).evidence())
                    .containsEntry("operatingSystem", AL2023).containsEntry("currentDefault", other);
            assertThat(report.findings()).hasSize(1);
        }

        @Test
        void theAwsOwnedBaselineMadeTheDefaultAgainIsSetBack() {
            cloud.setDefaultBaseline(cloud.awsDefaultBaseline(AL2023));

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(cloud.defaultOf(AL2023)).isEqualTo(idOf("web-al2023"));
            assertThat(findings(report, DEFAULT_DRIFT)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("currentDefault", cloud.awsDefaultBaseline(AL2023)));
        }

        @Test
        void aDeletedBaselineIsCreatedAgainWithItsGroupsAndItsDefault() {
            String old = idOf("web-al2023");
            cloud.deleteBaseline(old);

            RunReport report = sweep(WEB_AND_WINDOWS);

            String again = idOf("web-al2023");
            assertThat(again).isNotEqualTo(old);
            assertThat(cloud.baseline(again)).isEqualTo(WEB);
            assertThat(cloud.patchGroupsOf(again)).containsExactly("web", "web-canary");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo(again);
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.CREATE_BASELINE, 1L, InMemoryCloud.REGISTER_PATCH_GROUP, 2L,
                    InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
            assertThat(findings(report, BASELINE_MISSING)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("baseline", "web-al2023").containsEntry("operatingSystem", AL2023));
            assertThat(withActions(report)).hasSize(4).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        }

        @Test
        void aPatchGroupMovedToAnotherBaselineOfTheSameSystemIsDeregisteredBeforeItIsRegistered() {
            PatchBaselinesPolicy moved = patchPolicy("""
                    baselines:
                      - name: web-al2023
                        operatingSystem: AMAZON_LINUX_2023
                        description: Web servers, security first
                        default: true
                        patchGroups: [web]
                        approvalRules:
                          - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 3, complianceLevel: CRITICAL}
                        rejectedPatches: [telnet]
                      - name: canary-al2023
                        operatingSystem: AMAZON_LINUX_2023
                        patchGroups: [web-canary]
                        approvalRules:
                          - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 0}
                    """);

            RunReport report = sweep(moved);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.patchGroupsOf(idOf("web-al2023"))).containsExactly("web");
            assertThat(cloud.patchGroupsOf(idOf("canary-al2023"))).containsExactly("web-canary");
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.CREATE_BASELINE, 1L, InMemoryCloud.DEREGISTER_PATCH_GROUP, 1L,
                    InMemoryCloud.REGISTER_PATCH_GROUP, 1L));
        }
    }

    /** Someone moves a declared group to a baseline of their own: SSM refuses a second registration, so it is taken back first. */
    @Test
    void aDeclaredGroupRegisteredToSomeoneElsesBaseline_isTakenBack_thenRegisteredToOurs() {
        sweep(WEB_AND_WINDOWS);
        String ours = idOf("web-al2023");
        cloud.deregisterPatchGroup(ours, "web-canary");
        cloud.putBaseline("pb-theirs", content("""
                name: their-al2023
                operatingSystem: AMAZON_LINUX_2023
                approvalRules:
                  - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 0}
                """), "web-canary");

        RunReport report = sweep(WEB_AND_WINDOWS);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(cloud.patchGroupsOf(ours)).containsExactly("web", "web-canary");
        assertThat(cloud.patchGroupsOf("pb-theirs")).isEmpty();
        assertThat(findings(report, "patches.patch-group-taken")).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("registeredTo", "pb-theirs").containsEntry("patchGroup", "web-canary");
            assertThat(f.action().status()).isEqualTo(Status.APPLIED);
        });
        assertThat(sweep(WEB_AND_WINDOWS).findings()).noneMatch(f -> f.check().startsWith("patches.patch-group"));
    }

    @Nested
    class WhichBaselinesAreOurs {

        @Test
        void aBaselineOfTheDeclaredNameForAnotherSystemIsNotOurs_theDeclaredOneIsCreated() {
            PatchBaseline ubuntu = content("{name: web-al2023, operatingSystem: UBUNTU, approvedPatches: [openssl]}");
            cloud.putBaseline("pb-90", ubuntu, "web");

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(cloud.baselinesNamed("web-al2023")).hasSize(2);
            String ours = cloud.baselinesNamed("web-al2023").stream().filter(id -> !id.equals("pb-90")).findFirst().orElseThrow();
            assertThat(cloud.baseline(ours)).isEqualTo(WEB);
            assertThat(cloud.baseline("pb-90")).isEqualTo(ubuntu);
            assertThat(cloud.patchGroupsOf("pb-90")).containsExactly("web");
            assertThat(report.findings()).noneMatch(f -> f.resource().id().equals("pb-90"));
        }

        @Test
        void twoOfTheSameNameAndSystem_theLowestIdIsKeptInShape_theOtherIsReportedAndLeftAlone() {
            cloud.putBaseline("pb-31", WEB, "web");
            cloud.putBaseline("pb-32", WEB_SLOWER);
            cloud.putBaseline("pb-33", WIN, "web");

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.patchGroupsOf("pb-31")).containsExactly("web", "web-canary");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo("pb-31");
            assertThat(cloud.baseline("pb-32")).as("left alone").isEqualTo(WEB_SLOWER);
            assertThat(cloud.patchGroupsOf("pb-32")).isEmpty();
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.REGISTER_PATCH_GROUP, 1L, InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
            Finding duplicate = finding(report, BASELINE_DUPLICATE, "pb-32");
            assertThat(duplicate.evidence()).containsEntry("managedBaseline", "pb-31");
            assertThat(duplicate.action()).extracting(FindingAction::kind, FindingAction::status)
                    .containsExactly(FindingAction.NONE, Status.SKIPPED);
            assertThat(findings(report, BASELINE_DRIFT)).isEmpty();
        }

        @Test
        void theLowestIdIsKeptInShapeWhateverOrderTheCloudListsThemIn() {
            cloud.putBaseline("pb-37", WEB_SLOWER);
            cloud.putBaseline("pb-34", WEB);
            cloud.putBaseline("pb-35", WIN, "web");

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(finding(report, BASELINE_DUPLICATE, "pb-37").evidence()).containsEntry("managedBaseline", "pb-34");
            assertThat(cloud.patchGroupsOf("pb-34")).containsExactly("web", "web-canary");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo("pb-34");
            assertThat(cloud.patchGroupsOf("pb-37")).as("the duplicate is left alone").isEmpty();
            assertThat(cloud.baseline("pb-37")).isEqualTo(WEB_SLOWER);
        }
    }

    @Nested
    class ChangeEvents {

        @BeforeEach
        void inShape() {
            sweep(WEB_AND_WINDOWS);
        }

        @Test
        void aChangeBySomeoneElseIsRevertedAtOnce_andEachDriftNamesWhoMadeIt() {
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);
            cloud.deregisterPatchGroup(web, "web-canary");

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, web));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.baseline(web)).isEqualTo(WEB);
            assertThat(cloud.patchGroupsOf(web)).containsExactly("web", "web-canary");
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.UPDATE_BASELINE, 1L, InMemoryCloud.REGISTER_PATCH_GROUP, 1L));
            assertThat(report.findings()).extracting(Finding::check).containsExactlyInAnyOrder(BASELINE_DRIFT, GROUP_UNREGISTERED);
            assertThat(report.findings()).allSatisfy(f -> {
                assertThat(f.evidence()).containsEntry("changedBy", MALLORY.principal()).containsEntry("changedByType", "IAMUser")
                        .containsEntry("changedAt", MALLORY.at().toString());
                assertThat(f.title()).contains("mallory");
            });
        }

        @Test
        void aDeletedBaselineEventCreatesItAgain_namingWhoDeletedIt() {
            String old = idOf("web-al2023");
            cloud.deleteBaseline(old);

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, old));

            String again = idOf("web-al2023");
            assertThat(cloud.baseline(again)).isEqualTo(WEB);
            assertThat(cloud.patchGroupsOf(again)).containsExactly("web", "web-canary");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo(again);
            assertThat(report.findings()).extracting(Finding::check)
                    .containsExactlyInAnyOrder(BASELINE_MISSING, GROUP_UNREGISTERED, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.evidence()).containsEntry("changedBy", MALLORY.principal()));
        }

        @Test
        void anotherDefaultSetBySomeoneElseIsSetBackAtOnce() {
            cloud.setDefaultBaseline(cloud.awsDefaultBaseline(AL2023));

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, cloud.awsDefaultBaseline(AL2023)));

            assertThat(cloud.defaultOf(AL2023)).isEqualTo(idOf("web-al2023"));
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.SET_DEFAULT_BASELINE, 1L));
            assertThat(findings(report, DEFAULT_DRIFT)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("changedBy", MALLORY.principal()));
        }

        @Test
        void aChangeToABaselineThePolicyDoesNotDeclareIsNobodysDrift() {
            PatchBaseline mallorys = content("{name: mallory-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [nginx]}");
            String other = cloud.createBaseline(mallorys);
            cloud.registerPatchGroup(other, "mallory");

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, other));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.patchGroupsOf(other)).containsExactly("mallory");
        }

        @Test
        void aChangeByCloudwardensOwnRoleIsNotDrift_nothingIsWrittenOrReported() {
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);

            RunReport report = run(WEB_AND_WINDOWS, changedBy(OWN_ROLE, web));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baseline(web)).isEqualTo(WEB_SLOWER);
        }

        @Test
        void aCallThatFailedNamesNoBaselineAndNoCaller_nothingIsReadOrWritten() {
            cloud.updateBaseline(idOf("web-al2023"), WEB_SLOWER);

            RunReport report = run(WEB_AND_WINDOWS, RunRequest.resources(Trigger.EVENT, List.of(), Optional.empty(), false));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(callsOfLastRun()).isEmpty();
        }

        @Test
        void aChangeEventJudgesNoInstance() {
            cloud.put(managed("i-untagged").build());

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, idOf("web-al2023")));

            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.tagsOf("i-untagged")).isEmpty();
        }
    }

    @Nested
    class DryRun {

        @Test
        void aDryRunWritesNothingAndPlansEveryActionWithItsReason() {
            RunReport report = run(WEB_AND_WINDOWS, DRY_SWEEP);

            assertThat(report.dryRun()).isTrue();
            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baselineIds()).isEmpty();
            assertThat(withActions(report)).hasSize(6).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                assertThat(f.action().reason()).startsWith("dry-run");
            });
            assertThat(finding(report, BASELINE_MISSING, "baseline", "web-al2023").action().reason())
                    .contains("create web-al2023 for " + AL2023);
        }

        @Test
        void aDryRunShowsTheDriftItWouldRevert() {
            sweep(WEB_AND_WINDOWS);
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);

            RunReport report = run(WEB_AND_WINDOWS, DRY_SWEEP);

            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baseline(web)).isEqualTo(WEB_SLOWER);
            Finding drift = finding(report, BASELINE_DRIFT, web);
            assertThat(drift.action().status()).isEqualTo(Status.PLANNED);
            assertThat(drift.action().reason()).startsWith("dry-run").contains("update " + web);
            assertThat(changedFields(drift)).containsExactly("approvalRules");
        }

        @Test
        void theSameDriftFoundByTwoRunsHasTheSameFindingIds() {
            sweep(WEB_AND_WINDOWS);
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);
            cloud.deregisterPatchGroup(web, "web");

            RunReport first = run(WEB_AND_WINDOWS, DRY_SWEEP);
            RunReport second = run(WEB_AND_WINDOWS, DRY_SWEEP);

            assertThat(first.findings()).hasSize(2);
            assertThat(second.findings()).extracting(Finding::id).containsExactlyElementsOf(first.findings().stream().map(Finding::id).toList());
            assertThat(first.findings()).extracting(Finding::id).doesNotHaveDuplicates();
        }

        @Test
        void thePolicysDryRunForcesADryRun() {
            RunReport report = run(WEB_AND_WINDOWS, true, SWEEP);

            assertThat(report.dryRun()).isTrue();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baselineIds()).isEmpty();
        }

        @Test
        void aDryRunShowsTheGuardsVerdict() {
            RunReport report = run(withBlastRadius("{maxChanges: 5}"), DRY_SWEEP);

            assertThat(writesOfLastRun()).isEmpty();
            assertThat(withActions(report)).isNotEmpty().allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                assertThat(f.action().reason()).startsWith("dry-run: the real run would be refused").contains("blastRadius.maxChanges 5");
            });
        }
    }

    @Nested
    class BlastRadius {

        @Test
        void moreChangesThanMaxChangesAreRefused_andNothingIsWritten() {
            RunReport report = sweep(withBlastRadius("{maxChanges: 5}"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("6 changes", "blastRadius.maxChanges 5"));
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baselineIds()).isEmpty();
            assertThat(withActions(report)).hasSize(6).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.SKIPPED);
                assertThat(f.action().reason()).contains("blast radius");
            });
        }

        @Test
        void asManyChangesAsMaxChangesAreMade() {
            RunReport report = sweep(withBlastRadius("{maxChanges: 6}"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.baselineIds()).hasSize(2);
        }
    }

    @Nested
    class Failures {

        @Test
        void aFailedCreateFailsItsRegistrationsAndDefault_namingTheCreate_whileTheOtherBaselineIsStillReconciled() {
            cloud.failNext(InMemoryCloud.CREATE_BASELINE, CloudException.Kind.UNAVAILABLE);

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("4 of 6"));
            assertThat(cloud.baselinesNamed("web-al2023")).isEmpty();
            assertThat(cloud.baseline(idOf("win-2022"))).isEqualTo(WIN);
            assertThat(cloud.patchGroupsOf(idOf("win-2022"))).containsExactly("web");
            assertThat(cloud.defaultOf(AL2023)).isEqualTo(cloud.awsDefaultBaseline(AL2023));
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.CREATE_BASELINE, 2L, InMemoryCloud.REGISTER_PATCH_GROUP, 1L));

            Finding create = finding(report, BASELINE_MISSING, "baseline", "web-al2023");
            assertThat(create.action().status()).isEqualTo(Status.FAILED);
            assertThat(create.action().reason()).contains(InMemoryCloud.CREATE_BASELINE, "UNAVAILABLE");
            List<Finding> dependents = report.findings().stream().filter(f -> "web-al2023".equals(f.evidence().get("baseline")))
                    .filter(f -> !f.check().equals(BASELINE_MISSING)).toList();
            assertThat(dependents).extracting(Finding::check).containsExactlyInAnyOrder(GROUP_UNREGISTERED, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(dependents).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.FAILED);
                assertThat(f.action().reason()).contains("web-al2023", "not created", InMemoryCloud.CREATE_BASELINE);
            });
            assertThat(findings(report, GROUP_UNREGISTERED)).filteredOn(f -> f.evidence().get("baseline").equals("win-2022"))
                    .singleElement().satisfies(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        }

        @Test
        void aFailedUpdateIsReported_andTheOtherChangesAreStillMade() {
            sweep(WEB_AND_WINDOWS);
            String web = idOf("web-al2023");
            cloud.updateBaseline(web, WEB_SLOWER);
            cloud.registerPatchGroup(web, "adhoc");
            cloud.failNext(InMemoryCloud.UPDATE_BASELINE, CloudException.Kind.THROTTLED);

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(finding(report, BASELINE_DRIFT, web).action().status()).isEqualTo(Status.FAILED);
            assertThat(finding(report, BASELINE_DRIFT, web).action().reason()).contains("THROTTLED", "mem-request-1");
            assertThat(finding(report, GROUP_STALE, web).action().status()).isEqualTo(Status.APPLIED);
            assertThat(cloud.baseline(web)).isEqualTo(WEB_SLOWER);
            assertThat(cloud.patchGroupsOf(web)).containsExactly("web", "web-canary");
        }

        @ParameterizedTest
        @ValueSource(strings = {InMemoryCloud.LIST_BASELINES, InMemoryCloud.GET_BASELINE, InMemoryCloud.GET_DEFAULT_BASELINE,
                InMemoryCloud.LIST_MANAGED_INSTANCES, InMemoryCloud.PATCH_STATES})
        void aDiscoveryFailureFailsTheSweep_nothingIsEvaluatedOrWritten(String read) {
            sweep(WEB_AND_WINDOWS);
            cloud.deleteBaseline(idOf("win-2022"));
            cloud.failNext(read, CloudException.Kind.ACCESS_DENIED);

            RunReport report = sweep(WEB_AND_WINDOWS);

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("discovery failed", read));
            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baselinesNamed("win-2022")).isEmpty();
        }

        @Test
        void aDiscoveryFailureFailsAChangeEventRun() {
            sweep(WEB_AND_WINDOWS);
            cloud.updateBaseline(idOf("web-al2023"), WEB_SLOWER);
            cloud.failNext(InMemoryCloud.GET_BASELINE, CloudException.Kind.THROTTLED);

            RunReport report = run(WEB_AND_WINDOWS, changedBy(MALLORY, idOf("web-al2023")));

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.baseline(idOf("web-al2023"))).isEqualTo(WEB_SLOWER);
        }
    }

    @Test
    void aProviderWithoutThePatchCapabilityIsRefusedAtStartUp_namingItsCloud() {
        CloudProvider withoutPatches = new CloudProvider() {
            @Override
            public CloudId cloud() {
                return CloudId.GCP;
            }

            @Override
            public String region() {
                return "europe-west1";
            }

            @Override
            public CloudNames names() {
                return new InMemoryNames(CloudId.GCP);
            }

            @Override
            public ApiCalls apiCalls() {
                return new ApiCalls(Map.of());
            }

            @Override
            public void close() {
                // nothing to release
            }
        };

        assertThatIllegalStateException().isThrownBy(() -> new PatchBaselines(withoutPatches, WEB_AND_WINDOWS, false, Clock.systemUTC()))
                .withMessageContaining("gcp").withMessageContaining("patch");
    }

    /** {@link #WEB_AND_WINDOWS} with this blast radius. */
    static PatchBaselinesPolicy withBlastRadius(String blastRadius) {
        return patchPolicy(WEB_AND_WINDOWS_YAML + "blastRadius: " + blastRadius + "\n");
    }
}
