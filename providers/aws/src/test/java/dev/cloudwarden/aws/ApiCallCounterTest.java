package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Calls are counted under IAM action names, which an IAM policy must grant. */
class ApiCallCounterTest {
    @Test
    void theTaggingApiIsTag_everyOtherServiceItsOwnNameInLowerCase() {
        assertThat(ApiCallCounter.iamPrefix("ResourceGroupsTaggingApi")).isEqualTo("tag");
        assertThat(ApiCallCounter.iamPrefix("Ec2")).isEqualTo("ec2");
        assertThat(ApiCallCounter.iamPrefix("Sns")).isEqualTo("sns");
    }
}
