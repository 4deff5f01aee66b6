package dev.cloudwarden.core.patches;

import static dev.cloudwarden.core.testing.PatchPolicies.PATCH_GROUP;
import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static dev.cloudwarden.core.testing.PatchPolicies.managed;
import static dev.cloudwarden.core.testing.PatchPolicies.patchPolicy;
import static dev.cloudwarden.core.testing.PatchPolicies.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.InMemoryCloud.ScanCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Managed instances of the declared patch groups are judged by their last patch state: each kind of missing or
 * failed patch is its own finding, an instance not scanned within scanMaxAge is overdue (and scanned when the
 * policy has a scan section, online ones only, fifty to a command), instances of other groups are not judged,
 * and an instance without a patch group is reported (and given the policy's default group when it names one).
 * An instance that starts is checked for its patch group only.
 */
class PatchComplianceTest extends PatchSpec {
    /** Two Linux baselines, for the web and the db groups; no scan section, no default group. */
    static final String TWO_GROUPS = """
            baselines:
              - name: web-al2023
                operatingSystem: AMAZON_LINUX_2023
                patchGroups: [web]
                approvalRules:
                  - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 3}
              - name: db-al2023
                operatingSystem: AMAZON_LINUX_2023
                patchGroups: [db]
                approvedPatches: [postgresql15-15.4]
            """;
    static final PatchBaselinesPolicy REPORT_ONLY = patchPolicy(TWO_GROUPS);
    static final PatchBaselinesPolicy SCANNING = patchPolicy(TWO_GROUPS + "scan: {maxConcurrency: \"5\", maxErrors: \"1\"}\n");
    static final PatchBaselinesPolicy DEFAULT_GROUP = patchPolicy(TWO_GROUPS + "compliance: {defaultPatchGroup: web}\n");
    /** Within the default scanMaxAge of seven days. */
    static final String YESTERDAY = T.minus(Duration.ofDays(1)).toString();
    /** An hour beyond the default scanMaxAge. */
    static final String EIGHT_DAYS_AGO = T.minus(Duration.ofDays(7)).minus(Duration.ofHours(1)).toString();

    @BeforeEach
    void baselinesInShape() {
        sweep(REPORT_ONLY);
    }

    @Nested
    class Judging {

        @Test
        void eachNonCompliantCountIsItsOwnFinding_withItsSeverity() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(YESTERDAY).critical(2).security(3).failed(1).missing(4).pendingReboot(5).build());

            RunReport report = sweep(REPORT_ONLY);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).extracting(Finding::check, Finding::severity).containsExactlyInAnyOrder(
                    tuple(CRITICAL, Severity.HIGH),
                    tuple(SECURITY, Severity.HIGH),
                    tuple(FAILED, Severity.HIGH),
                    tuple(MISSING, Severity.MEDIUM),
                    tuple(PENDING_REBOOT, Severity.MEDIUM));
            assertThat(report.findings()).allSatisfy(f -> {
                assertThat(f.resource().id()).isEqualTo("i-web-1");
                assertThat(f.action()).extracting(FindingAction::kind, FindingAction::status)
                        .containsExactly(FindingAction.NONE, Status.SKIPPED);
                assertThat(f.evidence()).contains(entry("patchGroup", "web"), entry("criticalNonCompliant", 2),
                        entry("securityNonCompliant", 3), entry("failed", 1), entry("missing", 4), entry("installedPendingReboot", 5));
            });
            assertThat(finding(report, CRITICAL, "i-web-1").title()).contains("2");
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(report.account()).isEqualTo(Firewalls.ACCOUNT);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "critical,      patches.instance-critical-noncompliant",
                "security,      patches.instance-security-noncompliant",
                "failed,        patches.instance-failed-patches",
                "missing,       patches.instance-missing-patches",
                "pendingReboot, patches.instance-pending-reboot"})
        void oneKindOfNonComplianceIsOneFinding(String count, String check) {
            var state = state("i-db-1", "db").scannedAt(YESTERDAY);
            switch (count) {
                case "critical" -> state.critical(1);
                case "security" -> state.security(1);
                case "failed" -> state.failed(1);
                case "missing" -> state.missing(1);
                default -> state.pendingReboot(1);
            }
            cloud.put(managed("i-db-1").group("db").build());
            cloud.put(state.build());

            assertThat(sweep(REPORT_ONLY).findings()).extracting(Finding::check).containsExactly(check);
        }

        @Test
        void aCompliantInstanceScannedWithinScanMaxAgeHasNoFinding() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(YESTERDAY).other(3).build());

            RunReport report = sweep(REPORT_ONLY);

            assertThat(report.findings()).isEmpty();
            assertThat(report.resourcesScanned()).isEqualTo(3);
        }

        @Test
        void anInstanceWhoseLastOperationEndedLongerAgoThanScanMaxAgeIsOverdue() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").installedAt(EIGHT_DAYS_AGO).build());

            RunReport report = sweep(REPORT_ONLY);

            Finding overdue = finding(report, SCAN_OVERDUE, "i-web-1");
            assertThat(overdue.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(overdue.evidence()).containsEntry("patchGroup", "web").containsEntry("scanMaxAge", "7d")
                    .containsEntry("lastOperation", "Install").containsEntry("lastOperationEnd", EIGHT_DAYS_AGO);
            assertThat(overdue.action()).extracting(FindingAction::kind, FindingAction::status).containsExactly(FindingAction.NONE, Status.SKIPPED);
            assertThat(overdue.action().reason()).contains("reported only");
            assertThat(report.findings()).containsExactly(overdue);
            assertThat(writesOfLastRun()).isEmpty();
        }

        @Test
        void anInstanceScannedExactlyScanMaxAgeAgoIsNotOverdueYet() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(T.minus(Duration.ofDays(7)).toString()).build());

            assertThat(sweep(REPORT_ONLY).findings()).isEmpty();
        }

        @Test
        void scanMaxAgeIsThePolicys() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(T.minus(Duration.ofHours(37)).toString()).build());

            RunReport report = sweep(patchPolicy(TWO_GROUPS + "compliance: {scanMaxAge: 36h}\n"));

            assertThat(finding(report, SCAN_OVERDUE, "i-web-1").evidence()).containsEntry("scanMaxAge", "36h");
        }

        @Test
        void anInstanceWithoutAPatchStateIsOverdue() {
            cloud.put(managed("i-web-1").group("web").build());

            RunReport report = sweep(REPORT_ONLY);

            Finding overdue = finding(report, SCAN_OVERDUE, "i-web-1");
            assertThat(overdue.evidence()).containsEntry("lastOperation", "none").containsEntry("lastOperationEnd", "never");
            assertThat(overdue.title()).contains("never scanned");
        }

        @Test
        void anOverdueNonCompliantInstanceIsReportedAsBoth() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(EIGHT_DAYS_AGO).critical(1).build());

            assertThat(sweep(REPORT_ONLY).findings()).extracting(Finding::check).containsExactlyInAnyOrder(CRITICAL, SCAN_OVERDUE);
        }

        @Test
        void instancesOfGroupsThePolicyDoesNotDeclareAreNotJudged() {
            cloud.put(managed("i-batch-1").group("batch").build());
            cloud.put(managed("i-batch-2").group("batch").build());
            cloud.put(state("i-batch-1", "batch").scannedAt(EIGHT_DAYS_AGO).critical(9).build());

            RunReport report = sweep(SCANNING);

            assertThat(report.findings()).isEmpty();
            assertThat(cloud.scans()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
        }
    }

    @Nested
    class Scans {

        @Test
        void theOverdueOnlineInstancesAreScannedInOneCommandWithThePolicysRates_offlineOnesAreNot() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(managed("i-web-2").group("web").build());
            cloud.put(managed("i-db-1").group("db").build());
            cloud.put(managed("i-db-2").group("db").offline().build());
            cloud.put(managed("i-db-3").group("db").build());
            cloud.put(state("i-web-2", "web").scannedAt(EIGHT_DAYS_AGO).build());
            cloud.put(state("i-db-3", "db").scannedAt(YESTERDAY).build());

            RunReport report = sweep(SCANNING);

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.scans()).singleElement().satisfies(scan -> {
                assertThat(scan.instanceIds()).containsExactlyInAnyOrder("i-web-1", "i-web-2", "i-db-1");
                assertThat(scan.maxConcurrency()).isEqualTo("5");
                assertThat(scan.maxErrors()).isEqualTo("1");
            });
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.START_SCAN, 1L));
            for (String scanned : List.of("i-web-1", "i-web-2", "i-db-1")) {
                FindingAction action = finding(report, SCAN_OVERDUE, scanned).action();
                assertThat(action).extracting(FindingAction::kind, FindingAction::status).containsExactly(PatchAction.SCAN, Status.APPLIED);
                assertThat(action.reason()).contains("cmd-1");
            }
            FindingAction offline = finding(report, SCAN_OVERDUE, "i-db-2").action();
            assertThat(offline.status()).isEqualTo(Status.SKIPPED);
            assertThat(offline.reason()).contains("not online");
            assertThat(findings(report, SCAN_OVERDUE)).noneMatch(f -> f.resource().id().equals("i-db-3"));
        }

        @Test
        void overdueInstancesAreScannedFiftyToACommand() {
            List<String> ids = IntStream.rangeClosed(1, 120).mapToObj(i -> "i-web-%03d".formatted(i)).toList();
            ids.forEach(id -> cloud.put(managed(id).group("web").build()));

            RunReport report = sweep(patchPolicy(TWO_GROUPS + "scan: {maxConcurrency: \"10%\", maxErrors: \"5\"}\nblastRadius: {maxScans: 150}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.START_SCAN, 3L));
            assertThat(cloud.scans()).extracting(s -> s.instanceIds().size()).containsExactly(50, 50, 20);
            assertThat(cloud.scans()).allSatisfy(s -> assertThat(s).extracting(ScanCommand::maxConcurrency, ScanCommand::maxErrors)
                    .containsExactly("10%", "5"));
            assertThat(cloud.scans().stream().flatMap(s -> s.instanceIds().stream())).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(findings(report, SCAN_OVERDUE)).hasSize(120).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        }

        @Test
        void aScanCommandThatFailsFailsItsOwnInstancesOnly() {
            List<String> ids = IntStream.rangeClosed(1, 60).mapToObj(i -> "i-web-%03d".formatted(i)).toList();
            ids.forEach(id -> cloud.put(managed(id).group("web").build()));
            cloud.failNext(InMemoryCloud.START_SCAN, CloudException.Kind.THROTTLED);

            RunReport report = sweep(SCANNING);

            assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(cloud.scans()).singleElement().satisfies(s -> assertThat(s.instanceIds()).hasSize(10));
            assertThat(findings(report, SCAN_OVERDUE)).extracting(f -> f.action().status())
                    .containsOnly(Status.FAILED, Status.APPLIED).filteredOn(Status.FAILED::equals).hasSize(50);
        }

        @Test
        void moreScansThanMaxScansAreRefused_andNothingIsWritten_notEvenTheBaselines() {
            cloud.updateBaseline(idOf("web-al2023"), content("{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [x]}"));
            for (String id : List.of("i-web-1", "i-web-2", "i-web-3")) {
                cloud.put(managed(id).group("web").build());
            }

            RunReport report = sweep(patchPolicy(TWO_GROUPS + "scan: {}\nblastRadius: {maxScans: 2}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(report.error()).hasValueSatisfying(e -> assertThat(e).contains("3 instances", "blastRadius.maxScans 2"));
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.scans()).isEmpty();
            assertThat(cloud.baseline(idOf("web-al2023")).approvedPatches()).containsExactly("x");
            assertThat(withActions(report)).hasSize(4).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.SKIPPED));
        }

        @Test
        void aDryRunPlansTheScansAndStartsNone() {
            cloud.put(managed("i-web-1").group("web").build());

            RunReport report = run(SCANNING, DRY_SWEEP);

            assertThat(cloud.scans()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            FindingAction planned = finding(report, SCAN_OVERDUE, "i-web-1").action();
            assertThat(planned.status()).isEqualTo(Status.PLANNED);
            assertThat(planned.reason()).startsWith("dry-run").contains("scan");
        }
    }

    @Nested
    class PatchGroups {

        @Test
        void anInstanceWithoutAPatchGroupIsReportedOnly_whenThePolicyNamesNoDefaultGroup() {
            cloud.put(managed("i-new").tag("team", "web").build());

            RunReport report = sweep(REPORT_ONLY);

            Finding none = finding(report, NO_PATCH_GROUP, "i-new");
            assertThat(none.severity()).isEqualTo(Severity.LOW);
            assertThat(none.evidence()).containsEntry("tag", PATCH_GROUP).containsEntry("tags", Map.of("team", "web"));
            assertThat(none.action()).extracting(FindingAction::kind, FindingAction::status).containsExactly(FindingAction.NONE, Status.SKIPPED);
            assertThat(none.action().reason()).contains("reported only", "defaultPatchGroup");
            assertThat(cloud.tagsOf("i-new")).isEqualTo(Map.of("team", "web"));
            assertThat(writesOfLastRun()).isEmpty();
        }

        @Test
        void anInstanceWithoutAPatchGroupIsGivenTheDefaultGroup_whenThePolicyNamesOne() {
            cloud.put(managed("i-new").tag("team", "web").build());

            RunReport report = sweep(DEFAULT_GROUP);

            assertThat(cloud.tagsOf("i-new")).isEqualTo(Map.of("team", "web", PATCH_GROUP, "web"));
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.ADD_TAGS, 1L));
            assertThat(finding(report, NO_PATCH_GROUP, "i-new").action())
                    .extracting(FindingAction::kind, FindingAction::status).containsExactly(PatchAction.TAG, Status.APPLIED);

            RunReport next = sweep(DEFAULT_GROUP);

            assertThat(findings(next, NO_PATCH_GROUP)).isEmpty();
            assertThat(finding(next, SCAN_OVERDUE, "i-new").evidence()).containsEntry("patchGroup", "web");
        }

        @Test
        void instancesWithoutAPatchGroupAreTaggedTogether() {
            for (String id : List.of("i-new-1", "i-new-2", "i-new-3")) {
                cloud.put(managed(id).build());
            }

            sweep(DEFAULT_GROUP);

            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.ADD_TAGS, 1L));
            assertThat(List.of("i-new-1", "i-new-2", "i-new-3")).allSatisfy(id -> assertThat(cloud.tagsOf(id)).containsEntry(PATCH_GROUP, "web"));
        }

        @Test
        void theDefaultGroupIsWrittenUnderThePolicysTagKey() {
            cloud.put(managed("i-new").build());

            sweep(patchPolicy(TWO_GROUPS + "compliance: {defaultPatchGroup: db, patchGroupTag: PatchGroup}\n"));

            assertThat(cloud.tagsOf("i-new")).isEqualTo(Map.of("PatchGroup", "db"));
        }

        @Test
        void taggingMoreInstancesThanMaxChangesIsRefused_andNoTagIsWritten() {
            for (String id : List.of("i-new-1", "i-new-2", "i-new-3")) {
                cloud.put(managed(id).build());
            }

            RunReport report = sweep(patchPolicy(TWO_GROUPS + "compliance: {defaultPatchGroup: web}\nblastRadius: {maxChanges: 2}\n"));

            assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(writesOfLastRun()).isEmpty();
            assertThat(cloud.tagsOf("i-new-1")).isEmpty();
            assertThat(findings(report, NO_PATCH_GROUP)).hasSize(3).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.SKIPPED));
        }

        @Test
        void aTagThatFailsIsReportedAsFailed() {
            cloud.put(managed("i-locked").build());
            cloud.failWritesTo("i-locked");

            RunReport report = sweep(DEFAULT_GROUP);

            assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
            assertThat(finding(report, NO_PATCH_GROUP, "i-locked").action().status()).isEqualTo(Status.FAILED);
            assertThat(cloud.tagsOf("i-locked")).isEmpty();
        }

        @ParameterizedTest(name = "policy tag {0}, instance tag {1}")
        @CsvSource({"Patch Group, Patch Group", "Patch Group, PatchGroup", "PatchGroup, Patch Group", "PatchGroup, PatchGroup"})
        void eitherSpellingOfThePatchGroupTagCounts(String policyTag, String instanceTag) {
            cloud.put(managed("i-web-1").tag(instanceTag, "web").build());
            cloud.put(state("i-web-1", "web").scannedAt(YESTERDAY).critical(1).build());

            RunReport report = sweep(patchPolicy(TWO_GROUPS + "compliance: {patchGroupTag: " + policyTag + ", defaultPatchGroup: db}\n"));

            assertThat(report.findings()).extracting(Finding::check).containsExactly(CRITICAL);
            assertThat(cloud.tagsOf("i-web-1")).isEqualTo(Map.of(instanceTag, "web"));
        }

        @Test
        void aDryRunPlansTheTagAndWritesNone() {
            cloud.put(managed("i-new").build());

            RunReport report = run(DEFAULT_GROUP, DRY_SWEEP);

            assertThat(cloud.tagsOf("i-new")).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
            FindingAction planned = finding(report, NO_PATCH_GROUP, "i-new").action();
            assertThat(planned.status()).isEqualTo(Status.PLANNED);
            assertThat(planned.reason()).startsWith("dry-run").contains("Patch Group=web");
        }
    }

    @Nested
    class InstanceStarted {

        @Test
        void onlyTheStartedInstanceIsGivenTheDefaultGroup_andNoBaselineIsRead() {
            cloud.put(managed("i-new").build());
            cloud.put(managed("i-old").build());

            RunReport report = run(DEFAULT_GROUP, started("i-new"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(cloud.tagsOf("i-new")).isEqualTo(Map.of(PATCH_GROUP, "web"));
            assertThat(cloud.tagsOf("i-old")).isEmpty();
            assertThat(report.findings()).extracting(f -> f.resource().id()).containsExactly("i-new");
            assertThat(writesOfLastRun()).isEqualTo(Map.of(InMemoryCloud.ADD_TAGS, 1L));
            assertThat(callsOfLastRun()).doesNotContainKeys(InMemoryCloud.LIST_BASELINES, InMemoryCloud.GET_BASELINE,
                    InMemoryCloud.GET_DEFAULT_BASELINE, InMemoryCloud.PATCH_STATES);
        }

        @Test
        void aStartedInstanceWithoutAPatchGroupIsReportedOnly_whenThePolicyNamesNoDefaultGroup() {
            cloud.put(managed("i-new").build());

            RunReport report = run(REPORT_ONLY, started("i-new"));

            assertThat(finding(report, NO_PATCH_GROUP, "i-new").action().status()).isEqualTo(Status.SKIPPED);
            assertThat(writesOfLastRun()).isEmpty();
        }

        @Test
        void aStartedInstanceWithAPatchGroupNeedsNothing_itsPatchStateIsTheSweepsConcern() {
            cloud.put(managed("i-web-1").group("web").build());
            cloud.put(state("i-web-1", "web").scannedAt(EIGHT_DAYS_AGO).critical(4).build());

            RunReport report = run(SCANNING, started("i-web-1"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
        }

        @Test
        void anInstanceThePatchServiceDoesNotManageYetIsLeftToTheNextSweep() {
            RunReport report = run(DEFAULT_GROUP, started("i-booting"));

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(report.findings()).isEmpty();
            assertThat(writesOfLastRun()).isEmpty();
        }

        @Test
        void aDiscoveryFailureFailsTheRun() {
            cloud.put(managed("i-new").build());
            cloud.failNext(InMemoryCloud.LIST_MANAGED_INSTANCES, CloudException.Kind.UNAVAILABLE);

            RunReport report = run(DEFAULT_GROUP, started("i-new"));

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(cloud.tagsOf("i-new")).isEmpty();
        }
    }
}
