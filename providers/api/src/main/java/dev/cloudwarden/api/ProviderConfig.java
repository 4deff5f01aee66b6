package dev.cloudwarden.api;

import java.net.URI;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider needs to reach its cloud: its scope (the region or location it serves and, where credentials do not
 * imply it, the subscription or project), the name its calls are made under and, for tests and emulators, an endpoint
 * that replaces the cloud's own. Credentials never appear here: each provider uses its cloud's default credential chain.
 *
 * <p>Whether a region name is one the cloud knows is the provider's to say (each cloud spells them its own way);
 * the endpoint's rule is the same for every cloud and checked here, before any client exists: an absolute
 * {@code http} or {@code https} URL with a host.
 *
 * @param scope       where the provider reads and writes ({@link CloudScope})
 * @param application the name the provider presents with every call (on AWS the SDK's app id, which CloudTrail
 *                    records in each event's {@code userAgent}): {@code cloudwarden-<operation>}, so that an
 *                    audit trail tells which function made a call; {@code cloudwarden} when not given
 * @param deadline    when the run that uses this provider must be over: no call is started after it, and a call
 *                    in flight is cut off at it (a command-line run's {@code --timeout}); empty: each call is
 *                    bounded only by the provider's own per-call time limits
 * @param endpointCertificate a PEM certificate the provider trusts for {@code endpoint}, beside the JDK's own: a local
 *                    server's test certificate (Azure's SDK sends its bearer token over https only); empty: the JDK's trust
 */
public record ProviderConfig(CloudScope scope, Optional<URI> endpoint, String application, Optional<Instant> deadline,
                             Optional<Path> endpointCertificate) {
    public static final String DEFAULT_APPLICATION = "cloudwarden";

    public ProviderConfig {
        Objects.requireNonNull(scope, "scope");
        endpoint = Objects.requireNonNullElse(endpoint, Optional.empty());
        endpoint.ifPresent(ProviderConfig::checkEndpoint);
        application = application == null || application.isBlank() ? DEFAULT_APPLICATION : application;
        deadline = Objects.requireNonNullElse(deadline, Optional.empty());
        endpointCertificate = Objects.requireNonNullElse(endpointCertificate, Optional.empty());
    }

    public ProviderConfig(CloudScope scope, Optional<URI> endpoint, String application, Optional<Instant> deadline) {
        this(scope, endpoint, application, deadline, Optional.empty());
    }

    public ProviderConfig(String region, Optional<URI> endpoint, String application, Optional<Instant> deadline) {
        this(CloudScope.region(region), endpoint, application, deadline);
    }

    public ProviderConfig(String region, Optional<URI> endpoint, String application) {
        this(region, endpoint, application, Optional.empty());
    }

    public ProviderConfig(String region, Optional<URI> endpoint) {
        this(region, endpoint, DEFAULT_APPLICATION);
    }

    public static ProviderConfig of(String region) {
        return new ProviderConfig(region, Optional.empty());
    }

    public static ProviderConfig of(CloudScope scope) {
        return new ProviderConfig(scope, Optional.empty(), DEFAULT_APPLICATION, Optional.empty());
    }

    /** The region (AWS), location (Azure) or region (GCP) of the scope. */
    public String region() {
        return scope.region();
    }

    public ProviderConfig withEndpoint(URI uri) {
        return new ProviderConfig(scope, Optional.of(uri), application, deadline, endpointCertificate);
    }

    /** The same, with calls made under the name of the operation that makes them: {@code cloudwarden-<operation>}. */
    public ProviderConfig forOperation(String operation) {
        return new ProviderConfig(scope, endpoint, DEFAULT_APPLICATION + "-" + operation, deadline, endpointCertificate);
    }

    /** The same, for a run that must be over at {@code deadline}. */
    public ProviderConfig withDeadline(Instant deadline) {
        return new ProviderConfig(scope, endpoint, application, Optional.of(deadline), endpointCertificate);
    }

    /** The same, trusting the PEM certificate in {@code file} for the endpoint (a local server's test certificate). */
    public ProviderConfig withEndpointCertificate(Path file) {
        return new ProviderConfig(scope, endpoint, application, deadline, Optional.of(file));
    }

    /**
     * An endpoint given as text (a command-line option, an environment variable), parsed and checked.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong with it
     */
    public static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(notAnEndpoint(text, "it is not a valid URL (" + e.getReason() + ")"));
        }
        checkEndpoint(uri);
        return uri;
    }

    private static void checkEndpoint(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(notAnEndpoint(uri.toString(), "it does not start with http:// or https://"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(notAnEndpoint(uri.toString(), "it names no host"));
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException(notAnEndpoint(uri.toString(), "its port is above 65535"));
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(notAnEndpoint(uri.toString(), "it carries a user, a query or a fragment"));
        }
    }

    private static String notAnEndpoint(String text, String why) {
        return "endpoint '" + text + "' cannot be used: " + why
                + "; give an absolute http:// or https:// URL with a host, such as http://127.0.0.1:5000";
    }
}
