package dev.cloudwarden.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider needs to reach its cloud: the region (or location) it serves and, for tests and
 * emulators, an endpoint that replaces the cloud's own. Credentials never appear here: each provider
 * uses its cloud's default credential chain.
 */
public record ProviderConfig(String region, Optional<URI> endpoint) {
    public ProviderConfig {
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        endpoint = Objects.requireNonNullElse(endpoint, Optional.empty());
    }

    public static ProviderConfig of(String region) {
        return new ProviderConfig(region, Optional.empty());
    }

    public ProviderConfig withEndpoint(URI uri) {
        return new ProviderConfig(region, Optional.of(uri));
    }
}
