package dev.cloudwarden.core.patches;

import static dev.cloudwarden.core.testing.PatchPolicies.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.core.patches.BaselineDiff.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a baseline found in the cloud differs from the declared one: nothing when they mean the same (lists whose
 * order means nothing may come back in any order), else each field that differs, once, with both sides.
 */
class BaselineDiffTest {
    private static final String DECLARED = """
            name: web-al2023
            operatingSystem: AMAZON_LINUX_2023
            description: Web servers
            globalFilters: {PRODUCT: [AmazonLinux2023], ARCH: [x86_64, arm64]}
            approvalRules:
              - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 7, complianceLevel: CRITICAL}
              - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: 2026-12-31, enableNonSecurity: true}
            approvedPatches: [openssl-3.0.8, kernel-6.1.0]
            approvedPatchesComplianceLevel: HIGH
            rejectedPatches: [telnet, rsh]
            rejectedPatchesAction: BLOCK
            sources:
              - {name: mirror-a, products: [AmazonLinux2023, AmazonLinux2023.1], configuration: "[a]"}
              - {name: mirror-b, products: [AmazonLinux2023], configuration: "[b]"}
            """;
    private static final PatchBaseline WEB = content(DECLARED);

    @Test
    void identicalContentIsNoChange() {
        assertThat(BaselineDiff.between(WEB, content(DECLARED))).isEmpty();
    }

    @Test
    void theOrderOfFiltersAndTheirValuesPatchesAndSourcesDoesNotMatter() {
        PatchBaseline readBack = content("""
                name: web-al2023
                operatingSystem: AMAZON_LINUX_2023
                description: Web servers
                globalFilters: {ARCH: [arm64, x86_64], PRODUCT: [AmazonLinux2023]}
                approvalRules:
                  - {filters: {SEVERITY: [Important, Critical], CLASSIFICATION: [Security]}, approveAfterDays: 7, complianceLevel: CRITICAL}
                  - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: 2026-12-31, enableNonSecurity: true}
                approvedPatches: [kernel-6.1.0, openssl-3.0.8]
                approvedPatchesComplianceLevel: HIGH
                rejectedPatches: [rsh, telnet]
                rejectedPatchesAction: BLOCK
                sources:
                  - {name: mirror-b, products: [AmazonLinux2023], configuration: "[b]"}
                  - {name: mirror-a, products: [AmazonLinux2023.1, AmazonLinux2023], configuration: "[a]"}
                """);

        assertThat(BaselineDiff.between(WEB, readBack)).isEmpty();
    }

    @Test
    void theOrderOfApprovalRulesMatters() {
        PatchBaseline swapped = content(DECLARED.replace("""
                  - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 7, complianceLevel: CRITICAL}
                  - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: 2026-12-31, enableNonSecurity: true}
                """, """
                  - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: 2026-12-31, enableNonSecurity: true}
                  - {filters: {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}, approveAfterDays: 7, complianceLevel: CRITICAL}
                """));

        assertThat(BaselineDiff.between(WEB, swapped)).extracting(Change::field).containsExactly("approvalRules");
    }

    @Test
    void eachChangedFieldIsReportedOnceWithBothSides() {
        PatchBaseline edited = content(DECLARED
                .replace("description: Web servers", "description: edited by hand")
                .replace("approvedPatches: [openssl-3.0.8, kernel-6.1.0]", "approvedPatches: [openssl-3.0.8]")
                .replace("rejectedPatchesAction: BLOCK", "rejectedPatchesAction: ALLOW_AS_DEPENDENCY"));

        assertThat(BaselineDiff.between(WEB, edited)).containsExactly(
                new Change("description", "Web servers", "edited by hand"),
                new Change("approvedPatches", List.of("kernel-6.1.0", "openssl-3.0.8"), List.of("openssl-3.0.8")),
                new Change("rejectedPatchesAction", "BLOCK", "ALLOW_AS_DEPENDENCY"));
    }

    @Test
    void aChangedApprovalRuleShowsEveryRuleOnBothSidesInThePolicysWords() {
        PatchBaseline slower = content(DECLARED.replace("approveAfterDays: 7", "approveAfterDays: 30"));

        Change change = BaselineDiff.between(WEB, slower).getFirst();

        assertThat(BaselineDiff.between(WEB, slower)).hasSize(1);
        assertThat(change.field()).isEqualTo("approvalRules");
        assertThat(change.declared()).isEqualTo(List.of(
                Map.of("filters", Map.of("CLASSIFICATION", List.of("Security"), "SEVERITY", List.of("Critical", "Important")),
                        "approveAfterDays", 7, "complianceLevel", "CRITICAL", "enableNonSecurity", false),
                Map.of("filters", Map.of("CLASSIFICATION", List.of("Bugfix")), "approveUntilDate", "2026-12-31",
                        "complianceLevel", "UNSPECIFIED", "enableNonSecurity", true)));
        assertThat((List<?>) change.found()).first().isEqualTo(
                Map.of("filters", Map.of("CLASSIFICATION", List.of("Security"), "SEVERITY", List.of("Critical", "Important")),
                        "approveAfterDays", 30, "complianceLevel", "CRITICAL", "enableNonSecurity", false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "description                      | description: Web servers                      | description: Web",
            "globalFilters                    | ARCH: [x86_64, arm64]                         | ARCH: [x86_64]",
            "approvalRules                    | complianceLevel: CRITICAL                     | complianceLevel: HIGH",
            "approvedPatches                  | [openssl-3.0.8, kernel-6.1.0]                 | [openssl-3.0.9, kernel-6.1.0]",
            "approvedPatchesComplianceLevel   | approvedPatchesComplianceLevel: HIGH          | approvedPatchesComplianceLevel: LOW",
            "rejectedPatches                  | [telnet, rsh]                                 | [telnet]",
            "rejectedPatchesAction            | rejectedPatchesAction: BLOCK                  | rejectedPatchesAction: ALLOW_AS_DEPENDENCY",
            "sources                          | configuration: \"[b]\"                        | configuration: \"[c]\""})
    void aChangeToAnyOneFieldIsThatFieldAlone(String field, String declared, String found) {
        PatchBaseline changed = content(DECLARED.replace(declared, found));

        assertThat(BaselineDiff.between(WEB, changed)).extracting(Change::field).containsExactly(field);
    }

    @Test
    void enablingNonSecurityUpdatesForApprovedPatchesIsAChange() {
        PatchBaseline changed = content(DECLARED + "approvedPatchesEnableNonSecurity: true\n");

        assertThat(BaselineDiff.between(WEB, changed)).containsExactly(new Change("approvedPatchesEnableNonSecurity", false, true));
    }

    @Test
    void theJsonOfAChangeNamesTheFieldAndBothSides() {
        assertThat(new Change("description", "Web servers", "edited").json())
                .containsExactly(Map.entry("field", "description"), Map.entry("declared", "Web servers"), Map.entry("found", "edited"));
    }
}
