package dev.cloudwarden.aws;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.IdentityOps;
import dev.cloudwarden.api.NotificationOps;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.SecurityFindingsOps;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.TagOps;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS provider: one client per service, each built once with everything explicit (region, HTTP
 * client, credentials chain, retry mode) so that nothing is looked up on the cold-start path. EC2 serves
 * every function and is built at once; the Tagging API, SNS, SSM and Security Hub clients are built on
 * first use, so a function that never calls them does not pay for them. So are EC2 clients of other regions
 * (snapshot copies for disaster recovery) and the EC2 clients that never resend a snapshot write ({@link RegionalEc2}).
 *
 * <p>Nothing is built from a region that is not shaped like an AWS region name ({@link AwsRegions}): the constructor
 * refuses it first. Every call is bounded in time: each attempt and each call (retries included) have a limit, and a
 * run's deadline ({@link ProviderConfig#deadline()}) stops calls from starting after it and cuts off one in flight at
 * it ({@link CallDeadline}).
 */
final class AwsProvider implements CloudProvider {
    static final Duration EMULATOR_READ_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How long one attempt of a call, and one call with its retries, may take before it fails as unavailable.
     *
     * @param attempt the SDK's api-call-attempt timeout
     * @param call    the SDK's api-call timeout, retries and back-off included; a run's deadline only ever lowers it
     */
    record CallLimits(Duration attempt, Duration call) {
        /**
         * On AWS. The SDK has no limit of its own beyond the socket's 30 s read timeout, which a server that trickles
         * its answer never reaches: one attempt may take a minute (a page of 1,000 instances takes seconds), a call
         * with its retries three (three attempts and adaptive back-off of up to 20 s between them).
         */
        static final CallLimits AWS = new CallLimits(Duration.ofMinutes(1), Duration.ofMinutes(3));
        /**
         * On an emulator, which answers large pages slowly ({@link #httpClient()}): an attempt may take the whole read
         * timeout, a call two of them.
         */
        static final CallLimits EMULATOR = new CallLimits(EMULATOR_READ_TIMEOUT, EMULATOR_READ_TIMEOUT.multipliedBy(2));

        static CallLimits of(ProviderConfig config) {
            return config.endpoint().isPresent() ? EMULATOR : AWS;
        }
    }

    /**
     * Whether the Security Hub SDK module is on the class path. It is an optional dependency of this module (about
     * 9 MB, most of it the ASFF resource model): a deployable that does not declare it offers no security findings,
     * and nothing here touches its classes.
     */
    static final boolean SECURITY_HUB_SDK = onClassPath("software.amazon.awssdk.services.securityhub.SecurityHubClient");
    /**
     * Whether the STS SDK module is on the class path: an optional dependency too, which the CLI declares (it asks
     * STS which account its credentials act in before it acts on an event file) and the Lambda function does not
     * (its Lambda context names its account).
     */
    static final boolean STS_SDK = onClassPath("software.amazon.awssdk.services.sts.StsClient");

    private final ProviderConfig config;
    private final CallLimits limits;
    private final AwsCredentialsProvider credentials;
    private final ApiCallCounter counter = new ApiCallCounter();
    private final Ec2Client ec2;
    private final LazyClient<ResourceGroupsTaggingApiClient> tagging;
    private final LazyClient<SnsClient> sns;
    private final LazyClient<SsmClient> ssm;
    private final LazyClient<SecurityHubClient> securityHub; // null without the Security Hub module
    private final LazyClient<StsClient> sts; // null without the STS module
    private final CallDeadline deadline;
    private final RegionalEc2 regionalEc2;
    private final AwsFirewalls firewalls;
    private final AwsTags tags;
    private final AwsCompute compute;
    private final AwsNotifications notifications;
    private final AwsSnapshots snapshots;
    private final AwsPatches patches;
    private final AwsSecurityFindings securityFindings; // likewise
    private final AwsIdentity identity; // null without the STS module

    /** @throws IllegalArgumentException when the region is not shaped like an AWS region name; nothing is built then */
    AwsProvider(ProviderConfig config) {
        this(config, CallLimits.of(config));
    }

