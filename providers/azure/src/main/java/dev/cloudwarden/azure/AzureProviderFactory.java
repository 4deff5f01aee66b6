package dev.cloudwarden.azure;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudProviderFactory;
import dev.cloudwarden.api.ProviderConfig;

/** The Azure provider, found by {@code ServiceLoader}. */
public final class AzureProviderFactory implements CloudProviderFactory {
    @Override
    public CloudId cloud() {
        return CloudId.AZURE;
    }

    @Override
    public CloudNames names() {
        return AzureNames.INSTANCE;
    }

    @Override
    public CloudProvider create(ProviderConfig config) {
        return new AzureProvider(config);
    }
}
