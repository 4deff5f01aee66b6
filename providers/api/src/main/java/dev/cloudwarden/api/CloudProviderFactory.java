package dev.cloudwarden.api;

/**
 * The service-provider interface: one implementation per cloud module, listed in
 * {@code META-INF/services/dev.cloudwarden.api.CloudProviderFactory} and found by {@link Providers}.
 */
public interface CloudProviderFactory {
    CloudId cloud();

    CloudProvider create(ProviderConfig config);
}