    AwsProvider(ProviderConfig config, CallLimits limits) {
        AwsRegions.check(config.region(), "region");
        this.config = config;
        this.limits = limits;
        this.deadline = new CallDeadline(config.deadline(), limits.call(), Clock.systemUTC());
        this.credentials = credentials(config);
        this.ec2 = build(Ec2Client.builder());
        this.tagging = new LazyClient<>(() -> build(ResourceGroupsTaggingApiClient.builder()));
        this.sns = new LazyClient<>(() -> build(SnsClient.builder()));
        this.ssm = new LazyClient<>(() -> build(SsmClient.builder()));
        // not even the lambda is linked without the module: its type names the module's client
        this.securityHub = SECURITY_HUB_SDK ? new LazyClient<>(() -> build(SecurityHubClient.builder())) : null;
        this.sts = STS_SDK ? new LazyClient<>(() -> build(StsClient.builder())) : null;
        this.regionalEc2 = new RegionalEc2(config.region(), ec2, this::ec2In);
        this.firewalls = new AwsFirewalls(ec2, config.region());
        this.tags = new AwsTags(ec2, tagging, ssm, config.region());
        this.compute = new AwsCompute(ec2);
        this.notifications = new AwsNotifications(sns);
        this.snapshots = new AwsSnapshots(regionalEc2, config.region());
        this.patches = new AwsPatches(ssm, new Ec2Inventory(ec2, config.region()), config.region());
        this.securityFindings = securityHub == null ? null : new AwsSecurityFindings(securityHub, config.region());
        this.identity = sts == null ? null : new AwsIdentity(sts);
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, AwsProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The same settings for every service's client: region, HTTP client, credentials, retries, counter, endpoint. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, config.region(), AwsProvider::adaptiveRetries);
    }

    /** An EC2 client of any region, for {@link RegionalEc2}. */
    private Ec2Client ec2In(String region, RegionalEc2.Retries retries) {
        Consumer<ClientOverrideConfiguration.Builder> retrying = switch (retries) {
            case ADAPTIVE -> AwsProvider::adaptiveRetries;
            case THROTTLING_ONLY -> o -> o.retryStrategy(ThrottlingOnlyRetries.strategy());
        };
        return build(Ec2Client.builder(), region, retrying);
    }

    /**
     * A client of any region, with the provider's settings but these retries. With an endpoint override (an
     * emulator) every region's client sends to that endpoint; the region still signs each request.
     */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String region,
                                                                                        Consumer<ClientOverrideConfiguration.Builder> retries) {
        builder.region(Region.of(region))
                // the SDK client owns (and closes) an HTTP client it builds itself
                .httpClientBuilder(httpClient())
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> {
                    retries.accept(o);
                    o.apiCallAttemptTimeout(limits.attempt());
                    o.apiCallTimeout(limits.call());
                    o.addExecutionInterceptor(deadline);
                    o.addExecutionInterceptor(counter);
                    // "app/cloudwarden-<operation>" in the User-Agent that CloudTrail records: who made the call
                    o.appId(config.application());
                });
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK's default timeouts for AWS itself. An emulator (an endpoint override) answers large reads far
     * more slowly than AWS: moto ignores MaxResults for DescribeSnapshots and needs about 35 s to describe
     * 5,000 snapshots in its one page, past the default 30 s read timeout.
     */
    private UrlConnectionHttpClient.Builder httpClient() {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        if (config.endpoint().isPresent()) {
            http.socketTimeout(EMULATOR_READ_TIMEOUT);
        }
        return http;
    }

    /** Adaptive retries slow the client down when AWS throttles, instead of failing the sweep. */
    private static void adaptiveRetries(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(RetryMode.ADAPTIVE_V2);
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
        return config.region();
    }

    @Override
    public CloudNames names() {
        return AwsNames.INSTANCE;
    }

    @Override
    public Optional<FirewallOps> firewalls() {
        return Optional.of(firewalls);
    }

    @Override
    public Optional<SnapshotOps> snapshots() {
        return Optional.of(snapshots);
    }

    @Override
    public Optional<PatchComplianceOps> patchCompliance() {
        return Optional.of(patches);
    }

    @Override
    public Optional<PatchBaselineOps> patchBaselines() {
        return Optional.of(patches);
    }

    @Override
    public Optional<TagOps> tags() {
        return Optional.of(tags);
    }

    @Override
    public Optional<ComputeOps> compute() {
        return Optional.of(compute);
    }

    @Override
    public Optional<NotificationOps> notifications() {
        return Optional.of(notifications);
    }

    @Override
    public Optional<SecurityFindingsOps> securityFindings() {
        return Optional.ofNullable(securityFindings);
    }

    @Override
    public Optional<IdentityOps> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public ApiCalls apiCalls() {
        return counter.snapshot();
    }

    @Override
    public void close() {
        try {
            ec2.close();
        } finally {
            try {
                tagging.close();
            } finally {
                try {
                    sns.close();
                } finally {
                    try {
                        ssm.close();
                    } finally {
                        try {
                            if (securityHub != null) {
                                securityHub.close();
                            }
                        } finally {
                            try {
                                if (sts != null) {
                                    sts.close();
                                }
                            } finally {
                                regionalEc2.close();
                            }
                        }
                    }
                }
            }
        }
    }
}
