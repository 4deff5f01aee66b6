package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudProviderFactory;
import dev.cloudwarden.api.ProviderConfig;

/** Registered in META-INF/services: the AWS provider for the region in the config. */
public final class AwsProviderFactory implements CloudProviderFactory {
    @Override
    public CloudId cloud() {
        return CloudId.AWS;
    }

    @Override
    public CloudNames names() {
        return AwsNames.INSTANCE;
    }

    @Override
    public CloudProvider create(ProviderConfig config) {
        return new AwsProvider(config);
    }
}
