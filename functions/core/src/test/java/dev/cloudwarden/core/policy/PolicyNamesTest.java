package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy;
import dev.cloudwarden.core.tags.TagCompliancePolicy;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.cloudwarden.core.tags.TagCompliancePolicy.KeyCase;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy says the same thing the same way in every section: {@code blastRadius.maxChanges} and {@code maxPercent}
 * with one default, {@code otherSpellings: report | accept} for a key's other spellings, and tag filters as a mapping of
 * key to value ({@code protectTags}). The old names still work, read the same, with a warning naming the new one;
 * old and new together are an error.
 */
class PolicyNamesTest {
    private static final String TAG_SECTION = """
            tagCompliance:
              resourceTypes: [ec2:instance]
              required:
                - key: owner
            """;
    private static final String SNAPSHOT_SECTION = """
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select: {volumeTags: {backup: daily}}
                  retain: {count: 7}
            """;

    @Nested
    class BlastRadius {

        @Test
        void everySectionSaysMaxChanges_withTheSameDefaultOfFifty() {
            Policy policy = load("""
                    securityGroupAudit: {}
                    patchBaselines:
                      baselines:
                        - name: cw-al2023
                          operatingSystem: AMAZON_LINUX_2023
                          approvalRules:
                            - filters: {CLASSIFICATION: [Security]}
                              approveAfterDays: 7
                    """ + TAG_SECTION + SNAPSHOT_SECTION);

            ChangeLimit fifty = new ChangeLimit(50, OptionalInt.empty());
            assertThat(policy.section(FirewallAuditPolicy.class).orElseThrow().blastRadius()).isEqualTo(fifty);
            assertThat(policy.section(TagCompliancePolicy.class).orElseThrow().blastRadius().changes()).isEqualTo(fifty);
            assertThat(policy.section(SnapshotLifecyclePolicy.class).orElseThrow().blastRadius()).isEqualTo(fifty);
            assertThat(policy.section(PatchBaselinesPolicy.class).orElseThrow().blastRadius().changes()).isEqualTo(fifty);
            assertThat(policy.warnings()).isEmpty();
        }

        @ParameterizedTest(name = "{0}.blastRadius.{1}")
        @CsvSource({"securityGroupAudit, maxGroups", "tagCompliance, maxResources", "snapshotLifecycle, maxDeletions"})
        void anOldNameIsReadAsMaxChanges_withAWarningNamingIt(String section, String old) {
            Policy policy = load(withBlastRadius(section, "{" + old + ": 7, maxPercent: 30}"));

            assertThat(limitOf(policy, section)).isEqualTo(new ChangeLimit(7, OptionalInt.of(30)));
            assertThat(policy.warnings()).singleElement().satisfies(w -> {
                assertThat(w.field()).isEqualTo(section + ".blastRadius." + old);
                assertThat(w.problem()).startsWith("deprecated: write maxChanges (");
                assertThat(w.line()).isPositive();
            });
        }

        @ParameterizedTest(name = "{0}.blastRadius.{1}")
        @CsvSource({"securityGroupAudit, maxGroups", "tagCompliance, maxResources", "snapshotLifecycle, maxDeletions"})
        void anOldNameBesideTheNewOne_isAnError(String section, String old) {
            InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
                    () -> load(withBlastRadius(section, "{" + old + ": 7, maxChanges: 9}")));

            assertThat(e.errors()).extracting(PolicyError::field, PolicyError::problem)
                    .containsExactly(tuple(section + ".blastRadius." + old, "give maxChanges or its old name " + old + ", not both"));
        }

        @Test
        void patchBaselinesTakeMaxPercentToo() {
            Policy policy = load("""
                    patchBaselines:
                      baselines:
                        - name: cw-al2023
                          operatingSystem: AMAZON_LINUX_2023
                          approvalRules:
                            - filters: {CLASSIFICATION: [Security]}
                              approveAfterDays: 7
                      blastRadius: {maxChanges: 4, maxPercent: 25, maxScans: 9}
                    """);

            assertThat(policy.section(PatchBaselinesPolicy.class).orElseThrow().blastRadius())
                    .isEqualTo(new PatchBaselinesPolicy.BlastRadius(new ChangeLimit(4, OptionalInt.of(25)), 9));
        }

        private static String withBlastRadius(String section, String blastRadius) {
            String body = switch (section) {
                case "securityGroupAudit" -> "securityGroupAudit:\n";
                case "tagCompliance" -> TAG_SECTION;
                default -> SNAPSHOT_SECTION;
            };
            return body + "  blastRadius: " + blastRadius + "\n";
        }

