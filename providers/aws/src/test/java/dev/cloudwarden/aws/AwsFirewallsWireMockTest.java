package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot show: EC2 pages (moto answers in one page), throttles and denies. WireMock on
 * loopback answers with EC2's query-protocol XML, and the real SDK client reads it.
 */
class AwsFirewallsWireMockTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private WireMockServer ec2;
    private CloudProvider provider;

    @BeforeEach
    void start() {
        ec2 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ec2.start();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + ec2.port())));
    }

    @AfterEach
    void stop() {
        provider.close();
        ec2.stop();
    }

    @Test
    void followsNextTokenThroughEveryPage_ofGroupsAndOfRules() {
        stubAction("DescribeSecurityGroups", "MaxResults=1000", 200, groupsPage("<nextToken>groups-2</nextToken>", "sg-00000000000000001"));
        stubAction("DescribeSecurityGroups", "NextToken=groups-2", 200, groupsPage("", "sg-00000000000000002"));
        stubAction("DescribeSecurityGroupRules", "MaxResults=1000", 200, rulesPage("<nextToken>rules-2</nextToken>", "sg-00000000000000001", "sgr-1"));
        stubAction("DescribeSecurityGroupRules", "NextToken=rules-2", 200, rulesPage("", "sg-00000000000000002", "sgr-2"));

        List<FirewallGroup> groups = provider.firewalls().orElseThrow().listGroups();

        assertThat(groups).extracting(FirewallGroup::id).containsExactly("sg-00000000000000001", "sg-00000000000000002");
        assertThat(groups).allSatisfy(g -> assertThat(g.rules()).hasSize(1));
        assertThat(provider.apiCalls().total()).isEqualTo(4);
    }

    @Test
    void retriesAThrottledCall_andCountsTheRetry() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups&"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withBody(error("RequestLimitExceeded", "Request limit exceeded."))));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups&"))
                .inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(groupsPage("", "sg-00000000000000001"))));
        stubAction("DescribeSecurityGroupRules", "MaxResults=1000", 200, rulesPage("", "sg-00000000000000001", "sgr-1"));

        List<FirewallGroup> groups = provider.firewalls().orElseThrow().listGroups();

        assertThat(groups).hasSize(1);
        assertThat(provider.apiCalls().byOperation()).containsEntry("ec2:DescribeSecurityGroups", 2L);
    }

    @Test
    void throttledBeyondTheRetries_isAThrottledErrorNamingTheCallCodeAndRequestId() {
        stubAction("DescribeSecurityGroups", "MaxResults=1000", 503, error("RequestLimitExceeded", "Request limit exceeded."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

        assertThat(e.kind()).isEqualTo(CloudException.Kind.THROTTLED);
        assertThat(e.operation()).isEqualTo("ec2:DescribeSecurityGroups");
        assertThat(e.nativeCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.requestId()).isEqualTo("req-failed");
        ec2.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups")));
    }

    @Test
    void aMissingPermission_isAccessDeniedNamingTheCall_withoutRetrying() {
        stubAction("RevokeSecurityGroupIngress", "GroupId=sg-00000000000000001", 403,
                error("UnauthorizedOperation", "You are not authorized to perform this operation."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow()
                .revokeIngress("sg-00000000000000001", java.util.Set.of("sgr-1")));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.ACCESS_DENIED);
        assertThat(e.operation()).isEqualTo("ec2:RevokeSecurityGroupIngress");
        assertThat(e.getMessage()).contains("UnauthorizedOperation");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anEndpointThatDoesNotAnswer_isUnavailableNamingTheCall() {
        ec2.stop(); // nothing listens on the port any more

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

        assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:DescribeSecurityGroups");
    }

    private void stubAction(String action, String bodyPart, int status, String body) {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .withRequestBody(containing(bodyPart))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private static String groupsPage(String nextToken, String groupId) {
        return "<DescribeSecurityGroupsResponse " + NS + "><requestId>req-1</requestId><securityGroupInfo><item>"
                + "<ownerId>123456789012</ownerId><groupId>" + groupId + "</groupId><groupName>g-" + groupId + "</groupName>"
                + "<groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ipPermissions/><ipPermissionsEgress/><tagSet/>"
                + "</item></securityGroupInfo>" + nextToken + "</DescribeSecurityGroupsResponse>";
    }

    private static String rulesPage(String nextToken, String groupId, String ruleId) {
        return "<DescribeSecurityGroupRulesResponse " + NS + "><requestId>req-2</requestId><securityGroupRuleSet><item>"
                + "<securityGroupRuleId>" + ruleId + "</securityGroupRuleId><groupId>" + groupId + "</groupId>"
                + "<groupOwnerId>123456789012</groupOwnerId><isEgress>false</isEgress><ipProtocol>tcp</ipProtocol>"
                + "<fromPort>22</fromPort><toPort>22</toPort><cidrIpv4>0.0.0.0/0</cidrIpv4><tagSet/></item>"
                + "</securityGroupRuleSet>" + nextToken + "</DescribeSecurityGroupRulesResponse>";
    }

    private static String error(String code, String message) {
        return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                + "<RequestID>req-failed</RequestID></Response>";
    }
}
