package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS's naming rules, as core receives them through the provider module's factory (without connecting). */
class AwsNamesTest {
    private final CloudNames names = Providers.find(CloudId.AWS).names();

    @ParameterizedTest
    @ValueSource(strings = {"aws:createdBy", "AWS:createdBy", "Aws:cloudformation:stack-name"})
    void keysStartingWithAwsAreReservedInAnyCase(String key) {
        assertThat(names.reservedKey(key)).isTrue();
        assertThat(names.tagKeyProblem(key)).contains("keys starting with aws: are reserved by AWS and cannot be set");
    }

    @Test
    void keysUpTo128AndValuesUpTo256CharactersAreAccepted_longerOnesAreNot() {
        assertThat(names.tagKeyProblem("k".repeat(128))).isEmpty();
        assertThat(names.tagKeyProblem("k".repeat(129))).contains("a tag key has at most 128 characters, got 129");
        assertThat(names.tagValueProblem("v".repeat(256))).isEmpty();
        assertThat(names.tagValueProblem("v".repeat(257))).contains("a tag value has at most 256 characters, got 257");
        assertThat(names.caseInsensitiveKeys()).isFalse();
        assertThat(names.maxTagsPerResource()).isEqualTo(50);
    }

    @Test
    void aTopicIsAnSnsTopicArn() {
        assertThat(names.topicProblem("arn:aws:sns:us-east-1:123456789012:tag-findings")).isEmpty();
        assertThat(names.topicProblem("arn:aws-us-gov:sns:us-gov-west-1:123456789012:tag-findings")).isEmpty();
        assertThat(names.topicProblem("tag-findings"))
                .contains("expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got \"tag-findings\"");
        assertThat(names.topicProblem("arn:aws:sqs:us-east-1:123456789012:queue")).isPresent();
    }

    @Test
    void aRegionIsCheckedByItsShape() {
        assertThat(names.regionProblem("us-west-2")).isEmpty();
        assertThat(names.regionProblem("us-gov-west-1")).isEmpty();
        assertThat(names.regionProblem("westeurope")).contains("expected an AWS region such as us-east-1 or eu-west-2, got \"westeurope\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines/cloudwarden",
            "arn:aws-us-gov:sts::123456789012:assumed-role/cloudwarden-patch-baselines/1764496800000",
            "arn:aws:sts::123456789012:assumed-role/cloudwarden-patch-baselines"})
    void anAssumedRoleSessionActsAsItsRole(String principal) {
        assertThat(names.actingRole(principal)).contains("cloudwarden-patch-baselines");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:iam::123456789012:user/cloudwarden-patch-baselines",
            "arn:aws:iam::123456789012:role/cloudwarden-patch-baselines",
            "arn:aws:iam::123456789012:root",
            "cloudwarden-patch-baselines",
            ""})
    void aUserARoleOutsideASessionOrAnythingElseActsAsNoRole(String principal) {
        assertThat(names.actingRole(principal)).isEmpty();
    }

    @Test
    void cloudwardensOwnTagsAreWrittenAsTheyAre() {
        CloudNames.BookkeepingTags own = names.bookkeeping();

        assertThat(own.key("plan")).isEqualTo("cloudwarden:plan");
        assertThat(own.isOwn("Cloudwarden:Plan")).isTrue();
        assertThat(own.isOwn("owner")).isFalse();
        assertThat(own.decode(own.encode("stop@2026-11-28T09:00:00Z"))).contains("stop@2026-11-28T09:00:00Z");
        assertThat(names.instanceType()).isEqualTo("ec2:instance");
        assertThat(names.patchOperatingSystems()).contains("WINDOWS", "AMAZON_LINUX_2023");
        assertThat(names.patchFilterKeys()).contains("CLASSIFICATION", "MSRC_SEVERITY");
    }
}
