package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FindingImportResult;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFinding.Category;
import dev.cloudwarden.api.SecurityFinding.Compliance;
import dev.cloudwarden.api.SecurityFinding.Severity;
import dev.cloudwarden.api.SecurityFinding.State;
import dev.cloudwarden.api.SecurityFindingsOps;
import dev.cloudwarden.api.Tags;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot show about BatchImportFindings, which never fails a finding that has a resource: the findings
 * Security Hub reports failed inside a successful answer, and a call it rejects as a whole. WireMock on loopback
 * answers in Security Hub's REST-JSON protocol and the real SDK client reads it.
 */
class AwsSecurityFindingsWireMockTest {
    private static final String PREFIX = "cloudwarden/123456789012/us-east-1/security-group-audit/";
    private static final Instant SEEN = Instant.parse("2026-03-11T03:00:00Z");

    private WireMockServer aws;
    private CloudProvider provider;
    private SecurityFindingsOps findings;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        aws.stubFor(get(urlPathEqualTo("/accounts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"HubArn\":\"arn:aws:securityhub:us-east-1:123456789012:hub/default\",\"SubscribedAt\":\"2026-01-01T00:00:00Z\"}")));
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + aws.port())));
        findings = provider.securityFindings().orElseThrow();
    }

    @AfterEach
    void stop() {
        provider.close();
        aws.stop();
    }

    @Test
    void findingsSecurityHubFailsInItsAnswer_andABatchItRejects_areEachReturnedWithTheReason_theOthersImported() {
        // the second batch (f100 … f149) is rejected as a whole; the first imports all but f5
        aws.stubFor(post(urlEqualTo("/findings/import")).atPriority(1).withRequestBody(containing("\"Id\":\"" + PREFIX + "f100\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "InvalidInputException").withHeader("x-amzn-RequestId", "req-2")
                        .withBody("{\"Message\":\"Finding size exceeds the limit\",\"Code\":\"InvalidInputException\"}")));
        aws.stubFor(post(urlEqualTo("/findings/import")).atPriority(2)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-RequestId", "req-1").withBody("""
                                {"FailedCount":1,"SuccessCount":99,"FailedFindings":[
                                  {"Id":"%sf5","ErrorCode":"InvalidInput","ErrorMessage":"Resources[0].Id is invalid"}]}
                                """.formatted(PREFIX))));

        FindingImportResult result = findings.importFindings(IntStream.range(0, 150).mapToObj(i -> finding("f" + i)).toList());

        assertThat(result.imported()).isEqualTo(99);
        assertThat(result.failed()).hasSize(51);
        CloudException one = result.failed().get(PREFIX + "f5");
        assertThat(one.operation()).isEqualTo("securityhub:BatchImportFindings");
        assertThat(one.nativeCode()).isEqualTo("InvalidInput");
        assertThat(one.requestId()).isEqualTo("req-1");
        assertThat(one.getMessage()).contains("Resources[0].Id is invalid");
        assertThat(IntStream.range(100, 150).mapToObj(i -> result.failed().get(PREFIX + "f" + i))).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.INVALID);
            assertThat(e.nativeCode()).isEqualTo("InvalidInputException");
            assertThat(e.requestId()).isEqualTo("req-2");
        });
        assertThat(result.succeeded(PREFIX + "f4")).isTrue();
        aws.verify(2, postRequestedFor(urlEqualTo("/findings/import")));
    }

    @Test
    void noFindings_noCall() {
        assertThat(findings.importFindings(List.of())).isEqualTo(FindingImportResult.NONE);
        assertThat(provider.apiCalls().total()).isZero();
    }

    private static SecurityFinding finding(String key) {
        return new SecurityFinding(PREFIX + key, "cloudwarden/firewall.ingress-open-to-internet", Severity.HIGH,
                Category.NETWORK_REACHABILITY, "sg-" + key + " is open", "", new ResourceRef(CloudId.AWS, "123456789012",
                "us-east-1", "ec2:security-group", "sg-" + key, "", Tags.NONE), SEEN, SEEN, Compliance.FAILED, State.ACTIVE, Map.of());
    }
}
