package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.emulator.SilentServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every call is bounded in time, and a run's deadline stops calls: against an endpoint that accepts and never answers
 * ({@link SilentServer}), and one that answers a 5xx with nothing in it.
 */
class AwsCallLimitsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void aCallPastTheRunsDeadline_isNeverSent_andSaysSo() {
        try (SilentServer silent = SilentServer.start();
             AwsProvider provider = new AwsProvider(ProviderConfig.of("us-east-1").withEndpoint(silent.endpoint())
                     .withDeadline(Instant.now().minusSeconds(1)))) {

            CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

            assertThat(e.kind()).isEqualTo(CloudException.Kind.DEADLINE);
            assertThat(e.operation()).isEqualTo("ec2:DescribeSecurityGroups");
            assertThat(e.getMessage()).startsWith("ec2:DescribeSecurityGroups failed: DEADLINE (no error code): not sent: the run's deadline, ")
                    .endsWith(", had passed");
            assertThat(silent.accepted()).as("not even a connection").isZero();
            assertThat(provider.apiCalls().total()).as("a call never sent is not counted").isZero();
        }
    }

    @Test
    void aCallInFlightAtTheDeadline_isCutOffThere_andSaysItMayHaveHappened() {
        Instant deadline = Instant.now().plusSeconds(3);
        try (SilentServer silent = SilentServer.start();
             AwsProvider provider = new AwsProvider(ProviderConfig.of("us-east-1").withEndpoint(silent.endpoint()).withDeadline(deadline))) {

            CloudException e = assertTimeoutPreemptively(HANG_GUARD,
                    () -> catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups()));

            assertThat(Instant.now()).as("not before the deadline, and soon after it")
                    .isBetween(deadline.minusMillis(200), deadline.plusSeconds(8));
            assertThat(e.kind()).as("sent, and no answer: it may have been carried out").isEqualTo(CloudException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).startsWith("ec2:DescribeSecurityGroups failed: UNAVAILABLE (no error code): no answer before the run's deadline, ")
                    .contains("the call was cut off after");
            assertThat(silent.accepted()).isEqualTo(1);
        }
    }

    /** Each limit on its own ends a call that gets no answer: the attempt's (three attempts), or the call's. */
    @ParameterizedTest(name = "attempt {0} s, call {1} s")
    @CsvSource({"1, 120", "120, 2"})
    void withoutADeadline_eachCallStillEndsAtItsOwnTimeLimit(int attemptSeconds, int callSeconds) {
        try (SilentServer silent = SilentServer.start();
             AwsProvider provider = new AwsProvider(ProviderConfig.of("us-east-1").withEndpoint(silent.endpoint()),
                     new AwsProvider.CallLimits(Duration.ofSeconds(attemptSeconds), Duration.ofSeconds(callSeconds)))) {
            long started = System.nanoTime();

            CloudException e = assertTimeoutPreemptively(HANG_GUARD,
                    () -> catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups()));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain("null").doesNotContain("Exception");
            assertThat(silent.accepted()).as("the attempts the limits left time for").isBetween(1, 3);
        }
    }

    @Test
    void theDefaultLimits_boundEveryCall_andGiveAnEmulatorItsSlowPages() {
        assertThat(AwsProvider.CallLimits.of(ProviderConfig.of("us-east-1"))).isEqualTo(AwsProvider.CallLimits.AWS);
        assertThat(AwsProvider.CallLimits.AWS.call()).isEqualTo(Duration.ofMinutes(3));
        assertThat(AwsProvider.CallLimits.EMULATOR.attempt()).isEqualTo(AwsProvider.EMULATOR_READ_TIMEOUT);
    }

    @Test
    void a5xxWithoutErrorCode_saysWhatCameBack_ratherThanNull() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503)));
        try (AwsProvider provider = new AwsProvider(ProviderConfig.of("us-east-1").withEndpoint(java.net.URI.create(server.baseUrl())),
                new AwsProvider.CallLimits(Duration.ofSeconds(5), Duration.ofSeconds(20)))) {

            CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

            assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("ec2:DescribeSecurityGroups failed: UNAVAILABLE (no error code): "
                    + "HTTP 503 with no error code or message");
        } finally {
            server.stop();
        }
    }
}
