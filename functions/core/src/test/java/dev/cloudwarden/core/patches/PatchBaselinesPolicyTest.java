package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.core.testing.InMemoryNames;
import static dev.cloudwarden.core.testing.PatchPolicies.patchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whose change is cloudwarden's own: a CloudTrail caller that is an assumed-role session of one of the policy's
 * {@code ownRoles} (globs), and nobody else — not an IAM user, not the role itself outside a session, not another role.
 */
class PatchBaselinesPolicyTest {
    private static final String BASELINE = "baselines: [{name: web-al2023, operatingSystem: AMAZON_LINUX_2023, approvedPatches: [openssl]}]\n";
    private static final CloudNames NAMES = new InMemoryNames(CloudId.AWS);
    private static final PatchBaselinesPolicy DEFAULT_ROLES = patchPolicy(BASELINE);
    private static final PatchBaselinesPolicy OPS_ROLE = patchPolicy(BASELINE + "ownRoles: [ops-automation]\n");

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden",
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines-prod/1764496800000",
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines"})
    void aSessionOfTheOwnRoleIsOwn_withTheDefaultGlob(String principal) {
        assertThat(DEFAULT_ROLES.isOwn(principal, NAMES)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:iam::123456789012:user/mallory",
            "arn:aws:iam::123456789012:user/cloudwarden-patch-baselines",
            "arn:aws:iam::123456789012:role/cloudwarden-patch-baselines",
            "arn:aws:sts::123456789012:assumed-role/admin/mallory",
            "arn:aws:sts::123456789012:assumed-role/x-cloudwarden-patch-baselines/mallory",
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch/mallory",
            "arn:aws:iam::123456789012:root",
            ""})
    void anyoneElseIsNotOwn(String principal) {
        assertThat(DEFAULT_ROLES.isOwn(principal, NAMES)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:sts::123456789012:assumed-role/ops-automation/run-42",
            "arn:aws-us-gov:sts::123456789012:assumed-role/ops-automation/run-42"})
    void ownRolesReplaceTheDefault_theirSessionsAreOwn(String principal) {
        assertThat(OPS_ROLE.isOwn(principal, NAMES)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden",
            "arn:aws:sts::123456789012:assumed-role/ops-automation-dev/run-42"})
    void ownRolesWithoutAGlobMatchOnlyThatRole(String principal) {
        assertThat(OPS_ROLE.isOwn(principal, NAMES)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "cloudwarden-*, cloudwarden-patch, true",
            "cloudwarden-*, cloudwarden-, true",
            "cloudwarden-*, cloudwarden, false",
            "*, anything, true",
            "*-ops-*, team-ops-prod, true",
            "*-ops-*, team-ops, false",
            "a*b*c, abc, true",
            "a*b*c, aXbYc, true",
            "a*b*c, aXbY, false",
            "ops, ops, true",
            "ops, Ops, false",
            "o.s, ops, false",
            "a\\Eb*, a\\Ebc, true"})
    void aGlobMatchesTheWholeRoleName_withEachStarForAnyRun(String glob, String role, boolean matches) {
        assertThat(PatchBaselinesPolicy.globMatches(glob, role)).isEqualTo(matches);
    }

    @Test
    void aGlobOfManyStars_isAnsweredAtOnce_onARoleNameAnyoneWhoCreatesRolesChooses() {
        // as a regular expression, .*a.*a… backtracks for minutes on a 64-character name of a's
        String glob = "*a".repeat(20) + "*b";
        String role = "a".repeat(64);

        boolean matches = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> PatchBaselinesPolicy.globMatches(glob, role));

        assertThat(matches).isFalse();
    }
}
