package dev.cloudwarden.aws;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.ProviderConfig;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AWS provider: one EC2 client per provider, built once with everything explicit (region, HTTP
 * client, credentials chain, retry mode) so that nothing is looked up on the cold-start path.
 */
final class AwsProvider implements CloudProvider {
    private final String region;
    private final ApiCallCounter counter = new ApiCallCounter();
    private final Ec2Client ec2;
    private final AwsFirewalls firewalls;

    AwsProvider(ProviderConfig config) {
        this.region = config.region();
        var builder = Ec2Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(config))
                // adaptive retries slow the client down when AWS throttles, instead of failing the sweep
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2).addExecutionInterceptor(counter));
        config.endpoint().ifPresent(builder::endpointOverride);
        this.ec2 = builder.build();
        this.firewalls = new AwsFirewalls(ec2, config.region());
    }

    /**
     * The default chain. With an endpoint override (an emulator) the chain stops short of container and
     * instance metadata, which would send requests off this machine, and ends in a fixed dummy key: a
     * local run needs no AWS credentials, while real ones, when present, still win.
     */
    private static AwsCredentialsProvider credentials(ProviderConfig config) {
        if (config.endpoint().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("cloudwarden", "emulator")))
                .reuseLastProviderEnabled(true)
                .build();
    }

    @Override
    public CloudId cloud() {
        return CloudId.AWS;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Optional<FirewallOps> firewalls() {
        return Optional.of(firewalls);
    }

    @Override
    public ApiCalls apiCalls() {
        return counter.snapshot();
    }

    @Override
    public void close() {
        ec2.close();
    }
}