        private static ChangeLimit limitOf(Policy policy, String section) {
            return switch (section) {
                case "securityGroupAudit" -> policy.section(FirewallAuditPolicy.class).orElseThrow().blastRadius();
                case "tagCompliance" -> policy.section(TagCompliancePolicy.class).orElseThrow().blastRadius().changes();
                default -> policy.section(SnapshotLifecyclePolicy.class).orElseThrow().blastRadius();
            };
        }
    }

    @Nested
    class OtherSpellings {

        @ParameterizedTest(name = "otherSpellings: {0}")
        @CsvSource({"report, EXACT", "accept, INSENSITIVE"})
        void saysWhatAnotherSpellingOfTheKeyIs(String value, KeyCase expected) {
            Policy policy = load(TAG_SECTION + "      otherSpellings: " + value + "\n");

            assertThat(policy.section(TagCompliancePolicy.class).orElseThrow().required().getFirst().keyCase()).isEqualTo(expected);
            assertThat(policy.warnings()).isEmpty();
        }

        @ParameterizedTest(name = "case: {0}")
        @CsvSource({"exact, EXACT, report", "insensitive, INSENSITIVE, accept"})
        void theOldCaseIsReadTheSame_withAWarning(String value, KeyCase expected, String instead) {
            Policy policy = load(TAG_SECTION + "      case: " + value + "\n");

            assertThat(policy.section(TagCompliancePolicy.class).orElseThrow().required().getFirst().keyCase()).isEqualTo(expected);
            assertThat(expected.id()).isEqualTo(instead);
            assertThat(policy.warnings()).extracting(PolicyError::field, PolicyError::line)
                    .containsExactly(tuple("tagCompliance.required[0].case", 7));
            assertThat(policy.warnings().getFirst().problem()).startsWith("deprecated: write otherSpellings (report: another spelling");
        }

        @Test
        void aValueOtherThanReportOrAccept_isAnErrorNamingBoth() {
            InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class,
                    () -> load(TAG_SECTION + "      otherSpellings: insensitive\n"));

            assertThat(e.errors()).extracting(PolicyError::field, PolicyError::problem)
                    .containsExactly(tuple("tagCompliance.required[0].otherSpellings", "expected one of report, accept, got \"insensitive\""));
        }
    }

    @Nested
    class ProtectTags {

        @Test
        void takeKeyToValue_likeEveryOtherTagFilter() {
            Policy policy = load(SNAPSHOT_SECTION + "  protectTags: {legal-hold: \"*\", retention: \"7y\"}\n");

            assertThat(policy.section(SnapshotLifecyclePolicy.class).orElseThrow().protectTags()).isEqualTo(Map.of("legal-hold", "*", "retention", "7y"));
            assertThat(policy.warnings()).isEmpty();
        }

        @Test
        void theOldProtectTag_isOneKeyWithAnyValue_withAWarning() {
            Policy policy = load(SNAPSHOT_SECTION + "  protectTag: legal-hold\n");

            assertThat(policy.section(SnapshotLifecyclePolicy.class).orElseThrow().protectTags()).isEqualTo(Map.of("legal-hold", "*"));
            assertThat(policy.warnings()).extracting(PolicyError::field).containsExactly("snapshotLifecycle.protectTag");
        }

        @Test
        void bothAtOnce_isAnError_andAReservedKeyToo() {
            InvalidPolicyException both = catchThrowableOfType(InvalidPolicyException.class,
                    () -> load(SNAPSHOT_SECTION + "  protectTag: legal-hold\n  protectTags: {legal-hold: \"*\"}\n"));
            InvalidPolicyException reserved = catchThrowableOfType(InvalidPolicyException.class,
                    () -> load(SNAPSHOT_SECTION + "  protectTags: {\"aws:backup\": \"*\"}\n"));

            assertThat(both.errors()).extracting(PolicyError::field).containsExactly("snapshotLifecycle.protectTag");
            assertThat(reserved.errors()).extracting(PolicyError::field, PolicyError::problem)
                    .containsExactly(tuple("snapshotLifecycle.protectTags.aws:backup", "keys starting with aws: are reserved by the cloud and cannot be set"));
        }
    }

    private static Policy load(String sections) {
        return PolicyLoader.parse("version: 1\ncloud: aws\n" + sections, "test policy");
    }
}
