package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change made, reported failed: the answer to a revoke or a delete is lost after EC2 acted, the SDK resends the
 * request, and the resent one finds nothing to do (a revoke: InvalidPermission.NotFound) or loses its answer too. The
 * provider then reads the state once and reports what is true. WireMock sits in front of moto and drops the connection
 * after moto has answered, as a network fault after the fact does.
 */
@ExtendWith(MotoExtension.class)
class MotoLostAnswersTest {
    private static final String REVOKE = "Action=RevokeSecurityGroupIngress&";
    private static final String DELETE = "Action=DeleteSnapshot&";

    private final MotoServer moto;
    private WireMockServer proxy;
    private CloudProvider provider;

    MotoLostAnswersTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void proxyInFrontOfMoto() {
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new LoseTheAnswer()));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(Ec2Estate.REGION).withEndpoint(URI.create(proxy.baseUrl())));
    }

    @AfterEach
    void stop() {
        provider.close();
        proxy.stop();
    }

    @Test
    void aRevokeWhoseAnswerWasLost_andWhoseRetryFindsNothingToRevoke_isReportedRevoked() {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            String group = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"));
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing(REVOKE)).inScenario("revoke")
                    .whenScenarioStateIs(STARTED).willSetStateTo("answered once")
                    .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withTransformers(LoseTheAnswer.NAME)));

            RevokeResult result = provider.firewalls().orElseThrow().revokeIngress(group, Set.of("ingress:tcp:22:22:0.0.0.0/0"));

            assertThat(result.revoked()).containsExactly("ingress:tcp:22:22:0.0.0.0/0");
            assertThat(result.alreadyAbsent()).isEmpty();
            assertThat(estate.ingress(group)).containsExactly("tcp 443 from 0.0.0.0/0");
            proxy.verify(2, postRequestedFor(anyUrl()).withRequestBody(containing(REVOKE)));
        }
    }

    @Test
    void aRevokeWhoseEveryAnswerWasLost_isReportedRevoked_onceAReadShowsTheRuleGone() {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            String group = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing(REVOKE))
                    .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withTransformers(LoseTheAnswer.NAME)));

            RevokeResult result = provider.firewalls().orElseThrow().revokeIngress(group, Set.of("ingress:tcp:22:22:0.0.0.0/0"));

            assertThat(result.revoked()).containsExactly("ingress:tcp:22:22:0.0.0.0/0");
            assertThat(estate.ingress(group)).isEmpty();
        }
    }

    @Test
    void aRevokeThatNeverReachedEc2_isReportedFailed_forTheRuleIsStillThere() {
        try (Ec2Estate estate = new Ec2Estate(moto.endpoint())) {
            String group = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing(REVOKE))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            CloudException failure = catchThrowableOfType(CloudException.class,
                    () -> provider.firewalls().orElseThrow().revokeIngress(group, Set.of("ingress:tcp:22:22:0.0.0.0/0")));

            assertThat(failure.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
            assertThat(failure.operation()).isEqualTo("ec2:RevokeSecurityGroupIngress");
            assertThat(estate.ingress(group)).containsExactly("tcp 22 from 0.0.0.0/0");
        }
    }

    @Test
    void aDeleteWhoseEveryAnswerWasLost_isReportedDeleted_onceAReadShowsTheSnapshotGone() {
        try (SnapshotEstate estate = new SnapshotEstate(moto.endpoint())) {
            String snapshot = estate.snapshot(SnapshotEstate.REGION, estate.volume(Map.of()), Map.of("cloudwarden:plan", "daily"), "");
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing(DELETE))
                    .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withTransformers(LoseTheAnswer.NAME)));

            boolean deleted = provider.snapshots().orElseThrow().deleteSnapshot(SnapshotEstate.REGION, snapshot);

            assertThat(deleted).isTrue();
            assertThat(estate.snapshots(SnapshotEstate.REGION)).extracting(SnapshotView::id).doesNotContain(snapshot);
        }
    }

    @Test
    void aDeleteThatNeverReachedEc2_isReportedFailed_forTheSnapshotIsStillThere() {
        try (SnapshotEstate estate = new SnapshotEstate(moto.endpoint())) {
            String snapshot = estate.snapshot(SnapshotEstate.REGION, estate.volume(Map.of()), Map.of("cloudwarden:plan", "daily"), "");
            proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing(DELETE))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            CloudException failure = catchThrowableOfType(CloudException.class,
                    () -> provider.snapshots().orElseThrow().deleteSnapshot(SnapshotEstate.REGION, snapshot));

            assertThat(failure.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
            assertThat(estate.snapshots(SnapshotEstate.REGION)).extracting(SnapshotView::id).contains(snapshot);
        }
    }

    /** Lets the request reach moto, then drops the connection instead of answering. */
    static final class LoseTheAnswer implements ResponseTransformerV2 {
        static final String NAME = "lose-the-answer";

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            return Response.Builder.like(response).fault(Fault.CONNECTION_RESET_BY_PEER).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
