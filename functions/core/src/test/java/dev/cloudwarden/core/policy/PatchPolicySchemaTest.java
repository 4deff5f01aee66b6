package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudwarden.core.testing.PolicySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * schemas/policy.v1.schema.json and the loader agree on the patchBaselines section: a policy using every field
 * passes both, and a section the schema can judge wrong is refused by both.
 */
class PatchPolicySchemaTest {
    private static final String BASELINE = "{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [openssl]}";

    @Test
    void aPolicyUsingEveryField_passesTheSchemaAndTheLoader() {
        String policy = """
                version: 1
                cloud: aws
                patchBaselines:
                  baselines:
                    - name: web-al2023
                      operatingSystem: AMAZON_LINUX_2023
                      description: Web servers
                      default: true
                      patchGroups: [web, web-canary]
                      globalFilters: {PRODUCT: [AmazonLinux2023]}
                      approvalRules:
                        - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 3, complianceLevel: CRITICAL, enableNonSecurity: true}
                        - {filters: {CLASSIFICATION: [Bugfix]}, approveUntilDate: "2026-12-31"}
                      approvedPatches: [openssl-3.0.8]
                      approvedPatchesComplianceLevel: HIGH
                      approvedPatchesEnableNonSecurity: true
                      rejectedPatches: [telnet]
                      rejectedPatchesAction: BLOCK
                      sources:
                        - {name: mirror, products: [AmazonLinux2023], configuration: "[mirror]"}
                  compliance: {scanMaxAge: 36h, patchGroupTag: PatchGroup, defaultPatchGroup: web}
                  scan: {maxConcurrency: "10%", maxErrors: "1"}
                  ownRoles: [cloudwarden-patch-baselines*]
                  blastRadius: {maxChanges: 5, maxScans: 50}
                """;

        assertThat(PolicySchema.violations(policy)).isEmpty();
        assertThat(PolicyLoader.parse(policy, "test").section(PatchBaselinesPolicy.class)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "baselines: []",
            "compliance: {scanMaxAge: 7d}",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2024, approvedPatches: [openssl]}]",
            "baselines: [{name: pb, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [openssl]}]",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatch: [openssl]}]",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvalRules: [{filters: {CLASSIFICATION: [Security]}, approveAfterDays: 361}]}]",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvalRules: [{filters: {COLOUR: [red]}, approveAfterDays: 7}]}]",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, rejectedPatchesAction: DENY, approvedPatches: [a]}]",
            "baselines: [" + BASELINE + "]\ncompliance: {patchGroupTag: Group}",
            "baselines: [" + BASELINE + "]\nscan: {maxConcurrency: \"10%\", maxError: \"1\"}",
            "baselines: [" + BASELINE + "]\nblastRadius: {maxChanges: -1}",
            "baselines: [" + BASELINE + "]\nblastRadius: {maxChange: 3}",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [a], reboot: NEVER}]",
            "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvalRules: [{filters: {CLASSIFICATION: [Security]}}]}]"})
    void aPatchSectionTheSchemaRefuses_theLoaderRefusesToo(String section) {
        String policy = "version: 1\ncloud: aws\npatchBaselines:\n" + section.indent(2);

        assertThat(PolicySchema.violations(policy)).as("the schema refuses\n" + policy).isNotEmpty();
        assertThatThrownBy(() -> PolicyLoader.parse(policy, "test")).isInstanceOf(InvalidPolicyException.class);
    }

    /** Off AWS the section is the neutral one: a reboot setting and a schedule pass both, SSM's own fields neither. */
    @Test
    void offAws_theNeutralFieldsPassBoth_andSsmsOwnAreRefusedByBoth() {
        String neutral = """
                version: 1
                cloud: azure
                patchBaselines:
                  baselines:
                    - name: web-linux
                      operatingSystem: UBUNTU
                      patchGroups: [web]
                      approvalRules: [{filters: {CLASSIFICATION: [Security]}}]
                      rejectedPatches: [telnet]
                      reboot: NEVER
                      schedule: cron(0 3 ? * SUN *)
                  compliance: {patchGroupTag: patch-group}
                """;
        assertThat(PolicySchema.violations(neutral)).isEmpty();
        assertThat(PolicyLoader.parse(neutral, "test").section(PatchBaselinesPolicy.class)).isPresent();

        for (String ssmOnly : new String[] {"      default: true\n", "      sources: [{name: m, products: [p], configuration: c}]\n"}) {
            String policy = neutral.replace("      reboot: NEVER\n", ssmOnly);
            assertThat(PolicySchema.violations(policy)).as("the schema refuses\n" + policy).isNotEmpty();
            assertThatThrownBy(() -> PolicyLoader.parse(policy, "test")).isInstanceOf(InvalidPolicyException.class);
        }
    }
}
