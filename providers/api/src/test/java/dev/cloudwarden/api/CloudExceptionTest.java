package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cloud failure's message names the call, the kind, the cloud's code and its words, and never says "null". */
class CloudExceptionTest {

    @Test
    void aFailureWithCodeAndMessage_saysBoth() {
        CloudException e = new CloudException(CloudException.Kind.NOT_FOUND, "ec2:RevokeSecurityGroupIngress", "InvalidGroup.NotFound",
                "req-1", "The security group 'sg-1' does not exist", null);

        assertThat(e.getMessage()).isEqualTo("ec2:RevokeSecurityGroupIngress failed: NOT_FOUND (InvalidGroup.NotFound): "
                + "The security group 'sg-1' does not exist");
    }

    @Test
    void aFailureWithoutCodeOrMessage_saysSo_ratherThanNull() {
        CloudException e = new CloudException(CloudException.Kind.UNAVAILABLE, "ec2:DescribeSecurityGroups", null, null, null, null);

        assertThat(e.getMessage()).isEqualTo("ec2:DescribeSecurityGroups failed: UNAVAILABLE (no error code): no message");
        assertThat(e.nativeCode()).isEmpty();
        assertThat(e.requestId()).isEmpty();
    }
}
