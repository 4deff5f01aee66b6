package dev.cloudwarden.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SsmGapServer;
import dev.cloudwarden.emulator.SsmPatchState;
import dev.cloudwarden.emulator.SsmPatchState.Counts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.PatchBaselineIdentity;
import software.amazon.awssdk.services.ssm.model.PatchFilter;
import software.amazon.awssdk.services.ssm.model.PatchFilterGroup;
import software.amazon.awssdk.services.ssm.model.PatchOrchestratorFilter;
import software.amazon.awssdk.services.ssm.model.PatchRule;
import software.amazon.awssdk.services.ssm.model.PatchRuleGroup;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * The patch-baselines operation end to end: the real engine ({@link LocalAudit}) and the real AWS provider against
 * moto, through the {@link SsmGapServer} that answers the Patch Manager operations moto lacks and sends every other
 * request (EC2's too) on to moto. What a run left behind is read back with a plain SDK {@code SsmClient} — someone
 * else's view of the account, never cloudwarden's code — and EC2 tags with {@link ResourceEstate#tagsOf}. What a run
 * wrote is counted twice, by two witnesses that share no code: the run's own count of API calls (IAM names) and the
 * operations the gap server relayed or answered.
 */
@ExtendWith(MotoExtension.class)
class PatchBaselinesEmulatorTest {
    private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
    private static final String OS = "AMAZON_LINUX_2023";
    private static final String NAME = "cloudwarden-al2023";
    private static final String DESCRIPTION = "Security and bug fixes a week after release";
    private static final String MIRROR = "[internal-mirror]\nname=Internal mirror\nbaseurl=https://mirror.example.com/al2023/$basearch\nenabled=1";
    private static final String MALLORY = "arn:aws:iam::123456789012:user/mallory";
    private static final String OWN_SESSION = "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden";
    /** The baseline the seeded patch states were measured against (AWS's own default for Amazon Linux 2023). */
    private static final String MEASURED_BY = "pb-0d3c5a6b1e2f40789";

    /** The declared baseline: every field SSM has, so that "exactly the declared content" means something. */
    private static final String BASELINES = """
            version: 1
            cloud: aws
            patchBaselines:
              baselines:
                - name: cloudwarden-al2023
                  operatingSystem: AMAZON_LINUX_2023
                  description: Security and bug fixes a week after release
                  default: true
                  patchGroups: [web-servers, workers]
                  globalFilters: { PRODUCT: [AmazonLinux2023] }
                  approvalRules:
                    - filters: { CLASSIFICATION: [Security], SEVERITY: [Critical, Important] }
                      approveAfterDays: 7
                      complianceLevel: CRITICAL
                    - filters: { CLASSIFICATION: [Bugfix] }
                      approveUntilDate: 2026-12-31
                      complianceLevel: MEDIUM
                      enableNonSecurity: true
                  approvedPatches: [openssl-3.0.8-1.amzn2023.0.5]
                  approvedPatchesComplianceLevel: HIGH
                  rejectedPatches: [kernel-6.1.100-1.el9]
                  rejectedPatchesAction: BLOCK
                  sources:
                    - name: internal-mirror
                      products: [AmazonLinux2023]
                      configuration: "[internal-mirror]\\nname=Internal mirror\\nbaseurl=https://mirror.example.com/al2023/$basearch\\nenabled=1"
            """;
    /** Instances judged, overdue ones scanned (5 at a time, stop at the first error), untagged ones given {@code workers}. */
    private static final String COMPLIANCE = """
              compliance:
                scanMaxAge: 7d
                patchGroupTag: Patch Group
                defaultPatchGroup: workers
              scan: { maxConcurrency: "5", maxErrors: "1" }
            """;
    private static final String POLICY = BASELINES;
    private static final String WITH_COMPLIANCE = BASELINES + COMPLIANCE;

    private static final String BASELINE_MISSING = "patches.baseline-missing";
    private static final String BASELINE_DRIFT = "patches.baseline-drift";
    private static final String GROUP_UNREGISTERED = "patches.patch-group-unregistered";
    private static final String GROUP_STALE = "patches.patch-group-stale";
    private static final String DEFAULT_DRIFT = "patches.default-baseline-drift";
    private static final String CRITICAL = "patches.instance-critical-noncompliant";
    private static final String SECURITY = "patches.instance-security-noncompliant";
    private static final String FAILED = "patches.instance-failed-patches";
    private static final String MISSING = "patches.instance-missing-patches";
    private static final String PENDING_REBOOT = "patches.instance-pending-reboot";
    private static final String SCAN_OVERDUE = "patches.instance-scan-overdue";
    private static final String NO_PATCH_GROUP = "patches.instance-no-patch-group";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto;
    private SsmGapServer gap;
    private ResourceEstate estate;
    /** Someone else's SSM client: how the account looks from outside cloudwarden, and how drift is made. */
    private SsmClient ssm;
    /** What GetDefaultPatchBaseline answers for Amazon Linux 2023 before any run: AWS's own default, as an ARN. */
    private String awsDefault;

    PatchBaselinesEmulatorTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void start() {
        gap = SsmGapServer.start(moto);
        gap.reset(); // moto was reset by MotoExtension: the two states go together
        estate = new ResourceEstate(moto.endpoint());
        ssm = client(gap.endpoint());
        awsDefault = defaultOf(OS);
    }

    @AfterEach
    void stop() {
        ssm.close();
        estate.close();
        gap.close();
    }

    @Nested
    class AFirstSweep {
        @Test
        void createsTheBaselineWithExactlyTheDeclaredContent_registersItsGroups_andMakesItTheDefault() {
            assertThat(awsDefault).as("before the run: AWS's own default").startsWith("arn:aws:ssm:us-east-1:");

            Ran first = sweep(POLICY, T);

            assertThat(first.report().status()).isEqualTo(RunStatus.COMPLETE);
            String id = baselineId();
            assertDeclared(id);
            assertThat(ssm.getPatchBaselineForPatchGroup(r -> r.patchGroup("web-servers").operatingSystem(OS)).baselineId()).isEqualTo(id);
            assertThat(ssm.getPatchBaselineForPatchGroup(r -> r.patchGroup("workers").operatingSystem(OS)).baselineId()).isEqualTo(id);
            assertThat(patchGroups()).containsExactlyEntriesOf(new TreeMap<>(Map.of("web-servers", id, "workers", id)));
            assertThat(defaultOf(OS)).isEqualTo(id);

            assertThat(first.report().findings()).extracting(Finding::check)
                    .containsExactlyInAnyOrder(BASELINE_MISSING, GROUP_UNREGISTERED, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(first.report().findings()).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
            assertThat(first.report().findings()).filteredOn(f -> f.check().equals(BASELINE_MISSING)).singleElement()
                    .satisfies(f -> assertThat(f.action().reason()).isEqualTo("created " + id));
            assertThat(first.countedWrites()).containsExactlyInAnyOrderEntriesOf(Map.of("ssm:CreatePatchBaseline", 1L,
                    "ssm:RegisterPatchBaselineForPatchGroup", 2L, "ssm:RegisterDefaultPatchBaseline", 1L));
            assertThat(first.seenWrites()).containsExactlyInAnyOrder("CreatePatchBaseline",
                    "RegisterPatchBaselineForPatchGroup", "RegisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");
        }

        @Test
        void aSecondSweep_findsNothing_andMakesNoCallThatWrites() {
            sweep(POLICY, T);
            String id = baselineId();

            Ran second = sweep(POLICY, T.plus(Duration.ofHours(1)));

            assertThat(second.report().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(second.report().findings()).isEmpty();
            assertThat(second.countedWrites()).as("writes the run counted").isEmpty();
            assertThat(second.seenWrites()).as("writes the gap server relayed or answered").isEmpty();
            assertThat(second.report().apiCalls().byOperation()).as("it did look")
                    .containsKeys("ssm:DescribePatchBaselines", "ssm:GetPatchBaseline", "ssm:GetDefaultPatchBaseline");
            assertThat(ownBaselines()).extracting(PatchBaselineIdentity::baselineId).containsExactly(id);
            assertDeclared(id);
        }
    }

    @Nested
    class ADryRun {
        @Test
        void writesNothing_andPlansEveryChangeWithAReasonStartingDryRun() {
            String untagged = estate.instance(Map.of("Name", "batch-1"));
            String neverScanned = estate.instance(Map.of("Name", "web-1", "Patch Group", "web-servers"));
            gap.manage(untagged, "Linux", "Amazon Linux");
            gap.manage(neverScanned, "Linux", "Amazon Linux");

            Ran dryRun = run(WITH_COMPLIANCE, RunRequest.sweep(Trigger.MANUAL, true), T);

            assertThat(dryRun.report().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(dryRun.report().dryRun()).isTrue();
            List<Finding> changes = dryRun.report().findings().stream()
                    .filter(f -> !f.action().kind().equals(FindingAction.NONE)).toList();
            assertThat(changes).extracting(f -> f.action().kind()).containsExactlyInAnyOrder("create-baseline",
                    "register-patch-group", "register-patch-group", "set-default-baseline", "tag-patch-group", "start-scan");
            assertThat(changes).allSatisfy(f -> {
                assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                assertThat(f.action().reason()).startsWith("dry-run");
            });
            assertThat(changes).filteredOn(f -> f.action().kind().equals("tag-patch-group")).singleElement()
                    .satisfies(f -> assertThat(f.action().reason()).contains("Patch Group=workers"));

            assertThat(dryRun.countedWrites()).isEmpty();
            assertThat(dryRun.seenWrites()).isEmpty();
            assertThat(ownBaselines()).isEmpty();
            assertThat(patchGroups()).isEmpty();
            assertThat(defaultOf(OS)).isEqualTo(awsDefault);
            assertThat(estate.tagsOf(untagged)).doesNotContainKey("Patch Group");
            assertThat(ssm.listCommands(r -> { }).commands()).isEmpty();
        }
    }

    @Nested
    class DriftMadeBetweenTwoSweeps {
        @Test
        void aChangedRule_anExtraGroup_aRemovedGroup_andAnotherDefault_areRevertedExactly() {
            sweep(POLICY, T);
            String id = baselineId();
            String teamB = ssm.createPatchBaseline(r -> r.name("team-b-al2023").operatingSystem(OS)
                    .approvalRules(rules(PatchRule.builder().patchFilterGroup(filters("CLASSIFICATION", "Security"))
                            .approveAfterDays(0).build()))).baselineId();
            // someone edits by hand: slower security patches and a new description (no Replace: the rest stays) …
            GetPatchBaselineResponse before = ssm.getPatchBaseline(r -> r.baselineId(id));
            ssm.updatePatchBaseline(r -> r.baselineId(id).description("Security fixes a month after release")
                    .approvalRules(withSecurityDays(before, 30)));
            // … moves the baseline from workers to legacy, and makes team B's baseline the default
            ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("legacy"));
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("workers"));
            ssm.registerDefaultPatchBaseline(r -> r.baselineId(teamB));
            GetPatchBaselineResponse teamBBefore = ssm.getPatchBaseline(r -> r.baselineId(teamB));

            Ran revert = sweep(POLICY, T.plus(Duration.ofHours(1)));

            assertThat(revert.report().status()).isEqualTo(RunStatus.COMPLETE);
            RunReport report = revert.report();
            assertThat(report.findings()).extracting(Finding::check)
                    .containsExactlyInAnyOrder(BASELINE_DRIFT, GROUP_STALE, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(report.findings()).allSatisfy(f -> {
                assertThat(f.resource().id()).isEqualTo(id);
                assertThat(f.action().status()).isEqualTo(Status.APPLIED);
                assertThat(f.evidence()).doesNotContainKey("changedBy");
            });
            assertThat(only(report, BASELINE_DRIFT)).satisfies(f -> {
                assertThat(changedFields(f)).containsExactly("description", "approvalRules");
                assertThat(f.title()).contains("description, approvalRules");
                assertThat(change(f, "description")).containsEntry("declared", DESCRIPTION)
                        .containsEntry("found", "Security fixes a month after release");
            });
            assertThat(only(report, GROUP_STALE).evidence()).containsEntry("patchGroup", "legacy");
            assertThat(only(report, GROUP_UNREGISTERED).evidence()).containsEntry("patchGroup", "workers");
            assertThat(only(report, DEFAULT_DRIFT).evidence()).containsEntry("currentDefault", teamB);

            assertDeclared(id);
            assertThat(patchGroups()).containsExactlyEntriesOf(new TreeMap<>(Map.of("web-servers", id, "workers", id)));
            assertThat(defaultOf(OS)).isEqualTo(id);
            GetPatchBaselineResponse teamBAfter = ssm.getPatchBaseline(r -> r.baselineId(teamB));
            assertThat(teamBAfter.modifiedDate()).as("another name's baseline is never touched").isEqualTo(teamBBefore.modifiedDate());
            assertThat(teamBAfter.approvalRules()).isEqualTo(teamBBefore.approvalRules());
            assertThat(ownBaselines()).extracting(PatchBaselineIdentity::baselineId).containsExactlyInAnyOrder(id, teamB);
            assertThat(revert.countedWrites()).containsExactlyInAnyOrderEntriesOf(Map.of("ssm:UpdatePatchBaseline", 1L,
                    "ssm:DeregisterPatchBaselineForPatchGroup", 1L, "ssm:RegisterPatchBaselineForPatchGroup", 1L,
                    "ssm:RegisterDefaultPatchBaseline", 1L));
            assertThat(revert.seenWrites()).containsExactlyInAnyOrder("UpdatePatchBaseline",
                    "DeregisterPatchBaselineForPatchGroup", "RegisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");

            assertThat(sweep(POLICY, T.plus(Duration.ofHours(2))).seenWrites()).as("and stays reverted").isEmpty();
        }

        @Test
        void aDeletedBaseline_isCreatedAgain_withItsGroupsAndItsDefault() {
            sweep(POLICY, T);
            String old = baselineId();
            // AWS refuses to delete a baseline that serves a group or is a default: the groups go, AWS's default comes back
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(old).patchGroup("web-servers"));
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(old).patchGroup("workers"));
            ssm.registerDefaultPatchBaseline(r -> r.baselineId(awsDefault));
            ssm.deletePatchBaseline(r -> r.baselineId(old));
            assertThat(ownBaselines()).isEmpty();

            Ran again = sweep(POLICY, T.plus(Duration.ofHours(1)));

            assertThat(again.report().status()).isEqualTo(RunStatus.COMPLETE);
            String id = baselineId();
            assertThat(id).isNotEqualTo(old);
            assertThat(again.report().findings()).extracting(Finding::check)
                    .containsExactlyInAnyOrder(BASELINE_MISSING, GROUP_UNREGISTERED, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(only(again.report(), BASELINE_MISSING)).satisfies(f -> {
                assertThat(f.evidence()).containsEntry("baseline", NAME).containsEntry("operatingSystem", OS);
                assertThat(f.action().reason()).isEqualTo("created " + id);
            });
            assertThat(again.report().findings()).allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
            assertDeclared(id);
            assertThat(patchGroups()).containsExactlyEntriesOf(new TreeMap<>(Map.of("web-servers", id, "workers", id)));
            assertThat(defaultOf(OS)).isEqualTo(id);
            assertThat(again.seenWrites()).containsExactlyInAnyOrder("CreatePatchBaseline",
                    "RegisterPatchBaselineForPatchGroup", "RegisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");
            assertThat(again.countedWrites()).containsExactlyInAnyOrderEntriesOf(Map.of("ssm:CreatePatchBaseline", 1L,
                    "ssm:RegisterPatchBaselineForPatchGroup", 2L, "ssm:RegisterDefaultPatchBaseline", 1L));
        }
    }

    @Nested
    class AChangeEvent {
        @Test
        void bySomeoneElse_revertsTheDriftAtOnce_andEachFindingNamesThem() {
            sweep(POLICY, T);
            String id = baselineId();
            GetPatchBaselineResponse before = ssm.getPatchBaseline(r -> r.baselineId(id));
            ssm.updatePatchBaseline(r -> r.baselineId(id).approvalRules(withSecurityDays(before, 30)));
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("workers"));
            Instant at = T.plus(Duration.ofMinutes(10));

            Ran event = run(POLICY, RunRequest.resources(Trigger.EVENT, List.of(id),
                    Optional.of(new Creator(MALLORY, "IAMUser", at)), false), at.plus(Duration.ofMinutes(1)));

            assertThat(event.report().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(event.report().findings()).extracting(Finding::check).containsExactlyInAnyOrder(BASELINE_DRIFT, GROUP_UNREGISTERED);
            assertThat(event.report().findings()).allSatisfy(f -> {
                assertThat(f.evidence()).containsEntry("changedBy", MALLORY).containsEntry("changedByType", "IAMUser")
                        .containsEntry("changedAt", at.toString());
                assertThat(f.title()).contains("after a change by " + MALLORY);
                assertThat(f.action().status()).isEqualTo(Status.APPLIED);
            });
            assertThat(changedFields(only(event.report(), BASELINE_DRIFT))).containsExactly("approvalRules");
            assertDeclared(id);
            assertThat(patchGroups()).containsExactlyEntriesOf(new TreeMap<>(Map.of("web-servers", id, "workers", id)));
            assertThat(event.countedWrites()).containsExactlyInAnyOrderEntriesOf(Map.of("ssm:UpdatePatchBaseline", 1L,
                    "ssm:RegisterPatchBaselineForPatchGroup", 1L));
            assertThat(event.seenWrites()).containsExactlyInAnyOrder("UpdatePatchBaseline", "RegisterPatchBaselineForPatchGroup");
            assertThat(event.report().apiCalls().byOperation()).as("a change event judges no instance")
                    .doesNotContainKeys("ssm:DescribeInstanceInformation", "ssm:DescribeInstancePatchStatesForPatchGroup");
        }

        @Test
        void deletingTheBaseline_createsItAgainAtOnce_withItsGroupsAndDefault_namingWhoDeletedIt() {
            sweep(POLICY, T);
            String old = baselineId();
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(old).patchGroup("web-servers"));
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(old).patchGroup("workers"));
            ssm.registerDefaultPatchBaseline(r -> r.baselineId(awsDefault));
            ssm.deletePatchBaseline(r -> r.baselineId(old));
            Instant at = T.plus(Duration.ofMinutes(10));

            Ran event = run(POLICY, RunRequest.resources(Trigger.EVENT, List.of(old),
                    Optional.of(new Creator(MALLORY, "IAMUser", at)), false), at.plus(Duration.ofMinutes(1)));

            assertThat(event.report().status()).isEqualTo(RunStatus.COMPLETE);
            String id = baselineId();
            assertThat(event.report().findings()).extracting(Finding::check)
                    .containsExactlyInAnyOrder(BASELINE_MISSING, GROUP_UNREGISTERED, GROUP_UNREGISTERED, DEFAULT_DRIFT);
            assertThat(event.report().findings()).allSatisfy(f -> {
                assertThat(f.evidence()).containsEntry("changedBy", MALLORY);
                assertThat(f.action().status()).isEqualTo(Status.APPLIED);
            });
            assertDeclared(id);
            assertThat(patchGroups()).containsExactlyEntriesOf(new TreeMap<>(Map.of("web-servers", id, "workers", id)));
            assertThat(defaultOf(OS)).isEqualTo(id);
        }

        @Test
        void byCloudwardensOwnRole_callsNothing_andReportsNothing() {
            sweep(POLICY, T);
            String id = baselineId();
            GetPatchBaselineResponse before = ssm.getPatchBaseline(r -> r.baselineId(id));
            ssm.updatePatchBaseline(r -> r.baselineId(id).approvalRules(withSecurityDays(before, 30)));
            Instant at = T.plus(Duration.ofMinutes(10));
            // mallory's change reverted; then that revert's own CloudTrail event arrives, made by cloudwarden's role
            run(POLICY, RunRequest.resources(Trigger.EVENT, List.of(id), Optional.of(new Creator(MALLORY, "IAMUser", at)), false),
                    at.plus(Duration.ofMinutes(1)));

            Ran own = run(POLICY, RunRequest.resources(Trigger.EVENT, List.of(id),
                    Optional.of(new Creator(OWN_SESSION, "AssumedRole", at.plus(Duration.ofMinutes(1)))), false), at.plus(Duration.ofMinutes(2)));

            assertThat(own.report().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(own.report().findings()).isEmpty();
            assertThat(own.countedWrites()).isEmpty();
            assertThat(own.seenWrites()).isEmpty();
            assertThat(own.report().apiCalls().total()).as("not a single call").isZero();
            assertThat(own.forwarded()).isEmpty();
            assertThat(own.served()).isEmpty();
            assertDeclared(id);
        }
    }

    @Nested
    class Compliance {
        private String critical;
        private String failing;
        private String missing;
        private String reboot;
        private String compliant;
        private String stale;
        private String neverScanned;
        private String offline;
        private String untagged;
        private String otherTeam;

        /**
         * Ten managed instances: five of web-servers each with one kind of trouble in its last patch state, one
         * compliant, one scanned ten days ago, one never scanned, one whose agent lost its connection (never scanned);
         * one without a patch group, and one of another team's group (never scanned).
         */
        @BeforeEach
        void seed() {
            critical = webServer("web-critical");
            failing = webServer("web-failing");
            missing = webServer("web-missing");
            reboot = webServer("web-reboot");
            compliant = webServer("web-compliant");
            stale = webServer("web-stale");
            neverScanned = webServer("web-new");
            offline = estate.instance(Map.of("Name", "web-offline", "Patch Group", "web-servers"));
            gap.manage(offline, "Linux", "Amazon Linux", "ConnectionLost");
            untagged = estate.instance(Map.of("Name", "batch-1"));
            gap.manage(untagged, "Linux", "Amazon Linux");
            otherTeam = estate.instance(Map.of("Name", "db-1", "Patch Group", "db-servers"));
            gap.manage(otherTeam, "Linux", "Amazon Linux");
            Instant yesterday = T.minus(Duration.ofDays(1));
            state(critical, Counts.none().withInstalled(200).withMissing(5).withCriticalNonCompliant(2).withSecurityNonCompliant(3),
                    "Scan", yesterday);
            state(failing, Counts.none().withInstalled(200).withFailed(1), "Install", yesterday);
            state(missing, Counts.none().withInstalled(200).withMissing(4).withOtherNonCompliant(4), "Scan", yesterday);
            state(reboot, Counts.none().withInstalled(200).withInstalledPendingReboot(2), "Install", T.minus(Duration.ofDays(2)));
            state(compliant, Counts.none().withInstalled(212), "Scan", yesterday);
            state(stale, Counts.none().withInstalled(212), "Scan", T.minus(Duration.ofDays(10)));
        }

        @Test
        void eachInstanceOfADeclaredGroupIsJudgedByItsLastPatchState() {
            RunReport report = sweep(WITH_COMPLIANCE, T).report();

            assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(instanceChecks(report, critical)).containsExactlyInAnyOrder(CRITICAL, SECURITY, MISSING);
            assertThat(instanceChecks(report, failing)).containsExactly(FAILED);
            assertThat(instanceChecks(report, missing)).containsExactly(MISSING);
            assertThat(instanceChecks(report, reboot)).containsExactly(PENDING_REBOOT);
            assertThat(instanceChecks(report, compliant)).isEmpty();
            assertThat(instanceChecks(report, stale)).containsExactly(SCAN_OVERDUE);
            assertThat(instanceChecks(report, neverScanned)).containsExactly(SCAN_OVERDUE);
            assertThat(instanceChecks(report, offline)).containsExactly(SCAN_OVERDUE);
            assertThat(instanceChecks(report, untagged)).containsExactly(NO_PATCH_GROUP);
            assertThat(instanceChecks(report, otherTeam)).as("another team's group is judged by a baseline not declared here").isEmpty();
            assertThat(finding(report, CRITICAL, critical)).satisfies(f -> {
                assertThat(f.severity().id()).isEqualTo("high");
                assertThat(f.evidence()).containsEntry("criticalNonCompliant", 2).containsEntry("operation", "Scan");
            });
            assertThat(finding(report, SECURITY, critical).evidence()).containsEntry("securityNonCompliant", 3);
            assertThat(finding(report, FAILED, failing)).satisfies(f -> {
                assertThat(f.severity().id()).isEqualTo("high");
                assertThat(f.evidence()).containsEntry("failed", 1).containsEntry("operation", "Install")
                        .containsEntry("patchGroup", "web-servers").containsEntry("baselineId", MEASURED_BY);
            });
            assertThat(finding(report, MISSING, missing).evidence()).containsEntry("missing", 4);
            assertThat(finding(report, PENDING_REBOOT, reboot).evidence()).containsEntry("installedPendingReboot", 2);
            assertThat(report.findings()).filteredOn(f -> f.check().startsWith("patches.instance-") && !f.check().equals(SCAN_OVERDUE)
                    && !f.check().equals(NO_PATCH_GROUP)).allSatisfy(f -> assertThat(f.action().kind()).isEqualTo(FindingAction.NONE));
            assertThat(finding(report, SCAN_OVERDUE, stale).evidence()).containsEntry("scanMaxAge", "7d")
                    .containsEntry("lastOperation", "Scan").containsEntry("lastOperationEnd", T.minus(Duration.ofDays(10)).toString());
            assertThat(finding(report, SCAN_OVERDUE, neverScanned).evidence()).containsEntry("lastOperation", "none")
                    .containsEntry("lastOperationEnd", "never");
        }

        @Test
        void theOverdueInstancesWhoseAgentIsOnline_areScannedInOneCommand_namedByEachFinding() {
            WireMockServer recorder = recorderInFrontOfTheGapServer();
            try {
                Ran ran = run(WITH_COMPLIANCE, RunRequest.sweep(Trigger.SCHEDULE, false), T, URI.create(recorder.baseUrl()));

                assertThat(ran.report().status()).isEqualTo(RunStatus.COMPLETE);
                assertThat(ran.countedWrites()).containsEntry("ssm:SendCommand", 1L);
                assertThat(ran.seenWrites().stream().filter("SendCommand"::equals)).hasSize(1);
                // what was sent, as the wire shows it
                JsonNode sent = recorder.findAll(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo("AmazonSSM.SendCommand")))
                        .stream().map(r -> json(r.getBodyAsString())).collect(single());
                assertThat(sent.path("DocumentName").asText()).isEqualTo("AWS-RunPatchBaseline");
                assertThat(texts(sent.path("Parameters").path("Operation"))).containsExactly("Scan");
                assertThat(texts(sent.path("InstanceIds"))).as("the offline one is not scanned").containsExactlyInAnyOrder(stale, neverScanned);
                assertThat(sent.has("Targets")).as("instances named by id, not by tag targets").isFalse();
                assertThat(sent.path("MaxConcurrency").asText()).isEqualTo("5");
                assertThat(sent.path("MaxErrors").asText()).isEqualTo("1");
                // the command as SSM keeps it, and the findings that name it
                Command command = ssm.listCommands(r -> { }).commands().stream().collect(single());
                assertThat(command.documentName()).isEqualTo("AWS-RunPatchBaseline");
                assertThat(command.parameters()).containsExactlyEntriesOf(Map.of("Operation", List.of("Scan")));
                assertThat(command.instanceIds()).contains(stale, neverScanned);
                assertThat(command.maxConcurrency()).isEqualTo("5");
                assertThat(command.maxErrors()).isEqualTo("1");
                for (String scanned : List.of(stale, neverScanned)) {
                    assertThat(finding(ran.report(), SCAN_OVERDUE, scanned)).satisfies(f -> {
                        assertThat(f.severity().id()).isEqualTo("medium");
                        assertThat(f.action().kind()).isEqualTo("start-scan");
                        assertThat(f.action().status()).isEqualTo(Status.APPLIED);
                        assertThat(f.action().reason()).isEqualTo("scan started: command " + command.commandId());
                    });
                }
                assertThat(finding(ran.report(), SCAN_OVERDUE, offline).action()).satisfies(a -> {
                    assertThat(a.status()).isEqualTo(Status.SKIPPED);
                    assertThat(a.reason()).contains("not online");
                });
            } finally {
                recorder.stop();
            }
        }

        /**
         * The same command read back as anyone would, with ListCommands: it names the instances it was sent to, and
         * no others.
         */
        @Test
        void listCommands_showsTheScanCommandWithExactlyTheInstancesItWasSentTo() {
            sweep(WITH_COMPLIANCE, T);

            Command command = ssm.listCommands(r -> { }).commands().stream().collect(single());
            assertThat(command.documentName()).isEqualTo("AWS-RunPatchBaseline");
            assertThat(command.instanceIds()).as("the instances of the scan command, as ListCommands shows them"
                            + " (the request named only these two, as the recorder in front of the gap server shows)")
                    .containsExactlyInAnyOrder(stale, neverScanned);
        }

        @Test
        void anInstanceWithoutAPatchGroup_isTaggedWithTheDefaultGroup_andNoOtherInstanceIsTagged() {
            Map<String, Map<String, String>> tagsBefore = new TreeMap<>();
            for (String id : List.of(critical, failing, missing, reboot, compliant, stale, neverScanned, offline, otherTeam)) {
                tagsBefore.put(id, estate.tagsOf(id));
            }

            Ran ran = sweep(WITH_COMPLIANCE, T);

            assertThat(finding(ran.report(), NO_PATCH_GROUP, untagged)).satisfies(f -> {
                assertThat(f.severity().id()).isEqualTo("low");
                assertThat(f.action().kind()).isEqualTo("tag-patch-group");
                assertThat(f.action().status()).isEqualTo(Status.APPLIED);
                assertThat(f.action().reason()).isEqualTo("tagged Patch Group=workers");
            });
            assertThat(estate.tagsOf(untagged)).containsExactlyEntriesOf(new TreeMap<>(Map.of("Name", "batch-1", "Patch Group", "workers")));
            tagsBefore.forEach((id, tags) -> assertThat(estate.tagsOf(id)).as(id).isEqualTo(tags));
            assertThat(ran.countedWrites()).containsEntry("ec2:CreateTags", 1L);
            assertThat(ran.seenWrites().stream().filter("CreateTags"::equals)).hasSize(1);

            Ran next = sweep(WITH_COMPLIANCE, T.plus(Duration.ofHours(1)));
            assertThat(instanceChecks(next.report(), untagged)).as("a workers instance now, never scanned")
                    .containsExactly(SCAN_OVERDUE);
            assertThat(next.countedWrites()).doesNotContainKey("ec2:CreateTags");
        }

        /**
         * A hybrid node (mi-…) without a patch group gets the default group in SSM, where its tags live, and the EC2
         * instance without one in the same sweep through EC2: neither write carries the other's id.
         */
        @Test
        void aHybridNodeWithoutAPatchGroup_isTaggedInSsm_besideTheEc2InstanceTaggedThroughEc2() {
            String hybrid = "mi-0123456789abcdef0";
            gap.manage(hybrid, "Linux", "Ubuntu");
            ssm.addTagsToResource(r -> r.resourceType("ManagedInstance").resourceId(hybrid)
                    .tags(Tag.builder().key("owner").value("platform").build()));

            Ran ran = sweep(WITH_COMPLIANCE, T);

            assertThat(ran.report().status()).isEqualTo(RunStatus.COMPLETE);
            for (String id : List.of(hybrid, untagged)) {
                assertThat(finding(ran.report(), NO_PATCH_GROUP, id).action()).as(id).satisfies(a -> {
                    assertThat(a.status()).isEqualTo(Status.APPLIED);
                    assertThat(a.reason()).isEqualTo("tagged Patch Group=workers");
                });
            }
            assertThat(ssm.listTagsForResource(r -> r.resourceType("ManagedInstance").resourceId(hybrid)).tagList())
                    .extracting(Tag::key, Tag::value).containsExactlyInAnyOrder(tuple("owner", "platform"), tuple("Patch Group", "workers"));
            assertThat(estate.tagsOf(untagged)).containsEntry("Patch Group", "workers");
            assertThat(ran.countedWrites()).containsEntry("ssm:AddTagsToResource", 1L).containsEntry("ec2:CreateTags", 1L);
        }
    }

    @Nested
    class ComplianceReportedOnly {
        @Test
        void withoutAScanSection_overdueInstancesAreOnlyReported() {
            String stale = webServer("web-stale");
            state(stale, Counts.none().withInstalled(212), "Scan", T.minus(Duration.ofDays(8)));

            Ran ran = sweep(BASELINES + "  compliance: { scanMaxAge: 7d }\n", T);

            assertThat(finding(ran.report(), SCAN_OVERDUE, stale).action()).satisfies(a -> {
                assertThat(a.status()).isEqualTo(Status.SKIPPED);
                assertThat(a.reason()).contains("no scan section");
            });
            assertThat(ran.countedWrites()).doesNotContainKey("ssm:SendCommand");
            assertThat(ran.seenWrites()).doesNotContain("SendCommand");
            assertThat(ssm.listCommands(r -> { }).commands()).isEmpty();
        }

        /**
         * A hybrid managed node (mi-…, not EC2) keeps its tags in SSM: they are read with ListTagsForResource, so the
         * node without a patch group is reported with the tags it does have, and the one tagged web-servers is judged
         * as a web-servers instance. No defaultPatchGroup here: the node is reported, and nothing is tagged.
         * (With defaultPatchGroup it is tagged in SSM: see Compliance.)
         */
        @Test
        void aHybridNodeWithoutAPatchGroup_isReportedWithItsSsmTags_andLeftAsItWas() {
            String hybrid = "mi-0123456789abcdef0";
            String hybridWeb = "mi-0fedcba9876543210";
            gap.manage(hybrid, "Linux", "Ubuntu");
            gap.manage(hybridWeb, "Linux", "Ubuntu");
            ssm.addTagsToResource(r -> r.resourceType("ManagedInstance").resourceId(hybrid)
                    .tags(Tag.builder().key("owner").value("platform").build()));
            ssm.addTagsToResource(r -> r.resourceType("ManagedInstance").resourceId(hybridWeb)
                    .tags(Tag.builder().key("Patch Group").value("web-servers").build()));

            Ran ran = sweep(BASELINES + "  compliance: { scanMaxAge: 7d }\n", T);

            assertThat(ran.report().status()).isEqualTo(RunStatus.COMPLETE);
            assertThat(instanceChecks(ran.report(), hybrid)).containsExactly(NO_PATCH_GROUP);
            assertThat(finding(ran.report(), NO_PATCH_GROUP, hybrid)).satisfies(f -> {
                assertThat(f.severity().id()).isEqualTo("low");
                assertThat(f.resource().type()).isEqualTo("ssm:managed-instance");
                assertThat(f.resource().tags().values()).as("its SSM tags").containsExactlyEntriesOf(Map.of("owner", "platform"));
                assertThat(f.evidence()).containsEntry("tag", "Patch Group").containsEntry("platform", "Ubuntu")
                        .containsEntry("tags", new TreeMap<>(Map.of("owner", "platform")));
                assertThat(f.action().kind()).isEqualTo(FindingAction.NONE);
                assertThat(f.action().status()).isEqualTo(Status.SKIPPED);
                assertThat(f.action().reason()).isEqualTo("reported only: compliance.defaultPatchGroup is not set");
            });
            assertThat(instanceChecks(ran.report(), hybridWeb)).as("its patch group, read from its SSM tags")
                    .containsExactly(SCAN_OVERDUE);
            assertThat(finding(ran.report(), SCAN_OVERDUE, hybridWeb).evidence()).containsEntry("patchGroup", "web-servers")
                    .containsEntry("lastOperation", "none");
            assertThat(ran.report().apiCalls().byOperation()).containsEntry("ssm:ListTagsForResource", 2L)
                    .doesNotContainKeys("ec2:DescribeInstances", "ec2:CreateTags", "ssm:AddTagsToResource");
            assertThat(ran.served().stream().filter("ListTagsForResource"::equals)).hasSize(2);
            assertThat(ran.countedWrites()).doesNotContainKeys("ec2:CreateTags", "ssm:AddTagsToResource", "ssm:SendCommand");
            assertThat(ran.seenWrites()).doesNotContain("CreateTags", "AddTagsToResource", "SendCommand");
            assertThat(ssm.listTagsForResource(r -> r.resourceType("ManagedInstance").resourceId(hybrid)).tagList())
                    .extracting(Tag::key, Tag::value).containsExactly(tuple("owner", "platform"));
        }
    }

    @Nested
    class BlastRadius {
        @Test
        void morePlannedChangesThanMaxChanges_refuseTheRun_andNothingIsWritten() {
            String untagged = estate.instance(Map.of("Name", "batch-1"));
            gap.manage(untagged, "Linux", "Amazon Linux");

            // create, two registrations, the default and one tag: five changes
            Ran refused = sweep(WITH_COMPLIANCE + "  blastRadius: { maxChanges: 4 }\n", T);

            assertThat(refused.report().status()).isEqualTo(RunStatus.REFUSED);
            assertThat(refused.report().error()).get().asString().contains("5 changes").contains("blastRadius.maxChanges 4");
            assertThat(refused.report().findings()).filteredOn(f -> !f.action().kind().equals(FindingAction.NONE))
                    .hasSize(5).allSatisfy(f -> {
                        assertThat(f.action().status()).isEqualTo(Status.SKIPPED);
                        assertThat(f.action().reason()).contains("blast radius exceeded");
                    });
            assertThat(refused.countedWrites()).isEmpty();
            assertThat(refused.seenWrites()).isEmpty();
            assertThat(ownBaselines()).isEmpty();
            assertThat(patchGroups()).isEmpty();
            assertThat(defaultOf(OS)).isEqualTo(awsDefault);
            assertThat(estate.tagsOf(untagged)).doesNotContainKey("Patch Group");
        }

        @Test
        void moreOverdueInstancesThanMaxScans_refuseTheRun_andNothingIsScanned() {
            List<String> overdue = List.of(webServer("web-1"), webServer("web-2"), webServer("web-3"));

            Ran refused = sweep(WITH_COMPLIANCE + "  blastRadius: { maxScans: 2 }\n", T);

            assertThat(refused.report().status()).isEqualTo(RunStatus.REFUSED);
            assertThat(refused.report().error()).get().asString().contains("scans 3 instances").contains("blastRadius.maxScans 2");
            assertThat(overdue).allSatisfy(id -> assertThat(finding(refused.report(), SCAN_OVERDUE, id).action().status())
                    .isEqualTo(Status.SKIPPED));
            assertThat(refused.countedWrites()).isEmpty();
            assertThat(refused.seenWrites()).isEmpty();
            assertThat(ssm.listCommands(r -> { }).commands()).isEmpty();
            assertThat(ownBaselines()).isEmpty();
        }
    }

    @Nested
    class TheEmulatorSplit {
        /**
         * Which SSM operations of a full sweep and a drift revert ran on moto and which on the gap server, observed rather
         * than assumed: the gap server answered exactly the Patch Manager operations it lists as moto's gaps, moto all the
         * others — and asked directly, moto does fail each of those it lacks.
         */
        @Test
        void theGapServerAnswersExactlyTheOperationsMotoLacks_andMotoAnswersEverythingElse() {
            String untagged = estate.instance(Map.of("Name", "batch-1"));
            gap.manage(untagged, "Linux", "Amazon Linux");
            String neverScanned = webServer("web-new");
            Ran first = sweep(WITH_COMPLIANCE, T);
            String id = baselineId();
            String teamB = ssm.createPatchBaseline(r -> r.name("team-b-al2023").operatingSystem(OS)
                    .approvalRules(rules(PatchRule.builder().patchFilterGroup(filters("CLASSIFICATION", "Security"))
                            .approveAfterDays(0).build()))).baselineId();
            GetPatchBaselineResponse before = ssm.getPatchBaseline(r -> r.baselineId(id));
            ssm.updatePatchBaseline(r -> r.baselineId(id).approvalRules(withSecurityDays(before, 30)));
            ssm.registerPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("legacy"));
            ssm.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(id).patchGroup("workers"));
            ssm.registerDefaultPatchBaseline(r -> r.baselineId(teamB));
            Ran revert = sweep(WITH_COMPLIANCE, T.plus(Duration.ofHours(1)));

            assertThat(List.of(first, revert)).allSatisfy(r -> assertThat(r.report().status()).isEqualTo(RunStatus.COMPLETE));
            assertThat(estate.tagsOf(untagged)).containsEntry("Patch Group", "workers");
            assertThat(finding(first.report(), SCAN_OVERDUE, neverScanned).action().status()).isEqualTo(Status.APPLIED);
            Set<String> served = new TreeSet<>(first.served());
            served.addAll(revert.served());
            Set<String> forwarded = new TreeSet<>(first.forwarded());
            forwarded.addAll(revert.forwarded());
            System.out.println("operations moto answered (forwarded): " + forwarded);
            System.out.println("operations the SSM gap server answered (served): " + served);

            assertThat(served).as("served: only the operations the gap server lists as moto's gaps")
                    .isSubsetOf(SsmGapServer.SERVED_OPERATIONS.keySet())
                    .containsExactlyInAnyOrder("GetPatchBaseline", "UpdatePatchBaseline", "RegisterPatchBaselineForPatchGroup",
                            "DeregisterPatchBaselineForPatchGroup", "GetPatchBaselineForPatchGroup", "GetDefaultPatchBaseline",
                            "RegisterDefaultPatchBaseline", "DescribeInstanceInformation", "DescribeInstancePatchStatesForPatchGroup");
            Set<String> unused = new TreeSet<>(SsmGapServer.SERVED_OPERATIONS.keySet());
            unused.removeAll(served);
            assertThat(unused).as("the gaps these runs never needed").containsExactlyInAnyOrder("DescribePatchGroups",
                    "DescribeInstancePatchStates", "ListCommandInvocations");
            assertThat(forwarded).as("forwarded: nothing the gap server claims to answer")
                    .doesNotContainAnyElementsOf(SsmGapServer.SERVED_OPERATIONS.keySet())
                    .containsExactlyInAnyOrder("DescribePatchBaselines", "CreatePatchBaseline", "SendCommand",
                            "DescribeInstances", "CreateTags");

            // and moto itself, asked directly, fails every operation the runs had served for want of it
            try (SsmClient atMoto = client(moto.endpoint())) {
                Map<String, Consumer<SsmClient>> lacking = Map.of(
                        "GetPatchBaseline", c -> c.getPatchBaseline(r -> r.baselineId(id)),
                        "UpdatePatchBaseline", c -> c.updatePatchBaseline(r -> r.baselineId(id).description("x")),
                        "GetDefaultPatchBaseline", c -> c.getDefaultPatchBaseline(r -> r.operatingSystem(OS)),
                        "RegisterDefaultPatchBaseline", c -> c.registerDefaultPatchBaseline(r -> r.baselineId(id)),
                        "DescribeInstanceInformation", c -> c.describeInstanceInformation(r -> { }),
                        "DescribeInstancePatchStatesForPatchGroup", c -> c.describeInstancePatchStatesForPatchGroup(r -> r.patchGroup("web-servers")));
                assertThat(served).containsAll(lacking.keySet());
                lacking.forEach((operation, call) -> assertThatThrownBy(() -> call.accept(atMoto)).as(operation + " on moto")
                        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500)));
                // moto "deregisters" by registering again: the group keeps its baseline
                String probe = atMoto.createPatchBaseline(r -> r.name("probe-al2023").operatingSystem(OS)
                        .approvalRules(rules(PatchRule.builder().patchFilterGroup(filters("CLASSIFICATION", "Security"))
                                .approveAfterDays(0).build()))).baselineId();
                atMoto.registerPatchBaselineForPatchGroup(r -> r.baselineId(probe).patchGroup("probe-group"));
                atMoto.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(probe).patchGroup("probe-group"));
                assertThat(atMoto.getPatchBaselineForPatchGroup(r -> r.patchGroup("probe-group").operatingSystem(OS)).baselineId())
                        .as("moto still names the deregistered baseline").isEqualTo(probe);
            }
        }
    }

    // --- runs ----------------------------------------------------------------------------------------------------

    /** One run, and what the gap server saw during it: the operations it sent on to moto and those it answered itself. */
    private record Ran(RunReport report, List<String> forwarded, List<String> served) {
        /** The run's calls that change something, as it counted them (IAM names). */
        Map<String, Long> countedWrites() {
            return report.apiCalls().byOperation().entrySet().stream()
                    .filter(e -> writes(e.getKey().substring(e.getKey().indexOf(':') + 1)))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        /** The same, as the gap server saw them go by (operation names, moto's and its own). */
        List<String> seenWrites() {
            List<String> all = new ArrayList<>(forwarded);
            all.addAll(served);
            return all.stream().filter(PatchBaselinesEmulatorTest::writes).toList();
        }
    }

    /** SSM and EC2 operations that change something: create, update, (de)register, delete, tag, send a command. */
    private static boolean writes(String operation) {
        return List.of("Create", "Update", "Register", "Deregister", "Delete", "SendCommand", "AddTags", "RemoveTags", "Put")
                .stream().anyMatch(operation::startsWith);
    }

    private Ran sweep(String policy, Instant now) {
        return run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), now);
    }

    private Ran run(String policy, RunRequest request, Instant now) {
        return run(policy, request, now, gap.endpoint());
    }

    private Ran run(String policy, RunRequest request, Instant now, URI endpoint) {
        int forwardedBefore = gap.forwarded().size();
        int servedBefore = gap.served().size();
        RunReport report = LocalAudit.run(PolicyLoader.parse(policy, "test policy"), PatchBaselines.OPERATION,
                ProviderConfig.of(ResourceEstate.REGION).withEndpoint(endpoint), request, Clock.fixed(now, ZoneOffset.UTC));
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        List<String> forwarded = gap.forwarded();
        List<String> served = gap.served();
        return new Ran(report, List.copyOf(forwarded.subList(forwardedBefore, forwarded.size())),
                List.copyOf(served.subList(servedBefore, served.size())));
    }

    // --- the estate --------------------------------------------------------------------------------------------------

    /** A running instance of patch group web-servers, managed by SSM with its agent online. */
    private String webServer(String name) {
        String id = estate.instance(Map.of("Name", name, "Patch Group", "web-servers"));
        gap.manage(id, "Linux", "Amazon Linux");
        return id;
    }

    private void state(String instance, Counts counts, String operation, Instant end) {
        gap.patchState(SsmPatchState.of(instance, "web-servers", MEASURED_BY, counts, operation, end));
    }

    // --- reading the account back, as anyone could ------------------------------------------------------------------

    /** The account's own baselines. */
    private List<PatchBaselineIdentity> ownBaselines() {
        return ssm.describePatchBaselinesPaginator(r -> r.filters(PatchOrchestratorFilter.builder().key("OWNER").values("Self").build()))
                .baselineIdentities().stream().toList();
    }

    /** The id of the one baseline of the declared name. */
    private String baselineId() {
        return ownBaselines().stream().filter(b -> b.baselineName().equals(NAME) && b.operatingSystemAsString().equals(OS))
                .collect(single()).baselineId();
    }

    /** Every registered patch group and its baseline, as DescribePatchGroups lists them. */
    private TreeMap<String, String> patchGroups() {
        TreeMap<String, String> groups = new TreeMap<>();
        ssm.describePatchGroupsPaginator(r -> { }).mappings()
                .forEach(m -> groups.put(m.patchGroup(), m.baselineIdentity().baselineId()));
        return groups;
    }

    private String defaultOf(String os) {
        return ssm.getDefaultPatchBaseline(r -> r.operatingSystem(os)).baselineId();
    }

    /** A rule as the policy states it: filters (key → values), approval delay or date, compliance, non-security updates. */
    private record RuleView(Map<String, Set<String>> filters, Integer approveAfterDays, String approveUntilDate,
                            String complianceLevel, Boolean enableNonSecurity) {
        static RuleView of(PatchRule rule) {
            return new RuleView(filterMap(rule.patchFilterGroup()), rule.approveAfterDays(), rule.approveUntilDate(),
                    rule.complianceLevelAsString(), rule.enableNonSecurity());
        }
    }

    /** GetPatchBaseline shows exactly what the policy declares, field by field, and the declared groups. */
    private void assertDeclared(String id) {
        GetPatchBaselineResponse b = ssm.getPatchBaseline(r -> r.baselineId(id));
        assertThat(b.name()).isEqualTo(NAME);
        assertThat(b.operatingSystemAsString()).isEqualTo(OS);
        assertThat(b.description()).isEqualTo(DESCRIPTION);
        assertThat(filterMap(b.globalFilters())).isEqualTo(Map.of("PRODUCT", Set.of("AmazonLinux2023")));
        assertThat(b.approvalRules().patchRules()).extracting(RuleView::of).containsExactly(
                new RuleView(Map.of("CLASSIFICATION", Set.of("Security"), "SEVERITY", Set.of("Critical", "Important")),
                        7, null, "CRITICAL", false),
                new RuleView(Map.of("CLASSIFICATION", Set.of("Bugfix")), null, "2026-12-31", "MEDIUM", true));
        assertThat(b.approvedPatches()).containsExactly("openssl-3.0.8-1.amzn2023.0.5");
        assertThat(b.approvedPatchesComplianceLevelAsString()).isEqualTo("HIGH");
        assertThat(b.approvedPatchesEnableNonSecurity()).isFalse();
        assertThat(b.rejectedPatches()).containsExactly("kernel-6.1.100-1.el9");
        assertThat(b.rejectedPatchesActionAsString()).isEqualTo("BLOCK");
        assertThat(b.sources()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("internal-mirror");
            assertThat(s.products()).containsExactly("AmazonLinux2023");
            assertThat(s.configuration()).isEqualTo(MIRROR);
        });
        assertThat(b.patchGroups()).containsExactlyInAnyOrder("web-servers", "workers");
    }

    private static Map<String, Set<String>> filterMap(PatchFilterGroup group) {
        Map<String, Set<String>> filters = new TreeMap<>();
        if (group != null) {
            group.patchFilters().forEach(f -> filters.put(f.keyAsString(), new TreeSet<>(f.values())));
        }
        return filters;
    }

    // --- making drift ------------------------------------------------------------------------------------------------

    /** The baseline's rules with security patches approved {@code days} after release instead. */
    private static PatchRuleGroup withSecurityDays(GetPatchBaselineResponse baseline, int days) {
        return baseline.approvalRules().toBuilder().patchRules(baseline.approvalRules().patchRules().stream()
                .map(rule -> rule.approveAfterDays() != null ? rule.toBuilder().approveAfterDays(days).build() : rule)
                .toList()).build();
    }

    private static PatchRuleGroup rules(PatchRule... rules) {
        return PatchRuleGroup.builder().patchRules(rules).build();
    }

    private static PatchFilterGroup filters(String key, String... values) {
        return PatchFilterGroup.builder().patchFilters(PatchFilter.builder().key(key).values(values).build()).build();
    }

    /** An SSM client of someone with a key of their own, at {@code endpoint}, that does not retry. */
    private static SsmClient client(URI endpoint) {
        return SsmClient.builder().region(Region.of(ResourceEstate.REGION)).endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("mallory", "mallory")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** WireMock on loopback relaying every request to the gap server unchanged, and keeping each one to read back. */
    private WireMockServer recorderInFrontOfTheGapServer() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(gap.endpoint().toString())));
        return server;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    // --- reading reports ---------------------------------------------------------------------------------------------

    private static Finding only(RunReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).collect(single());
    }

    private static Finding finding(RunReport report, String check, String resourceId) {
        return report.findings().stream().filter(f -> f.check().equals(check) && f.resource().id().equals(resourceId)).collect(single());
    }

    private static List<String> instanceChecks(RunReport report, String instanceId) {
        return report.findings().stream().filter(f -> f.resource().id().equals(instanceId)).map(Finding::check).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Finding drift) {
        return (List<Map<String, Object>>) drift.evidence().get("changes");
    }

    private static List<String> changedFields(Finding drift) {
        return changes(drift).stream().map(c -> (String) c.get("field")).toList();
    }

    private static Map<String, Object> change(Finding drift, String field) {
        return changes(drift).stream().filter(c -> c.get("field").equals(field)).collect(single());
    }

    private static <T> java.util.stream.Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }
}
