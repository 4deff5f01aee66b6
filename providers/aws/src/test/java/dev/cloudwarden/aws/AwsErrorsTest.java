package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudException.Kind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * The translation of snapshot failures, and the one failure after which a snapshot write may be sent
 * again: throttling, where EC2 refused the call before doing anything.
 */
class AwsErrorsTest {

    @Test
    void throttling_isEc2sRateLimits_andTheSdksOwnFlag() {
        assertThat(AwsErrors.isThrottling(ec2Error(503, "RequestLimitExceeded"))).isTrue();
        assertThat(AwsErrors.isThrottling(ec2Error(400, "SnapshotCreationPerVolumeRateExceeded"))).isTrue();
        assertThat(AwsErrors.isThrottling(ec2Error(400, "ThrottlingException"))).isTrue();
        assertThat(AwsErrors.isThrottling(ec2Error(429, "SomethingElse"))).as("HTTP 429").isTrue();
    }

    @Test
    void anAmbiguousFailure_isNotThrottling() {
        assertThat(AwsErrors.isThrottling(ec2Error(500, "InternalError"))).isFalse();
        assertThat(AwsErrors.isThrottling(ec2Error(503, "Unavailable"))).isFalse();
        assertThat(AwsErrors.isThrottling(SdkClientException.create("reset", new IOException("Connection reset")))).isFalse();
        assertThat(AwsErrors.isThrottling(new IOException("Connection reset"))).isFalse();
    }

    @Test
    void snapshotCodes_mapToTheirKinds() {
        assertThat(AwsErrors.translate("ec2:DeleteSnapshot", ec2Error(400, "InvalidSnapshot.InUse")).kind()).isEqualTo(Kind.CONFLICT);
        assertThat(AwsErrors.translate("ec2:DeleteSnapshot", ec2Error(400, "InvalidSnapshot.NotFound")).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(AwsErrors.translate("ec2:CreateSnapshot", ec2Error(400, "SnapshotCreationPerVolumeRateExceeded")).kind())
                .isEqualTo(Kind.THROTTLED);
        assertThat(AwsErrors.translate("ec2:CreateSnapshot", ec2Error(500, "InternalError")).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void securityHubNotEnabled_isAccessDenied_whetherAsAnErrorOrInsideABatchAnswer() {
        assertThat(AwsErrors.kindOf("InvalidAccessException", 401, false)).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(AwsErrors.failure("securityhub:BatchImportFindings", "InvalidAccess", 200, "not subscribed", "req-1").kind())
                .isEqualTo(Kind.ACCESS_DENIED);
        assertThat(AwsErrors.failure("securityhub:BatchImportFindings", "InvalidInput", 200, "bad finding", "req-1").kind())
                .isEqualTo(Kind.INVALID);
    }

    private static Ec2Exception ec2Error(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
