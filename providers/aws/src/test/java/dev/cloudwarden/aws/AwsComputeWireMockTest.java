package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot show about stopping: EC2's IncorrectInstanceState refusal (moto stops a terminated
 * instance without complaint), told apart by the instance's state.
 */
class AwsComputeWireMockTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final ResourceRef INSTANCE = new ResourceRef(CloudId.AWS, "123456789012", "us-east-1",
            "ec2:instance", "i-00000000000000001", "", null);

    private WireMockServer ec2;
    private CloudProvider provider;
    private ComputeOps compute;

    @BeforeEach
    void start() {
        ec2 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ec2.start();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + ec2.port())));
        compute = provider.compute().orElseThrow();
        stub("StopInstances", 400, "<Response><Errors><Error><Code>IncorrectInstanceState</Code><Message>The instance "
                + "'i-00000000000000001' is not in a state from which it can be stopped.</Message></Error></Errors>"
                + "<RequestID>req-stop</RequestID></Response>");
    }

    @AfterEach
    void stop() {
        provider.close();
        ec2.stop();
    }

    @Test
    void refusedBecauseTerminated_isNotFound() {
        stub("DescribeInstances", 200, instances("terminated"));

        CloudException e = catchThrowableOfType(CloudException.class, () -> compute.stop(INSTANCE));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isEqualTo("ec2:StopInstances");
        assertThat(e.nativeCode()).isEqualTo("IncorrectInstanceState");
        assertThat(e.requestId()).isEqualTo("req-stop");
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:StopInstances", 1L, "ec2:DescribeInstances", 1L));
    }

    @Test
    void refusedButStoppedMeanwhile_isASuccess() {
        stub("DescribeInstances", 200, instances("stopped"));

        compute.stop(INSTANCE);

        assertThat(provider.apiCalls().byOperation()).containsEntry("ec2:DescribeInstances", 1L);
    }

    @Test
    void refusedWhilePending_isAConflict() {
        stub("DescribeInstances", 200, instances("pending"));

        CloudException e = catchThrowableOfType(CloudException.class, () -> compute.stop(INSTANCE));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.CONFLICT);
        assertThat(e.nativeCode()).isEqualTo("IncorrectInstanceState");
    }

    private void stub(String action, int status, String body) {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private static String instances(String state) {
        return "<DescribeInstancesResponse " + NS + "><requestId>req-d</requestId><reservationSet><item>"
                + "<reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet><item>"
                + "<instanceId>i-00000000000000001</instanceId><instanceState><code>0</code><name>" + state
                + "</name></instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>";
    }
}
