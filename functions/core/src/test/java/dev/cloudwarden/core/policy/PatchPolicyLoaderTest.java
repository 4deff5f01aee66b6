package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaseline.ApprovalRule;
import dev.cloudwarden.api.PatchBaseline.ComplianceLevel;
import dev.cloudwarden.api.PatchBaseline.PatchFilter;
import dev.cloudwarden.api.PatchBaseline.PatchSource;
import dev.cloudwarden.api.PatchBaseline.RejectedPatchesAction;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.BlastRadius;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.Compliance;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.Scan;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The patchBaselines section of a policy file: what it means, and each mistake named with its field and line. */
class PatchPolicyLoaderTest {

    /**
     * One valid baseline: after {@code version}, {@code cloud}, the section and {@code baselines:} (lines 1 to 4) it
     * fills lines 5 to 8, its approval rule on line 8.
     */
    private static final String WEB = """
              - name: web-al2023
                operatingSystem: AMAZON_LINUX_2023
                approvalRules:
                  - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7}
            """;

    @Test
    void loadsEveryFieldOfAPatchBaselinesSection() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: aws
                patchBaselines:
                  baselines:
                    - name: web-al2023
                      operatingSystem: AMAZON_LINUX_2023
                      description: Web servers, security first
                      default: true
                      patchGroups: [web, web-canary]
                      globalFilters: {PRODUCT: [AmazonLinux2023], ARCH: [x86_64, arm64]}
                      approvalRules:
                        - filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}
                          approveAfterDays: 3
                          complianceLevel: CRITICAL
                          enableNonSecurity: true
                        - filters: {CLASSIFICATION: [Bugfix]}
                          approveUntilDate: 2026-12-31
                      approvedPatches: [openssl-3.0.8, kernel-6.1.0]
                      approvedPatchesComplianceLevel: HIGH
                      approvedPatchesEnableNonSecurity: true
                      rejectedPatches: [telnet]
                      rejectedPatchesAction: BLOCK
                      sources:
                        - name: internal-mirror
                          products: [AmazonLinux2023]
                          configuration: |
                            [internal]
                            baseurl=https://mirror.example.com/al2023
                    - name: win-servers
                      operatingSystem: WINDOWS
                      patchGroups: [web]
                      approvedPatches: [KB5031356]
                  compliance:
                    scanMaxAge: 36h
                    patchGroupTag: PatchGroup
                    defaultPatchGroup: web
                  scan: {maxConcurrency: 10, maxErrors: "5%"}
                  ownRoles: [cloudwarden-patch-*, ops-automation]
                  blastRadius: {maxChanges: 5, maxScans: 50}
                """, "policy.yaml");

        PatchBaselinesPolicy patches = policy.section(PatchBaselinesPolicy.class).orElseThrow();
        assertThat(policy.section(SnapshotLifecyclePolicy.class)).isEmpty();
        assertThat(patches.baselines()).containsExactly(
                new DeclaredBaseline(new PatchBaseline("web-al2023", "AMAZON_LINUX_2023", "Web servers, security first",
                        List.of(new PatchFilter("PRODUCT", List.of("AmazonLinux2023")), new PatchFilter("ARCH", List.of("x86_64", "arm64"))),
                        List.of(new ApprovalRule(List.of(new PatchFilter("CLASSIFICATION", List.of("Security")),
                                        new PatchFilter("SEVERITY", List.of("Critical", "Important"))),
                                        ComplianceLevel.CRITICAL, OptionalInt.of(3), Optional.empty(), true),
                                new ApprovalRule(List.of(new PatchFilter("CLASSIFICATION", List.of("Bugfix"))),
                                        ComplianceLevel.UNSPECIFIED, OptionalInt.empty(), Optional.of(LocalDate.of(2026, 12, 31)), false)),
                        List.of("openssl-3.0.8", "kernel-6.1.0"), ComplianceLevel.HIGH, true, List.of("telnet"), RejectedPatchesAction.BLOCK,
                        List.of(new PatchSource("internal-mirror", List.of("AmazonLinux2023"),
                                "[internal]\nbaseurl=https://mirror.example.com/al2023\n"))),
                        List.of("web", "web-canary"), true),
                new DeclaredBaseline(new PatchBaseline("win-servers", "WINDOWS", "", List.of(), List.of(), List.of("KB5031356"),
                        ComplianceLevel.UNSPECIFIED, false, List.of(), RejectedPatchesAction.ALLOW_AS_DEPENDENCY, List.of()),
                        List.of("web"), false));
        assertThat(patches.compliance()).isEqualTo(new Compliance(Duration.ofHours(36), "PatchGroup", Optional.of("web")));
        assertThat(patches.scan()).contains(Scan.of("10", "5%"));
        assertThat(patches.ownRoles()).containsExactly("cloudwarden-patch-*", "ops-automation");
        assertThat(patches.blastRadius()).isEqualTo(new BlastRadius(new ChangeLimit(5, OptionalInt.empty()), 50));
    }

    @Test
    void aMinimalBaselineTakesTheDefaults_allowRejectedAsDependencyUnspecifiedLevelsSevenDaysPatchGroupTagOwnRolesAndTwentyChanges() {
        PatchBaselinesPolicy patches = section("""
                baselines:
                  - name: web-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    approvalRules: [{filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7}]
                    approvedPatches: [openssl-3.0.8]
                """);

        DeclaredBaseline web = patches.baselines().getFirst();
        assertThat(web.isDefault()).isFalse();
        assertThat(web.patchGroups()).isEmpty();
        assertThat(web.content().description()).isEmpty();
        assertThat(web.content().globalFilters()).isEmpty();
        assertThat(web.content().approvalRules()).singleElement().satisfies(rule -> {
            assertThat(rule.complianceLevel()).isEqualTo(ComplianceLevel.UNSPECIFIED);
            assertThat(rule.enableNonSecurity()).isFalse();
            assertThat(rule.approveUntilDate()).isEmpty();
        });
        assertThat(web.content().approvedPatchesComplianceLevel()).isEqualTo(ComplianceLevel.UNSPECIFIED);
        assertThat(web.content().approvedPatchesEnableNonSecurity()).isFalse();
        assertThat(web.content().rejectedPatches()).isEmpty();
        assertThat(web.content().rejectedPatchesAction()).isEqualTo(RejectedPatchesAction.ALLOW_AS_DEPENDENCY);
        assertThat(web.content().sources()).isEmpty();
        assertThat(patches.compliance()).isEqualTo(new Compliance(Duration.ofDays(7), "Patch Group", Optional.empty()));
        assertThat(patches.scan()).isEmpty();
        assertThat(patches.ownRoles()).containsExactly("cloudwarden-patch-baselines*");
        assertThat(patches.blastRadius()).isEqualTo(new BlastRadius(new ChangeLimit(50, OptionalInt.empty()), 100));
    }

    @Test
    void anEmptyScanSectionScansTenPercentAtATimeAndStopsAtTenPercentErrors() {
        assertThat(section("baselines:\n" + WEB + "scan: {}\n").scan()).contains(Scan.of("10%", "10%"));
    }

    @Test
    void approvedPatchesAloneAreEnoughForABaseline() {
        assertThat(section("""
                baselines:
                  - name: pinned
                    operatingSystem: UBUNTU
                    approvedPatches: [openssl]
                """).baselines().getFirst().content().approvalRules()).isEmpty();
    }

    @Test
    void aPatchGroupMayHaveOneBaselineForEachOperatingSystem() {
        PatchBaselinesPolicy patches = section("""
                baselines:
                  - {name: web-linux, operatingSystem: AMAZON_LINUX_2023, patchGroups: [web], approvedPatches: [openssl]}
                  - {name: web-windows, operatingSystem: WINDOWS, patchGroups: [web], approvedPatches: [KB5031356]}
                """);

        assertThat(patches.baselines()).extracting(DeclaredBaseline::patchGroups).containsExactly(List.of("web"), List.of("web"));
    }

    @Test
    void eachOperatingSystemMayHaveItsOwnDefault() {
        PatchBaselinesPolicy patches = section("""
                baselines:
                  - {name: linux, operatingSystem: AMAZON_LINUX_2023, default: true, approvedPatches: [openssl]}
                  - {name: windows, operatingSystem: WINDOWS, default: true, approvedPatches: [KB5031356]}
                """);

        assertThat(patches.baselines()).allMatch(DeclaredBaseline::isDefault);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patch Group", "PatchGroup"})
    void thePatchGroupTagIsOneOfTheTwoSpellingsSsmReads(String tag) {
        assertThat(section("baselines:\n" + WEB + "compliance: {patchGroupTag: " + tag + "}\n").compliance().patchGroupTag())
                .isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "50", "\"10\"", "\"5%\"", "\"100%\""})
    void aScanRateInSsmsSpellingIsAccepted(String rate) {
        assertThat(section("baselines:\n" + WEB + "scan: {maxConcurrency: " + rate + ", maxErrors: \"0\"}\n").scan().orElseThrow())
                .isEqualTo(Scan.of(rate.replace("\"", ""), "0"));
    }

    @Test
    void approveAfterDaysUpTo360IsAccepted() {
        assertThat(section("""
                baselines:
                  - name: slow
                    operatingSystem: WINDOWS
                    approvalRules: [{filters: {MSRC_SEVERITY: [Critical]}, approveAfterDays: 360}]
                """).baselines().getFirst().content().approvalRules().getFirst().approveAfterDays()).hasValue(360);
    }

    // --- mistakes, each named with its field and line ---

    @Test
    void aSectionWithoutBaselinesIsAnErrorAtTheSectionsLine() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                patchBaselines:
                  compliance: {scanMaxAge: 7d}
                """)).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines", 3));
    }

    @Test
    void anEmptyListOfBaselinesIsAnError() {
        assertThat(errorsOf(policy("baselines: []\n"))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines", 4));
    }

    @Test
    void anUnknownOperatingSystemIsAnErrorListingTheCloudsOperatingSystems() {
        PolicyError error = onlyError(policy("baselines:\n" + WEB.replace("AMAZON_LINUX_2023", "AMAZON_LINUX_2024")));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].operatingSystem");
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.problem()).contains("WINDOWS", "AMAZON_LINUX_2023", "UBUNTU", "REDHAT_ENTERPRISE_LINUX", "MACOS",
                "\"AMAZON_LINUX_2024\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "web al2023", "web/al2023", "\"web:al2023\""})
    void aNameSsmWouldRefuseIsAnErrorAtTheName(String name) {
        PolicyError error = onlyError(policy("baselines:\n" + WEB.replace("web-al2023", name)));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].name");
        assertThat(error.line()).isEqualTo(5);
        assertThat(error.problem()).contains("3 to 128");
    }

    @Test
    void aRuleGivingBothApproveAfterDaysAndApproveUntilDateIsAnErrorAtTheRule() {
        PolicyError error = onlyError(policy("baselines:\n" + rule("approveAfterDays: 7, approveUntilDate: 2026-12-31")));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvalRules[0]");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("approveAfterDays", "approveUntilDate", "exactly one");
    }

    @Test
    void aRuleGivingNeitherApproveAfterDaysNorApproveUntilDateIsAnErrorAtTheRule() {
        PolicyError error = onlyError(policy("baselines:\n" + rule("complianceLevel: HIGH")));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvalRules[0]");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("approveAfterDays", "approveUntilDate", "exactly one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"361", "-1", "\"7\""})
    void approveAfterDaysOutsideZeroTo360IsAnError(String days) {
        PolicyError error = onlyError(policy("baselines:\n" + rule("approveAfterDays: " + days)));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvalRules[0].approveAfterDays");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("0 to 360");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "31.12.2026", "2026/12/31", "20261231"})
    void aDateThatIsNotADayOfTheCalendarIsOneErrorAtTheDate(String date) {
        PolicyError error = onlyError(policy("baselines:\n" + rule("approveUntilDate: " + date)));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvalRules[0].approveUntilDate");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("2026-12-31", date);
    }

    @Test
    void anUnknownFilterKeyIsAnErrorListingSsmsKeys() {
        PolicyError error = onlyError(policy("baselines:\n" + WEB.replace("CLASSIFICATION", "COLOUR")));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvalRules[0].filters.COLOUR");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("CLASSIFICATION", "SEVERITY", "PRODUCT", "MSRC_SEVERITY");
    }

    @Test
    void anUnknownGlobalFilterKeyIsAnErrorToo() {
        assertThat(errorsOf(policy("""
                baselines:
                  - name: web-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    globalFilters: {PRODUCT: [AmazonLinux2023], COLOUR: [red]}
                    approvedPatches: [openssl]
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines[0].globalFilters.COLOUR", 7));
    }

    @Test
    void aBaselineApprovingNothingIsAnErrorAtTheBaseline() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - name: empty
                    operatingSystem: UBUNTU
                    rejectedPatches: [telnet]
                """));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0]");
        assertThat(error.line()).isEqualTo(5);
        assertThat(error.problem()).contains("approvalRules", "approvedPatches");
    }

    @Test
    void twoDefaultsForOneOperatingSystemIsAnErrorAtTheSecond() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - {name: web-al2023, operatingSystem: AMAZON_LINUX_2023, default: true, approvedPatches: [openssl]}
                  - name: db-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    default: true
                    approvedPatches: [openssl]
                """));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[1].default");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("baselines[0]", "AMAZON_LINUX_2023");
    }

    @Test
    void onePatchGroupOnTwoBaselinesOfOneOperatingSystemIsAnErrorAtTheSecond() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - {name: web-al2023, operatingSystem: AMAZON_LINUX_2023, patchGroups: [web], approvedPatches: [openssl]}
                  - name: web-al2023-canary
                    operatingSystem: AMAZON_LINUX_2023
                    patchGroups: [canary, web]
                    approvedPatches: [openssl]
                """));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[1].patchGroups");
        assertThat(error.line()).isEqualTo(8);
        assertThat(error.problem()).contains("\"web\"", "baselines[0]", "AMAZON_LINUX_2023");
    }

    @Test
    void twoBaselinesOfOneNameIsAnErrorAtTheSecondName() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - {name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [openssl]}
                  - name: web-al2023
                    operatingSystem: WINDOWS
                    approvedPatches: [KB5031356]
                """));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[1].name");
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.problem()).contains("web-al2023", "baselines[0]");
    }

    @Test
    void aPatchGroupTagSsmDoesNotReadIsAnError() {
        PolicyError error = onlyError(policy("baselines:\n" + WEB + "compliance:\n  patchGroupTag: patch-group\n"));

        assertThat(error.field()).isEqualTo("patchBaselines.compliance.patchGroupTag");
        assertThat(error.line()).isEqualTo(10);
        assertThat(error.problem()).contains("\"Patch Group\"", "\"PatchGroup\"", "\"patch-group\"");
    }

    @Test
    void aDefaultPatchGroupNoBaselineDeclaresIsAnError() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - {name: web-al2023, operatingSystem: AMAZON_LINUX_2023, patchGroups: [web], approvedPatches: [openssl]}
                compliance:
                  defaultPatchGroup: unassigned
                """));

        assertThat(error.field()).isEqualTo("patchBaselines.compliance.defaultPatchGroup");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.problem()).contains("\"unassigned\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0\"", "0", "\"150%\"", "\"0%\"", "\"ten\"", "\"10.5\""})
    void aScanConcurrencySsmWouldRefuseIsAnError(String rate) {
        PolicyError error = onlyError(policy("baselines:\n" + WEB + "scan:\n  maxConcurrency: " + rate + "\n"));

        assertThat(error.field()).isEqualTo("patchBaselines.scan.maxConcurrency");
        assertThat(error.line()).isEqualTo(10);
    }

    @Test
    void aScanMaxAgeOfZeroIsAnError() {
        assertThat(errorsOf(policy("baselines:\n" + WEB + "compliance: {scanMaxAge: 0d}\n")))
                .extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.compliance.scanMaxAge", 9));
    }

    @Test
    void aPatchGroupNameSsmWouldRefuseIsAnErrorAtTheGroup() {
        assertThat(errorsOf(policy("""
                baselines:
                  - name: web-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    patchGroups: [web, "web#1"]
                    approvedPatches: [openssl]
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines[0].patchGroups[1]", 7));
    }

    @Test
    void moreThanTenApprovalRulesIsAnError() {
        String eleven = "    approvalRules:\n" + "      - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7}\n".repeat(11);

        assertThat(errorsOf(policy("baselines:\n  - name: web-al2023\n    operatingSystem: AMAZON_LINUX_2023\n" + eleven)))
                .extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines[0].approvalRules", 7));
    }

    @Test
    void aSourceWithoutProductsIsAnErrorAtTheSource() {
        assertThat(errorsOf(policy("""
                baselines:
                  - name: web-al2023
                    operatingSystem: AMAZON_LINUX_2023
                    approvedPatches: [openssl]
                    sources:
                      - {name: mirror, configuration: "[mirror]"}
                """))).extracting(PolicyError::field, PolicyError::line)
                .containsExactly(tuple("patchBaselines.baselines[0].sources[0].products", 9));
    }

    @Test
    void anUnknownFieldIsAnErrorListingTheKnownOnes() {
        PolicyError error = onlyError(policy("baselines:\n" + WEB + "    approvedPatch: [openssl]\n"));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].approvedPatch");
        assertThat(error.line()).isEqualTo(9);
        assertThat(error.problem()).contains("approvedPatches", "rejectedPatchesAction", "sources");
    }

    @Test
    void aBadScanSectionDoesNotHideTheMistakesAfterIt() {
        assertThat(errorsOf(policy("baselines:\n" + WEB + """
                scan: {maxConcurrency: "150%"}
                ownRoles: []
                blastRadius: {maxChanges: -1}
                """))).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("patchBaselines.scan.maxConcurrency", 9),
                tuple("patchBaselines.ownRoles", 10),
                tuple("patchBaselines.blastRadius.maxChanges", 11));
    }

    @Test
    void everyErrorOfTheSectionIsCollectedInOneException() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                patchBaselines:
                  baselines:
                    - name: web al2023
                      operatingSystem: AMAZON_LINUX_2024
                      approvalRules:
                        - {filters: {COLOUR: [red]}, approveAfterDays: 7}
                        - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 361}
                        - {filters: {CLASSIFICATION: [Security]}}
                        - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: 2026-02-30}
                    - {name: db-al2023, operatingSystem: AMAZON_LINUX_2023}
                    - {name: win-2022, operatingSystem: WINDOWS, approvedPatches: [KB5031356], rejectedPatchesAction: DENY}
                  compliance:
                    scanMaxAge: 7 days
                    patchGroupTag: Group
                  scan: {maxConcurrency: "0", maxErrors: "150%"}
                  blastRadius: {maxScans: -5}
                """)).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("patchBaselines.baselines[0].name", 5),
                tuple("patchBaselines.baselines[0].operatingSystem", 6),
                tuple("patchBaselines.baselines[0].approvalRules[0].filters.COLOUR", 8),
                tuple("patchBaselines.baselines[0].approvalRules[1].approveAfterDays", 9),
                tuple("patchBaselines.baselines[0].approvalRules[2]", 10),
                tuple("patchBaselines.baselines[0].approvalRules[3].approveUntilDate", 11),
                tuple("patchBaselines.baselines[1]", 12),
                tuple("patchBaselines.baselines[2].rejectedPatchesAction", 13),
                tuple("patchBaselines.compliance.scanMaxAge", 15),
                tuple("patchBaselines.compliance.patchGroupTag", 16),
                tuple("patchBaselines.scan.maxConcurrency", 17),
                tuple("patchBaselines.scan.maxErrors", 17),
                tuple("patchBaselines.blastRadius.maxScans", 18));
    }

    /** {@link #WEB} with its one rule replaced by {@code {filters: {CLASSIFICATION: [Security]}, <rest>}}, still on line 8. */
    private static String rule(String rest) {
        return WEB.replace("approveAfterDays: 7", rest);
    }

    /**
     * SSM's own notions (approval delays, compliance levels, a default per operating system) are AWS extensions of the
     * section: a policy for a cloud whose patch service keeps none of them is refused at each one, naming that cloud.
     */
    @Test
    void ssmOnlyFieldsAreRefusedOnACloudThatKeepsNone_eachAtItsField() {
        List<PolicyError> errors = errorsOf(policy("""
                baselines:
                  - name: web-linux
                    operatingSystem: UBUNTU
                    default: true
                    approvalRules:
                      - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7, complianceLevel: CRITICAL}
                """).replace("cloud: aws", "cloud: azure"));

        assertThat(errors).extracting(PolicyError::field, PolicyError::problem).containsExactlyInAnyOrder(
                tuple("patchBaselines.baselines[0].default", "not on azure: its patch service keeps no default"),
                tuple("patchBaselines.baselines[0].approvalRules[0].approveAfterDays", "not on azure: its patch service keeps no approveAfterDays"),
                tuple("patchBaselines.baselines[0].approvalRules[0].complianceLevel", "not on azure: its patch service keeps no complianceLevel"));
    }

    /** Where the cloud keeps a reboot setting and a schedule, a baseline says them, and a rule needs no approval delay. */
    @Test
    void aNeutralBaselineSaysItsRebootAndSchedule_andARuleWithoutADelay_whereTheCloudKeepsThem() {
        Policy policy = PolicyLoader.parse(policy("""
                baselines:
                  - name: web-linux
                    operatingSystem: UBUNTU
                    patchGroups: [web]
                    approvalRules:
                      - filters: {CLASSIFICATION: [Security]}
                    rejectedPatches: [telnet]
                    reboot: NEVER
                    schedule: cron(0 3 ? * SUN *)
                compliance: {patchGroupTag: patch-group}
                """).replace("cloud: aws", "cloud: gcp"), "policy.yaml");

        PatchBaseline content = policy.section(PatchBaselinesPolicy.class).orElseThrow().baselines().getFirst().content();
        assertThat(content.reboot()).isEqualTo(PatchBaseline.Reboot.NEVER);
        assertThat(content.schedule()).contains("cron(0 3 ? * SUN *)");
        assertThat(content.approvalRules()).singleElement().satisfies(rule -> {
            assertThat(rule.approveAfterDays()).isEmpty();
            assertThat(rule.approveUntilDate()).isEmpty();
        });
        assertThat(policy.section(PatchBaselinesPolicy.class).orElseThrow().compliance().patchGroupTag())
                .as("any tag key: the cloud's service reads the one it is told").isEqualTo("patch-group");
    }

    /** An SSM baseline keeps no reboot setting nor schedule (a maintenance window does): on AWS both are refused. */
    @Test
    void aRebootSettingOrAScheduleIsRefusedOnAws_whoseBaselinesKeepNeither() {
        assertThat(errorsOf(policy("baselines:\n" + WEB + "    reboot: NEVER\n    schedule: rate(7 days)\n")))
                .extracting(PolicyError::field, PolicyError::problem).containsExactlyInAnyOrder(
                        tuple("patchBaselines.baselines[0].reboot", "not on aws: its patch service keeps no reboot"),
                        tuple("patchBaselines.baselines[0].schedule", "not on aws: its patch service keeps no schedule"));
    }

    @Test
    void aScheduleThatNeverFiresIsAnErrorAtTheSchedule() {
        PolicyError error = onlyError(policy("""
                baselines:
                  - name: web-linux
                    operatingSystem: UBUNTU
                    approvalRules:
                      - filters: {CLASSIFICATION: [Security]}
                    schedule: cron(0 3 30 2 ? *)
                """).replace("cloud: aws", "cloud: gcp"));

        assertThat(error.field()).isEqualTo("patchBaselines.baselines[0].schedule");
    }

    /** A policy whose patchBaselines section is {@code body}: its first line is line 4. */
    private static String policy(String body) {
        return "version: 1\ncloud: aws\npatchBaselines:\n" + body.indent(2);
    }

    private static PatchBaselinesPolicy section(String body) {
        return PolicyLoader.parse(policy(body), "policy.yaml").section(PatchBaselinesPolicy.class).orElseThrow();
    }

    private static PolicyError onlyError(String text) {
        List<PolicyError> errors = errorsOf(text);
        assertThat(errors).as("errors of\n" + text).hasSize(1);
        return errors.getFirst();
    }

    private static List<PolicyError> errorsOf(String text) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.parse(text, "policy.yaml"));
        assertThat(e).as("the policy is refused").isNotNull();
        return e.errors();
    }
}
