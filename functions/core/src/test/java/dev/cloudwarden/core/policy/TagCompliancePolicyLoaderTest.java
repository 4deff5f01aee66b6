package dev.cloudwarden.core.policy;

import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.tags.TagCompliancePolicy;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.google.re2j.Pattern;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.tags.TagCompliancePolicy.BlastRadius;
import dev.cloudwarden.core.tags.TagCompliancePolicy.CreatorTags;
import dev.cloudwarden.core.tags.TagCompliancePolicy.Exemptions;
import dev.cloudwarden.core.tags.TagCompliancePolicy.KeyCase;
import dev.cloudwarden.core.tags.TagCompliancePolicy.MarkForOp;
import dev.cloudwarden.core.tags.TagCompliancePolicy.Remediation;
import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import dev.cloudwarden.core.tags.TagCompliancePolicy.ValueRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagCompliancePolicyLoaderTest {
    private static final String RULE_FIELDS = "key, otherSpellings, allowed, pattern, default, resourceTypes, when";

    @Test
    void loadsEveryFieldOfATagComplianceSection() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance, ec2:volume]
                  required:
                    - key: owner
                      otherSpellings: accept
                      default: platform-team
                    - key: env
                      allowed: [prod, dev]
                      default: dev
                      resourceTypes: [ec2:instance]
                    - key: cost-center
                      pattern: "cc-[0-9]{4}"
                      when: {env: "*", billing: "on"}
                  exempt:
                    resourceIds: [i-legacy]
                    tags: {cloudwarden: exempt}
                  remediation:
                    addDefaults: true
                    fixCase: true
                    markForOp:
                      action: stop
                      after: 3d
                      tag: cw:marked
                      resourceTypes: [ec2:instance]
                  creatorTags:
                    principal: creator
                    principalType: creator-type
                    time: creator-at
                  notify:
                    topic: arn:aws:sns:eu-west-1:123456789012:tag-findings
                  blastRadius:
                    maxChanges: 20
                    maxPercent: 30
                    maxStops: 2
                """, "policy.yaml");

        assertThat(policy.section(FirewallAuditPolicy.class)).isEmpty();
        assertThat(policy.section(TagCompliancePolicy.class)).contains(new TagCompliancePolicy(
                List.of("ec2:instance", "ec2:volume"),
                List.of(new RequiredTag("owner", KeyCase.INSENSITIVE, new ValueRule.AnyValue(), Optional.of("platform-team"),
                                Set.of(), Map.of()),
                        new RequiredTag("env", KeyCase.EXACT, new ValueRule.OneOf(List.of("prod", "dev")), Optional.of("dev"),
                                Set.of("ec2:instance"), Map.of()),
                        new RequiredTag("cost-center", KeyCase.EXACT, new ValueRule.Matching(Pattern.compile("cc-[0-9]{4}")),
                                Optional.empty(), Set.of(), Map.of("env", "*", "billing", "on"))),
                new Exemptions(Set.of("i-legacy"), Map.of("cloudwarden", "exempt")),
                new Remediation(true, true, Optional.of(new MarkForOp(MarkForOp.Action.STOP, Duration.ofDays(3), "cw:marked",
                        Set.of("ec2:instance")))),
                Optional.of(new CreatorTags("creator", "creator-type", "creator-at")),
                Optional.of("arn:aws:sns:eu-west-1:123456789012:tag-findings"),
                new BlastRadius(new ChangeLimit(20, OptionalInt.of(30)), 2)));
    }

    @Test
    void aRuleWithOnlyAKeyRequiresAnyNonEmptyValueInExactCaseAndTheSectionChangesNothingByDefault() {
        TagCompliancePolicy tags = tagSection("""
                  resourceTypes: [ec2:instance, ec2:volume]
                  required:
                    - key: owner
                """);

        assertThat(tags.required()).containsExactly(
                new RequiredTag("owner", KeyCase.EXACT, new ValueRule.AnyValue(), Optional.empty(), Set.of(), Map.of()));
        assertThat(tags.exempt()).isEqualTo(Exemptions.NONE);
        assertThat(tags.remediation()).isEqualTo(Remediation.REPORT_ONLY);
        assertThat(tags.creatorTags()).isEmpty();
        assertThat(tags.notifyTopic()).isEmpty();
        assertThat(tags.blastRadius()).isEqualTo(BlastRadius.DEFAULT)
                .isEqualTo(new BlastRadius(new ChangeLimit(50, OptionalInt.empty()), 10));
    }

    @Test
    void markForOpStopDefaultsToTheOperationsOwnTagAndToInstancesOnly() {
        TagCompliancePolicy tags = tagSection("""
                  resourceTypes: [ec2:instance, ec2:volume]
                  required: [{key: owner}]
                  remediation:
                    markForOp: {action: stop, after: 3d}
                """);

        assertThat(tags.remediation()).isEqualTo(new Remediation(false, false, Optional.of(
                new MarkForOp(MarkForOp.Action.STOP, Duration.ofDays(3), "cloudwarden:marked-for-op", Set.of("ec2:instance")))));
    }

    @Test
    void markForOpNotifyDefaultsToEveryTypeTheSectionSweeps() {
        TagCompliancePolicy tags = tagSection("""
                  resourceTypes: [ec2:instance, ec2:volume, s3:bucket]
                  required: [{key: owner}]
                  remediation:
                    markForOp: {action: notify, after: 12h}
                """);

        assertThat(tags.remediation().markForOp()).contains(new MarkForOp(MarkForOp.Action.NOTIFY, Duration.ofHours(12),
                MarkForOp.DEFAULT_TAG, Set.of("ec2:instance", "ec2:volume", "s3:bucket")));
    }

    @Test
    void anEmptyCreatorTagsMappingTakesTheDefaultKeys() {
        TagCompliancePolicy tags = tagSection("""
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  creatorTags: {}
                """);

        assertThat(tags.creatorTags()).contains(new CreatorTags("created-by", "created-by-type", "created-at"));
    }

    @Test
    void aPolicyWithOnlyTagComplianceLoads() {
        Policy policy = PolicyLoader.parse("""
                version: 1
                cloud: azure
                tagCompliance:
                  resourceTypes: [Microsoft.Compute/virtualMachines]
                  required: [{key: owner}]
                """, "policy.yaml");

        assertThat(policy.cloud()).isEqualTo(CloudId.AZURE);
        assertThat(policy.section(FirewallAuditPolicy.class)).isEmpty();
        assertThat(policy.section(TagCompliancePolicy.class)).hasValueSatisfying(
                tags -> assertThat(tags.resourceTypes()).containsExactly("Microsoft.Compute/virtualMachines"));
    }

    @Test
    void aPolicyWithNeitherOperationIsRefusedNamingBothSections() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                """)).containsExactly(new PolicyError("(top level)",
                "the policy declares no operation: expected at least one of securityGroupAudit, tagCompliance, snapshotLifecycle, patchBaselines", 1));
    }

    @Test
    void resourceTypesAndRequiredAreRequiredAtTheSectionsLine() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  exempt: {resourceIds: [i-1]}
                """)).containsExactlyInAnyOrder(
                new PolicyError("tagCompliance.resourceTypes",
                        "required: the resource types to sweep, such as [ec2:instance, ec2:volume]", 3),
                new PolicyError("tagCompliance.required", "required: the tags every resource must carry", 3));
    }

    @Test
    void anUnknownFieldInARuleIsAnErrorListingTheRulesFields() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: owner
                      defualt: platform
                """)).containsExactly(new PolicyError("tagCompliance.required[0].defualt",
                "unknown field; expected one of: " + RULE_FIELDS, 7));
    }

    @Test
    void anUnknownFieldInTheSectionIsAnErrorListingTheSectionsFields() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  notfiy: {topic: "arn:aws:sns:eu-west-1:123456789012:t"}
                """)).containsExactly(new PolicyError("tagCompliance.notfiy",
                "unknown field; expected one of: resourceTypes, required, exempt, remediation, creatorTags, notify, blastRadius", 6));
    }

    @Test
    void allowedAndPatternTogetherIsAnErrorAtThePattern() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: env
                      allowed: [prod, dev]
                      pattern: "prod|dev"
                """)).containsExactly(new PolicyError("tagCompliance.required[0].pattern", "give allowed or pattern, not both", 8));
    }

    @Test
    void anInvalidRegularExpressionIsAnErrorSayingWhereItBreaks() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: cost-center
                      pattern: "cc-[0-9"
                """)).containsExactly(new PolicyError("tagCompliance.required[0].pattern",
                "not a valid regular expression: missing closing ]: [0-9 (patterns are RE2 syntax, matched in linear time: see the README)", 7));
    }

    @Test
    void aDefaultTheAllowedValuesRejectIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: env
                      allowed: [prod, dev]
                      default: staging
                """)).containsExactly(new PolicyError("tagCompliance.required[0].default",
                "the default \"staging\" is not itself accepted: expected one of prod, dev", 8));
    }

    @Test
    void aDefaultThePatternDoesNotMatchInFullIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: cost-center
                      pattern: "cc-[0-9]{4}"
                      default: cc-12345
                """)).containsExactly(new PolicyError("tagCompliance.required[0].default",
                "the default \"cc-12345\" is not itself accepted: expected matching cc-[0-9]{4}", 8));
    }

    @Test
    void aRuleResourceTypeTheSectionDoesNotSweepIsAnErrorAtItsEntry() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance, ec2:volume]
                  required:
                    - key: owner
                      resourceTypes:
                        - ec2:volume
                        - s3:bucket
                """)).containsExactly(new PolicyError("tagCompliance.required[0].resourceTypes[1]",
                "\"s3:bucket\" is not swept: it must also be listed in tagCompliance.resourceTypes", 9));
    }

    @Test
    void twoRulesForOneKeyInAnyCaseAreAnErrorAtTheSecond() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance, ec2:volume]
                  required:
                    - key: owner
                      resourceTypes: [ec2:instance]
                    - key: Owner
                      resourceTypes: [ec2:volume]
                """)).containsExactly(new PolicyError("tagCompliance.required[1].key",
                "\"Owner\" is already required by required[0]: give each key one rule (use resourceTypes and when to scope it)", 8));
    }

    @Test
    void aKeyTheCloudReservesIsAnError_inTheCloudsOwnWords() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: owner
                    - key: AWS:createdBy
                """)).containsExactly(new PolicyError("tagCompliance.required[1].key",
                "keys starting with AWS: are reserved by the cloud and cannot be set", 7));
    }

    @Test
    void aKeyLongerThan128CharactersIsAnError() {
        String longKey = "k".repeat(129);

        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: %s
                """.formatted(longKey))).containsExactly(new PolicyError("tagCompliance.required[0].key",
                "a tag key has at most 128 characters, got 129", 6));
    }

    @Test
    void aKeyOfExactly128CharactersIsAccepted() {
        String key = "k".repeat(128);

        assertThat(tagSection("""
                  resourceTypes: [ec2:instance]
                  required: [{key: %s}]
                """.formatted(key)).required()).extracting(RequiredTag::key).containsExactly(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0d", "3w", "soon", "0h", "-1d"})
    void anAfterThatIsNotAPositiveNumberOfDaysOrHoursIsAnError(String after) {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  remediation:
                    markForOp:
                      action: stop
                      after: "%s"
                """.formatted(after))).containsExactly(new PolicyError("tagCompliance.remediation.markForOp.after",
                "expected a delay such as 3d (days) or 12h (hours), at least 1h, got \"" + after + "\"", 9));
    }

    @Test
    void stopForATypeThatIsNotAnInstanceIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance, ec2:volume]
                  required: [{key: owner}]
                  remediation:
                    markForOp:
                      action: stop
                      after: 3d
                      resourceTypes: [ec2:instance, ec2:volume]
                """)).containsExactly(new PolicyError("tagCompliance.remediation.markForOp.resourceTypes",
                "action stop can only stop ec2:instance, not ec2:volume", 10));
    }

    @Test
    void aNotifyTopicTheCloudRefusesIsAnError_inTheCloudsOwnWords() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  notify:
                    topic: tag-findings
                """)).containsExactly(new PolicyError("tagCompliance.notify.topic",
                "expected a topic (topic:NAME or an ARN), got \"tag-findings\"", 7));
    }

    @Test
    void creatorTagsWithTwoEqualKeysIsAnErrorAtTheMapping() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  creatorTags:
                    principal: owner
                    time: owner
                """)).containsExactly(new PolicyError("tagCompliance.creatorTags",
                "principal, principalType and time need three different keys, got owner, created-by-type, owner", 6));
    }

    @Test
    void aRequiredKeyEqualToTheMarkTagInAnyCaseIsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: owner
                    - key: CloudWarden:Marked-For-Op
                  remediation:
                    markForOp: {action: stop, after: 3d}
                """)).containsExactly(new PolicyError("tagCompliance.required[1].key",
                "\"CloudWarden:Marked-For-Op\" is remediation.markForOp.tag: cloudwarden writes that tag itself", 7));
    }

    @Test
    void aMaxPercentAbove100IsAnError() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required: [{key: owner}]
                  blastRadius:
                    maxPercent: 150
                """)).containsExactly(new PolicyError("tagCompliance.blastRadius.maxPercent",
                "expected a whole number from 0 to 100, got 150", 7));
    }

    @Test
    void everyErrorOfTheSectionIsCollectedNotJustTheFirst() {
        assertThat(errorsOf("""
                version: 1
                cloud: aws
                tagCompliance:
                  resourceTypes: [ec2:instance]
                  required:
                    - key: aws:owner
                    - key: env
                      allowed: [prod]
                      default: dev
                  notify: {topic: findings}
                  blastRadius: {maxPercent: 150}
                """)).extracting(PolicyError::field, PolicyError::line).containsExactlyInAnyOrder(
                tuple("tagCompliance.required[0].key", 6),
                tuple("tagCompliance.required[1].default", 9),
                tuple("tagCompliance.notify.topic", 10),
                tuple("tagCompliance.blastRadius.maxPercent", 11));
    }

    private static TagCompliancePolicy tagSection(String sectionBody) {
        return PolicyLoader.parse("version: 1\ncloud: aws\ntagCompliance:\n" + sectionBody, "policy.yaml")
                .section(TagCompliancePolicy.class).orElseThrow();
    }

    private static List<PolicyError> errorsOf(String text) {
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.parse(text, "policy.yaml"));
        assertThat(e).as("the policy is refused").isNotNull();
        return e.errors();
    }
}
