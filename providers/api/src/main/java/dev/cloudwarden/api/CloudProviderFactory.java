package dev.cloudwarden.api;

/**
 * The service-provider interface: one implementation per cloud module, listed in
 * {@code META-INF/services/dev.cloudwarden.api.CloudProviderFactory} and found by {@link Providers}.
 */
public interface CloudProviderFactory {
    CloudId cloud();

    /** The cloud's naming rules, known without connecting: a policy is checked by them before any call is made. */
    CloudNames names();

    CloudProvider create(ProviderConfig config);
}
