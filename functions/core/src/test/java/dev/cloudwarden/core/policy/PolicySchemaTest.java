package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudwarden.core.testing.PolicySchema;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * schemas/policy.v1.schema.json says what the loader accepts, for editors: the policies we ship pass both,
 * and a policy the schema can judge wrong is refused by both.
 */
class PolicySchemaTest {

    @Test
    void theDemoPolicy_passesTheSchemaAndTheLoader() throws IOException {
        String demo = Files.readString(PolicySchema.ROOT.resolve("tools/aws-demo/src/main/resources/dev/cloudwarden/demo/demo-policy.yaml"));

        assertThat(PolicySchema.violations(demo)).isEmpty();
        assertThat(PolicyLoader.parse(demo, "demo-policy.yaml").section(SnapshotLifecyclePolicy.class)).isPresent();
    }

    @Test
    void theReadmesSecurityGroupAuditExample_passesTheSchemaAndTheLoader() throws IOException {
        String readme = Files.readString(PolicySchema.ROOT.resolve("README.md"));
        int start = readme.indexOf("```yaml\nversion: 1\n");
        String policy = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));

        assertThat(PolicySchema.violations(policy)).isEmpty();
        assertThat(PolicyLoader.parse(policy, "README").section(FirewallAuditPolicy.class).orElseThrow().publicAddressSets())
                .containsExactly("pl-0123456789abcdef0");
    }

    @Test
    void theReadmesSnapshotExample_passesTheSchemaAndTheLoader() throws IOException {
        String readme = Files.readString(PolicySchema.ROOT.resolve("README.md"));
        int start = readme.indexOf("```yaml\nsnapshotLifecycle:");
        String section = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7))
                .replace("key/…", "key/0f1e2d3c");
        String policy = "version: 1\ncloud: aws\n" + section;

        assertThat(PolicySchema.violations(policy)).isEmpty();
        assertThat(PolicyLoader.parse(policy, "README").section(SnapshotLifecyclePolicy.class).orElseThrow().plans()).hasSize(2);
    }

    @Test
    void theReadmesPatchExample_passesTheSchemaAndTheLoader() throws IOException {
        String readme = Files.readString(PolicySchema.ROOT.resolve("README.md"));
        int start = readme.indexOf("```yaml\npatchBaselines:");
        String section = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        String policy = "version: 1\ncloud: aws\n" + section;

        assertThat(PolicySchema.violations(policy)).isEmpty();
        assertThat(PolicyLoader.parse(policy, "README").section(PatchBaselinesPolicy.class).orElseThrow().baselines()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plans: []",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}, instanceTags: {a: b}}, retain: {count: 1}}]",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}}, retain: {}}]",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}}, retain: {count: 1}, copyTags: [cloudwarden:plan]}]",
            "plans: [{name: d, schedule: every day, select: {volumeTags: {a: b}}, retain: {count: 1}}]",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}}, retain: {count: 0}}]",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}, excludeRootVolume: true}, retain: {count: 1}}]",
            "plans: [{name: d, schedule: rate(1 day), select: {volumeTags: {a: b}}, retain: {count: 1}}]\nblastRadius: {maxDeletion: 3}"})
    void aSnapshotSectionTheSchemaRefuses_theLoaderRefusesToo(String section) {
        String policy = "version: 1\ncloud: aws\nsnapshotLifecycle:\n" + section.indent(2);

        assertThat(PolicySchema.violations(policy)).isNotEmpty();
        assertThatThrownBy(() -> PolicyLoader.parse(policy, "test")).isInstanceOf(InvalidPolicyException.class);
    }

    @Test
    void publicCidrsNamingPrefixListsBesideCidrs_passesTheSchemaAndTheLoader() {
        String policy = "version: 1\ncloud: aws\nsecurityGroupAudit:\n"
                + "  publicCidrs: [100.64.0.0/10, pl-63a5400a, pl-0123456789abcdef0, \"2001:db8::/32\", 192.0.2.7]\n";

        assertThat(PolicySchema.violations(policy)).isEmpty();
        assertThat(PolicyLoader.parse(policy, "test").section(FirewallAuditPolicy.class).orElseThrow().publicAddressSets())
                .containsExactly("pl-63a5400a", "pl-0123456789abcdef0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sg-0123456789abcdef0", "pl-12345", "pl-0123456789ABCDEF0", "office-vpn"})
    void aPublicCidrsEntryTheSchemaRefuses_theLoaderRefusesToo(String entry) {
        String policy = "version: 1\ncloud: aws\nsecurityGroupAudit:\n  publicCidrs: [100.64.0.0/10, " + entry + "]\n";

        assertThat(PolicySchema.violations(policy)).isNotEmpty();
        assertThatThrownBy(() -> PolicyLoader.parse(policy, "test")).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("securityGroupAudit.publicCidrs[1]");
    }
}
