package dev.cloudwarden.azureemulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceDelayProvider;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The real Azure SDK's network client, pointed at an {@link ArmServer}. */
final class ArmSdk {
    private ArmSdk() {
    }

    /**
     * A NetworkManager as production builds one, except for the endpoint (the server), the TLS trust (the server's
     * certificate) and the credential (a fake token: the server checks none).
     */
    static NetworkManager network(ArmServer arm) {
        // copy every endpoint of the public cloud: the SDK's token-scope lookup reads them all
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", arm.endpoint());
        endpoints.put("managementEndpointUrl", arm.endpoint());
        AzureProfile profile = new AzureProfile("00000000-0000-4000-8000-00000000000a", ArmServer.SUBSCRIPTION,
                new AzureEnvironment(endpoints));
        TokenCredential fake = request -> Mono.just(new AccessToken("fake-token", OffsetDateTime.now().plusHours(1)));
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(arm.sslContext())
                .connectTimeout(Duration.ofSeconds(5))).build();
        return NetworkManager.configure().withHttpClient(http).authenticate(fake, profile);
    }

    /**
     * Makes the SDK's long-running-operation polls fast: with {@code Retry-After: 0} the SDK waits its default poll
     * interval, which this shortens to a millisecond. Static in the SDK: undo with {@link #normalPolling()}.
     */
    static void fastPolling() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(1));
    }

    /** Back to the SDK's own delay provider (the one its static initializer installs). */
    static void normalPolling() {
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(new ResourceDelayProvider());
    }
}
