package dev.cloudwarden.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider needs to reach its cloud: the region (or location) it serves, the name its calls are
 * made under and, for tests and emulators, an endpoint that replaces the cloud's own. Credentials never
 * appear here: each provider uses its cloud's default credential chain.
 *
 * @param application the name the provider presents with every call (on AWS the SDK's app id, which CloudTrail
 *                    records in each event's {@code userAgent}): {@code cloudwarden-<operation>}, so that an
 *                    audit trail tells which function made a call; {@code cloudwarden} when not given
 */
public record ProviderConfig(String region, Optional<URI> endpoint, String application) {
    public static final String DEFAULT_APPLICATION = "cloudwarden";

    public ProviderConfig {
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        endpoint = Objects.requireNonNullElse(endpoint, Optional.empty());
        application = application == null || application.isBlank() ? DEFAULT_APPLICATION : application;
    }

    public ProviderConfig(String region, Optional<URI> endpoint) {
        this(region, endpoint, DEFAULT_APPLICATION);
    }

    public static ProviderConfig of(String region) {
        return new ProviderConfig(region, Optional.empty());
    }

    public ProviderConfig withEndpoint(URI uri) {
        return new ProviderConfig(region, Optional.of(uri), application);
    }

    /** The same, with calls made under the name of the operation that makes them: {@code cloudwarden-<operation>}. */
    public ProviderConfig forOperation(String operation) {
        return new ProviderConfig(region, endpoint, DEFAULT_APPLICATION + "-" + operation);
    }
}
