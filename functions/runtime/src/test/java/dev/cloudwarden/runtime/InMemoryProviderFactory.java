package dev.cloudwarden.runtime;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.CloudProviderFactory;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.testing.InMemoryCloud;
import dev.cloudwarden.core.testing.InMemoryNames;

/**
 * The provider module of the runner tests' cloud (GCP here, to show the runner names no cloud of its own): the
 * in-memory cloud a test puts in {@link #cloud}, found by ServiceLoader as a real provider module is.
 */
public final class InMemoryProviderFactory implements CloudProviderFactory {
    static volatile InMemoryCloud cloud;

    @Override
    public CloudId cloud() {
        return CloudId.GCP;
    }

    @Override
    public CloudNames names() {
        return new InMemoryNames(CloudId.GCP);
    }

    @Override
    public CloudProvider create(ProviderConfig config) {
        if (!config.region().equals(cloud.region())) {
            throw new IllegalStateException("the test cloud is in " + cloud.region() + ", not " + config.region());
        }
        return cloud;
    }
}
