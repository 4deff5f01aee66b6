package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    /** A provider module as ServiceLoader would find it. */
    record AwsModule(CloudId cloud) implements CloudProviderFactory {
        @Override
        public CloudNames names() {
            throw new UnsupportedOperationException("never asked in these tests");
        }

        @Override
        public CloudProvider create(ProviderConfig config) {
            throw new UnsupportedOperationException("never created in these tests");
        }
    }

    /** A second, different module for a cloud that already has one. */
    record OtherAwsModule(CloudId cloud) implements CloudProviderFactory {
        @Override
        public CloudNames names() {
            throw new UnsupportedOperationException("never asked in these tests");
        }

        @Override
        public CloudProvider create(ProviderConfig config) {
            throw new UnsupportedOperationException("never created in these tests");
        }
    }

    @Test
    void findsTheOneModuleForTheCloud() {
        CloudProviderFactory aws = new AwsModule(CloudId.AWS);

        assertThat(Providers.find(CloudId.AWS, List.of(new AwsModule(CloudId.GCP), aws))).isSameAs(aws);
    }

    @Test
    void noModuleOnTheClassPathSaysNoneArePresent() {
        assertThatIllegalStateException().isThrownBy(() -> Providers.find(CloudId.AWS, List.of()))
                .withMessage("no provider module for cloud 'aws' on the class path (providers present: none)");
    }

    @Test
    void noModuleForTheCloudListsTheCloudsThatArePresent() {
        var present = List.<CloudProviderFactory>of(new AwsModule(CloudId.GCP), new AwsModule(CloudId.AZURE));

        assertThatIllegalStateException().isThrownBy(() -> Providers.find(CloudId.AWS, present))
                .withMessage("no provider module for cloud 'aws' on the class path (providers present: azure, gcp)");
    }

    @Test
    void twoModulesForOneCloudNameBoth() {
        var present = List.<CloudProviderFactory>of(new AwsModule(CloudId.AWS), new OtherAwsModule(CloudId.AWS));

        assertThatIllegalStateException().isThrownBy(() -> Providers.find(CloudId.AWS, present))
                .withMessage("more than one provider module for cloud 'aws': "
                        + AwsModule.class.getName() + ", " + OtherAwsModule.class.getName());
    }
}
