package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An AWS region name is checked before any SDK client is built from it. */
class AwsRegionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-2", "ap-southeast-5", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1",
            "eu-isoe-west-1", "eusc-de-east-1", "il-central-1", "mx-central-1"})
    void awsRegionNames_areRegions(String name) {
        assertThat(AwsRegions.isRegion(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us east 1", "us-east-1/x", "../../etc", "", "US-EAST-1", "us-east-", "useast1", "aws-global",
            "us-east-1 ", "us-east-1\n", "us-east-100", "us-east-1.evil.example"})
    void anythingElse_isNot(String name) {
        assertThat(AwsRegions.isRegion(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us east 1", "us-east-1/x", "../../etc"})
    void theProvider_refusesARegionItCannotUse_beforeBuildingAnyClient(String name) {
        // before the check, "us east 1" failed inside the SDK's client builder (an invalid endpoint host)
        assertThatIllegalArgumentException().isThrownBy(() -> Providers.find(CloudId.AWS).create(ProviderConfig.of(name)))
                .withMessage("region '" + name + "' is not an AWS region name (such as us-east-1 or eu-west-2)");
    }
}
