package dev.cloudwarden.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.network.NetworkManager;
import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.IdentityOps;
import dev.cloudwarden.api.ProviderConfig;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Azure, for one subscription and location, through the management libraries on the JDK's HTTP client (no Netty).
 * Credentials: {@code DefaultAzureCredential} (environment, workload or managed identity, the Azure CLI …). With an
 * endpoint override (a local ARM server) every endpoint of the environment points there, the server's certificate is
 * trusted beside the JDK's, and a fixed token is sent: no credentials are needed or leave the machine.
 */
final class AzureProvider implements CloudProvider {
    private final ProviderConfig config;
    private final ArmCalls calls = new ArmCalls();
    private final AzureFirewalls firewalls;
    private final String subscription;

    AzureProvider(ProviderConfig config) {
        this.config = config;
        AzureNames.INSTANCE.regionProblem(config.region()).ifPresent(problem -> {
            throw new IllegalArgumentException("location: " + problem);
        });
        this.subscription = config.scope().requireAccount("Azure subscription id");
        NetworkManager network = NetworkManager.configure()
                .withHttpClient(httpClient(config))
                .withPolicy(calls)
                .authenticate(credential(config), new AzureProfile(null, subscription, environment(config.endpoint())));
        this.firewalls = new AzureFirewalls(network.serviceClient(), config.scope());
    }

    @Override
    public CloudId cloud() {
        return CloudId.AZURE;
    }

    @Override
    public String region() {
        return config.region();
    }

    @Override
    public CloudNames names() {
        return AzureNames.INSTANCE;
    }

    @Override
    public Optional<FirewallOps> firewalls() {
        return Optional.of(firewalls);
    }

    /** {@inheritDoc} The subscription the provider was made for: Azure credentials reach many, so it is named, not asked. */
    @Override
    public Optional<IdentityOps> identity() {
        return Optional.of(() -> subscription.toLowerCase(java.util.Locale.ROOT)); // a GUID, whatever case it was written in
    }

    @Override
    public ApiCalls apiCalls() {
        return calls.snapshot();
    }

    @Override
    public void close() {
        // the JDK's HTTP client holds nothing that must be released before exit
    }

    private static HttpClient httpClient(ProviderConfig config) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        config.endpointCertificate().ifPresent(pem -> jdk.sslContext(TrustedCertificate.sslContext(pem)));
        return new JdkHttpClientBuilder(jdk).build();
    }

    private static TokenCredential credential(ProviderConfig config) {
        if (config.endpoint().isPresent()) { // a local server: a token that opens nothing anywhere else
            return request -> Mono.just(new AccessToken("cloudwarden-local", OffsetDateTime.now().plusHours(1)));
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    /**
     * Azure's public cloud or, with an endpoint override, the same environment with Resource Manager and management there.
     * Every other endpoint is kept: the SDK looks each one up when it picks a token's scope, and a missing one fails it.
     */
    private static AzureEnvironment environment(Optional<URI> endpoint) {
        if (endpoint.isEmpty()) {
            return AzureEnvironment.AZURE;
        }
        String url = endpoint.get().toString().endsWith("/") ? endpoint.get().toString() : endpoint.get() + "/";
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", url);
        endpoints.put("managementEndpointUrl", url);
        return new AzureEnvironment(endpoints);
    }
}
