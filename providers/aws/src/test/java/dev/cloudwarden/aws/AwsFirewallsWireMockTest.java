package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.Peer;
import java.net.URI;
import java.util.List;
import java.util.Set;
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
    void followsNextTokenThroughEveryPage_andReadsEachPeerOfAPermissionAsOneRule() {
        stubAction("DescribeSecurityGroups", "MaxResults=1000", 200, groupsPage("<nextToken>groups-2</nextToken>", "sg-00000000000000001"));
        stubAction("DescribeSecurityGroups", "NextToken=groups-2", 200, groupsPage("", "sg-00000000000000002"));

        List<FirewallGroup> groups = provider.firewalls().orElseThrow().listGroups();

        assertThat(groups).extracting(FirewallGroup::id).containsExactly("sg-00000000000000001", "sg-00000000000000002");
        assertThat(groups).allSatisfy(g -> assertThat(g.rules()).extracting(FirewallRule::id).containsExactly(
                "ingress:tcp:22:22:0.0.0.0/0", "ingress:tcp:22:22:::/0", "ingress:icmp:8:-1:0.0.0.0/0"));
        assertThat(provider.apiCalls().total()).isEqualTo(2);
    }

    @Test
    void aRevokeEc2AnswersWithUnknownPermissions_reportsThoseRulesAlreadyAbsent_andSendsEachRuleAsItsOwnPermission() {
        stubAction("DescribeSecurityGroups", "GroupId.1=sg-00000000000000001", 200, groupsPage("", "sg-00000000000000001",
                "<item><ipProtocol>tcp</ipProtocol><fromPort>3389</fromPort><toPort>3389</toPort><groups/><ipRanges><item>"
                        + "<cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"));
        stubAction("RevokeSecurityGroupIngress", "GroupId=sg-00000000000000001", 200,
                "<RevokeSecurityGroupIngressResponse " + NS + "><requestId>req-3</requestId><return>true</return>"
                        + "<unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol><fromPort>3389</fromPort><toPort>3389</toPort>"
                        + "<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/>"
                        + "</item></unknownIpPermissionSet></RevokeSecurityGroupIngressResponse>");

        var result = provider.firewalls().orElseThrow().revokeIngress("sg-00000000000000001",
                Set.of("ingress:tcp:22:22:0.0.0.0/0", "ingress:tcp:3389:3389:0.0.0.0/0"));

        assertThat(result.revoked()).containsExactly("ingress:tcp:22:22:0.0.0.0/0");
        assertThat(result.alreadyAbsent()).containsExactly("ingress:tcp:3389:3389:0.0.0.0/0");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups&")));
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RevokeSecurityGroupIngress"))
                .withRequestBody(containing("IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0"))
                .withRequestBody(containing("IpPermissions.2.IpRanges.1.CidrIp=0.0.0.0%2F0"))
                .withRequestBody(notContaining("IpPermissions.1.IpRanges.2")));
    }

    @Test
    void aRuleIdThatIsNotARuleKey_isRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> provider.firewalls().orElseThrow().revokeIngress("sg-00000000000000001", Set.of("sgr-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sgr-1'");
        ec2.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void retriesAThrottledCall_andCountsTheRetry() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups&"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withBody(error("RequestLimitExceeded", "Request limit exceeded."))));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroups&"))
                .inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(groupsPage("", "sg-00000000000000001"))));

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
        stubAction("DescribeSecurityGroups", "GroupId.1=sg-00000000000000001", 200, groupsPage("", "sg-00000000000000001"));
        stubAction("RevokeSecurityGroupIngress", "GroupId=sg-00000000000000001", 403,
                error("UnauthorizedOperation", "You are not authorized to perform this operation."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow()
                .revokeIngress("sg-00000000000000001", Set.of("ingress:tcp:22:22:0.0.0.0/0")));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.ACCESS_DENIED);
        assertThat(e.operation()).isEqualTo("ec2:RevokeSecurityGroupIngress");
        assertThat(e.getMessage()).contains("UnauthorizedOperation");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=RevokeSecurityGroupIngress")));
    }

    @Test
    void anEndpointThatDoesNotAnswer_isUnavailableNamingTheCall() {
        ec2.stop(); // nothing listens on the port any more

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

        assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:DescribeSecurityGroups");
    }

    // ---- managed prefix lists ------------------------------------------------------------------------------------

    @Test
    void aPrefixListTheRoleMayNotRead_failsTheSweep_accessDeniedNamingTheCallAndTheList_neverAnEmptyList() {
        stubAction("DescribeSecurityGroups", "MaxResults=1000", 200, groupsPage("", "sg-00000000000000001", fromList(22, "pl-0000000000000abcd")));
        stubAction("GetManagedPrefixListEntries", "PrefixListId=pl-0000000000000abcd", 403,
                error("UnauthorizedOperation", "You are not authorized to perform this operation."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> provider.firewalls().orElseThrow().listGroups());

        assertThat(e.kind()).isEqualTo(CloudException.Kind.ACCESS_DENIED);
        assertThat(e.operation()).isEqualTo("ec2:GetManagedPrefixListEntries");
        assertThat(e.nativeCode()).isEqualTo("UnauthorizedOperation");
        assertThat(e.getMessage()).contains("prefix list pl-0000000000000abcd");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetManagedPrefixListEntries")));
        ec2.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeManagedPrefixLists")));
    }

    @Test
    void aPrefixListThatIsGone_failsFindGroup_notFoundNamingTheList_theGroupIsNotTakenForAbsent() {
        stubAction("DescribeSecurityGroups", "GroupId.1=sg-00000000000000001", 200,
                groupsPage("", "sg-00000000000000001", fromList(22, "pl-0000000000000dead")));
        stubAction("GetManagedPrefixListEntries", "PrefixListId=pl-0000000000000dead", 400,
                error("InvalidPrefixListID.NotFound", "The prefix list ID 'pl-0000000000000dead' does not exist"));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> provider.firewalls().orElseThrow().findGroup("sg-00000000000000001"));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isEqualTo("ec2:GetManagedPrefixListEntries");
        assertThat(e.getMessage()).contains("prefix list pl-0000000000000dead");
    }

    @Test
    void aListReferencedFromTwoPages_isReadOnce_andEachPageNamesOnlyTheListsNewToIt() {
        stubAction("DescribeSecurityGroups", "MaxResults=1000", 200, groupsPage("<nextToken>groups-2</nextToken>",
                "sg-00000000000000001", fromList(22, "pl-00000000000000001")));
        stubAction("DescribeSecurityGroups", "NextToken=groups-2", 200, groupsPage("", "sg-00000000000000002",
                fromList(22, "pl-00000000000000001") + fromList(3389, "pl-00000000000000002")));
        for (String list : List.of("pl-00000000000000001", "pl-00000000000000002")) {
            stubAction("GetManagedPrefixListEntries", "PrefixListId=" + list, 200, "<GetManagedPrefixListEntriesResponse " + NS
                    + "><requestId>req-4</requestId><entrySet><item><cidr>0.0.0.0/0</cidr></item></entrySet></GetManagedPrefixListEntriesResponse>");
            stubAction("DescribeManagedPrefixLists", "Filter.1.Value.1=" + list, 200, "<DescribeManagedPrefixListsResponse " + NS
                    + "><requestId>req-5</requestId><prefixListSet><item><prefixListId>" + list + "</prefixListId><prefixListName>list-"
                    + list.substring(list.length() - 1) + "</prefixListName></item></prefixListSet></DescribeManagedPrefixListsResponse>");
        }

        List<FirewallGroup> groups = provider.firewalls().orElseThrow().listGroups();

        assertThat(groups.get(1).rules()).filteredOn(r -> r.id().startsWith("ingress:tcp:3389:3389:"))
                .singleElement().satisfies(rule -> assertThat(rule.sources()).containsExactly(
                        new Peer.AddressSet("pl-00000000000000002", "list-2", List.of(IpRange.parse("0.0.0.0/0")))));
        assertThat(provider.apiCalls().byOperation()).containsEntry("ec2:GetManagedPrefixListEntries", 2L)
                .containsEntry("ec2:DescribeManagedPrefixLists", 2L);
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetManagedPrefixListEntries"))
                .withRequestBody(containing("PrefixListId=pl-00000000000000001")));
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeManagedPrefixLists"))
                .withRequestBody(containing("Filter.1.Value.1=pl-00000000000000002")).withRequestBody(notContaining("Value.2")));
    }

    /** A permission item: tcp on one port from one managed prefix list. */
    private static String fromList(int port, String prefixListId) {
        return "<item><ipProtocol>tcp</ipProtocol><fromPort>" + port + "</fromPort><toPort>" + port + "</toPort><groups/>"
                + "<ipRanges/><ipv6Ranges/><prefixListIds><item><prefixListId>" + prefixListId + "</prefixListId></item>"
                + "</prefixListIds></item>";
    }

    private void stubAction(String action, String bodyPart, int status, String body) {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .withRequestBody(containing(bodyPart))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    private static String groupsPage(String nextToken, String groupId) {
        return groupsPage(nextToken, groupId, "");
    }

    /** A page of one group with tcp 22 from 0.0.0.0/0 and ::/0, ICMP echo from 0.0.0.0/0, and {@code morePermissions}. */
    private static String groupsPage(String nextToken, String groupId, String morePermissions) {
        return "<DescribeSecurityGroupsResponse " + NS + "><requestId>req-1</requestId><securityGroupInfo><item>"
                + "<ownerId>123456789012</ownerId><groupId>" + groupId + "</groupId><groupName>g-" + groupId + "</groupName>"
                + "<groupDescription>d</groupDescription><vpcId>vpc-1</vpcId>"
                + "<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/>"
                + "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item>"
                + "</ipv6Ranges><prefixListIds/></item><item><ipProtocol>icmp</ipProtocol><fromPort>8</fromPort><toPort>-1</toPort>"
                + "<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
                + morePermissions + "</ipPermissions><ipPermissionsEgress/><tagSet/>"
                + "</item></securityGroupInfo>" + nextToken + "</DescribeSecurityGroupsResponse>";
    }

    private static String error(String code, String message) {
        return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                + "<RequestID>req-failed</RequestID></Response>";
    }
}
