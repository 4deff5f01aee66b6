package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.Peer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging, which moto cannot show (it answers every describe in one page, whatever MaxResults says). WireMock
 * serves N generated items in pages with a Scenario: each page is one scenario state, answers with the token
 * of the next page and moves the scenario on, and the last page answers without a token. Each test then
 * proves, for one call the provider pages, that it
 * <ul>
 *   <li>asks for the largest page the API allows (the figures below, from each API's reference),</li>
 *   <li>sends ceil(N / page size) requests, no more and no fewer,</li>
 *   <li>sends no token first, then on each later request the token the page before it answered with,</li>
 *   <li>and returns every one of the N items exactly once.</li>
 * </ul>
 * N = 2 x page size + 7: three pages, the last one partial. EC2 answers in its query protocol's XML; the
 * Tagging API and SSM in AWS JSON 1.1, told apart by X-Amz-Target.
 */
class PagingWireMockTest {
    /** DescribeSecurityGroups, DescribeSnapshots, DescribeInstances: 5 to 1,000. */
    private static final int EC2_PAGE = 1000;
    /**
     * DescribeVolumes: 5 to 500 in current API models ("if MaxResults is given a value larger than 500, only 500
     * results are returned"); older models said 1,000.
     */
    private static final int VOLUME_PAGE = 500;
    /** DescribeImages: 1,000 as for EC2's other describes (the provider's choice; no bound found in its reference). */
    private static final int IMAGE_PAGE = 1000;
    /** GetResources' ResourcesPerPage: 1 to 100. */
    private static final int TAGGING_PAGE = 100;
    /** SSM: DescribePatchBaselines 1 to 100, DescribeInstanceInformation 5 to 50, DescribeInstancePatchStatesForPatchGroup 10 to 100. */
    private static final int BASELINE_PAGE = 100;
    private static final int INSTANCE_INFORMATION_PAGE = 50;
    private static final int PATCH_STATE_PAGE = 100;
    /** GetManagedPrefixListEntries: 1 to 100. */
    private static final int PREFIX_LIST_PAGE = 100;
    private static final String PREFIX_LIST = "pl-0123456789abcdef0";

    private static final String ACCOUNT = "123456789012";
    private static final String EC2_NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final String EXHAUSTED = "after the last page";

    private WireMockServer aws;
    private CloudProvider provider;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + aws.port())));
    }

    @AfterEach
    void stop() {
        provider.close();
        aws.stop();
    }

    // ---- EC2 -------------------------------------------------------------------------------------------------

    @Test
    void sweep_describeSecurityGroups_asksForPagesOf1000_andFollowsEveryToken_2007GroupsIn3Calls_withTheirRules() {
        int n = 2 * EC2_PAGE + 7;
        Op groups = ec2("DescribeSecurityGroups");
        servePages(groups, EC2_PAGE, n, (items, token) -> ec2Page("DescribeSecurityGroups", "securityGroupInfo",
                items, PagingWireMockTest::groupItem, token));

        List<FirewallGroup> found = provider.firewalls().orElseThrow().listGroups();

        assertThat(found).extracting(FirewallGroup::id).containsExactlyInAnyOrderElementsOf(ids("sg", n));
        assertThat(found).allSatisfy(g -> assertThat(g.rules()).extracting(FirewallRule::id).containsExactly(
                "ingress:tcp:" + portOf(g.id()) + ":" + portOf(g.id()) + ":10.0.0.0/8"));
        assertPagedThroughEveryToken(groups, EC2_PAGE, n);
        assertThat(aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSecurityGroupRules"))))
                .as("the rules come with the groups: no second describe").isEmpty();
    }

    @Test
    void listDisks_describeVolumes_asksForPagesOf500_andFollowsEveryToken_1007VolumesIn3Calls() {
        int n = 2 * VOLUME_PAGE + 7;
        Op volumes = ec2("DescribeVolumes");
        servePages(volumes, VOLUME_PAGE, n, (items, token) -> ec2Page("DescribeVolumes", "volumeSet",
                items, PagingWireMockTest::volumeItem, token));

        List<Disk> found = provider.snapshots().orElseThrow().listDisks();

        assertThat(found).extracting(Disk::id).containsExactlyInAnyOrderElementsOf(ids("vol", n));
        assertPagedThroughEveryToken(volumes, VOLUME_PAGE, n);
    }

    @Test
    void listSnapshots_describeSnapshots_asksForPagesOf1000_andFollowsEveryToken_2007SnapshotsIn3Calls() {
        int n = 2 * EC2_PAGE + 7;
        Op snapshots = ec2("DescribeSnapshots");
        servePages(snapshots, EC2_PAGE, n, (items, token) -> ec2Page("DescribeSnapshots", "snapshotSet",
                items, PagingWireMockTest::snapshotItem, token));

        List<Snapshot> found = provider.snapshots().orElseThrow().listSnapshots("us-east-1", "cloudwarden:backup");

        assertThat(found).extracting(Snapshot::id).containsExactlyInAnyOrderElementsOf(ids("snap", n));
        assertPagedThroughEveryToken(snapshots, EC2_PAGE, n);
    }

    /** Ec2Inventory, as the tags sweep reads instances. MaxResults counts instances; here one per reservation. */
    @Test
    void listResourcesOfInstances_describeInstances_asksForPagesOf1000_andFollowsEveryToken_2007InstancesIn3Calls() {
        int n = 2 * EC2_PAGE + 7;
        Op instances = ec2("DescribeInstances");
        servePages(instances, EC2_PAGE, n, (items, token) -> ec2Page("DescribeInstances", "reservationSet",
                items, PagingWireMockTest::reservationItem, token));

        List<ResourceRef> found = provider.tags().orElseThrow().listResources(Set.of("ec2:instance"));

        assertThat(found).extracting(ResourceRef::id).containsExactlyInAnyOrderElementsOf(ids("i", n));
        assertPagedThroughEveryToken(instances, EC2_PAGE, n);
    }

    /** AwsSnapshots, as the backup policies find the instances to snapshot. */
    @Test
    void listInstances_describeInstances_asksForPagesOf1000_andFollowsEveryToken_2007InstancesIn3Calls() {
        int n = 2 * EC2_PAGE + 7;
        Op instances = ec2("DescribeInstances");
        servePages(instances, EC2_PAGE, n, (items, token) -> ec2Page("DescribeInstances", "reservationSet",
                items, PagingWireMockTest::reservationItem, token));

        List<Instance> found = provider.snapshots().orElseThrow().listInstances(Map.of());

        assertThat(found).extracting(Instance::id).containsExactlyInAnyOrderElementsOf(ids("i", n));
        assertPagedThroughEveryToken(instances, EC2_PAGE, n);
    }

    @Test
    void imageSnapshots_describeImages_asksForPagesOf1000_andFollowsEveryToken_2007ImagesIn3Calls() {
        int n = 2 * IMAGE_PAGE + 7;
        Op images = ec2("DescribeImages");
        servePages(images, IMAGE_PAGE, n, (items, token) -> ec2Page("DescribeImages", "imagesSet",
                items, PagingWireMockTest::imageItem, token));

        Map<String, String> imageOf = provider.snapshots().orElseThrow().imageSnapshots("us-east-1");

        assertThat(imageOf.keySet()).containsExactlyInAnyOrderElementsOf(ids("snap", n));
        assertThat(imageOf.values()).containsExactlyInAnyOrderElementsOf(ids("ami", n));
        assertPagedThroughEveryToken(images, IMAGE_PAGE, n);
    }

    /**
     * A rule from a managed prefix list brings its entries into the sweep: GetManagedPrefixListEntries at its largest
     * page (100), every token followed. The one group here is in a page of its own and the list's name in another.
     */
    @Test
    void sweep_getManagedPrefixListEntries_asksForPagesOf100_andFollowsEveryToken_207EntriesIn3Calls() {
        int n = 2 * PREFIX_LIST_PAGE + 7;
        aws.stubFor(ec2("DescribeSecurityGroups").stub().get().willReturn(ok("text/xml", ec2Page("DescribeSecurityGroups",
                "securityGroupInfo", List.of(0), i -> groupFromPrefixListItem(), null))));
        aws.stubFor(ec2("DescribeManagedPrefixLists").stub().get().willReturn(ok("text/xml", ec2Page("DescribeManagedPrefixLists",
                "prefixListSet", List.of(0), i -> "<item><prefixListId>" + PREFIX_LIST + "</prefixListId><prefixListName>partners"
                        + "</prefixListName><ownerId>" + ACCOUNT + "</ownerId></item>", null))));
        Op entries = ec2("GetManagedPrefixListEntries");
        servePages(entries, PREFIX_LIST_PAGE, n, (items, token) -> ec2Page("GetManagedPrefixListEntries", "entrySet",
                items, PagingWireMockTest::prefixListEntryItem, token));

        List<FirewallGroup> found = provider.firewalls().orElseThrow().listGroups();

        assertThat(found).singleElement().satisfies(group -> assertThat(group.rules()).singleElement()
                .satisfies(rule -> assertThat(rule.sources()).singleElement().isInstanceOfSatisfying(Peer.AddressSet.class, list -> {
                    assertThat(list.name()).isEqualTo("partners");
                    assertThat(list.entries()).extracting(IpRange::cidr).containsExactlyElementsOf(
                            IntStream.range(0, n).mapToObj(PagingWireMockTest::prefixListEntryCidr).toList());
                })));
        assertPagedThroughEveryToken(entries, PREFIX_LIST_PAGE, n);
        assertThat(sentFields(entries).values()).allSatisfy(fields -> assertThat(fields).containsEntry("PrefixListId", PREFIX_LIST));
    }

    // ---- Tagging API -----------------------------------------------------------------------------------------

    @Test
    void listResourcesOfOtherTypes_getResources_asksForPagesOf100_andFollowsEveryPaginationToken_207In3Calls() {
        int n = 2 * TAGGING_PAGE + 7;
        Op getResources = new Op("tag:GetResources", target("ResourceGroupsTaggingAPI_20170126.GetResources"),
                received("ResourceGroupsTaggingAPI_20170126.GetResources"), PagingWireMockTest::jsonFields,
                "ResourcesPerPage", "PaginationToken", "application/x-amz-json-1.1");
        // the Tagging API ends with an empty PaginationToken, not with none
        servePages(getResources, TAGGING_PAGE, n, (items, token) -> jsonPage("ResourceTagMappingList", items,
                PagingWireMockTest::topicMapping, "PaginationToken", token == null ? "" : token));

        List<ResourceRef> found = provider.tags().orElseThrow().listResources(Set.of("sns:topic"));

        assertThat(found).extracting(ResourceRef::id).containsExactlyInAnyOrderElementsOf(
                ids("topic", n).stream().map(t -> "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + t).toList());
        assertPagedThroughEveryToken(getResources, TAGGING_PAGE, n);
    }

    // ---- SSM -------------------------------------------------------------------------------------------------

    @Test
    void listBaselines_describePatchBaselines_asksForPagesOf100_andFollowsEveryToken_207BaselinesIn3Calls() {
        int n = 2 * BASELINE_PAGE + 7;
        Op baselines = ssm("DescribePatchBaselines");
        servePages(baselines, BASELINE_PAGE, n, (items, token) -> jsonPage("BaselineIdentities", items,
                PagingWireMockTest::baselineIdentity, "NextToken", token));

        List<PatchBaselineOps.BaselineSummary> found = provider.patchBaselines().orElseThrow().listBaselines();

        assertThat(found).extracting(PatchBaselineOps.BaselineSummary::id).containsExactlyInAnyOrderElementsOf(ids("pb", n));
        assertPagedThroughEveryToken(baselines, BASELINE_PAGE, n);
    }

    @Test
    void managedInstances_describeInstanceInformation_asksForPagesOf50_andFollowsEveryToken_107InstancesIn3Calls() {
        int n = 2 * INSTANCE_INFORMATION_PAGE + 7;
        Op information = ssm("DescribeInstanceInformation");
        servePages(information, INSTANCE_INFORMATION_PAGE, n, (items, token) -> jsonPage("InstanceInformationList", items,
                PagingWireMockTest::instanceInformation, "NextToken", token));
        // the EC2 tags of the managed instances, one DescribeInstances per 200 ids: EC2 knows none of them here
        aws.stubFor(ec2("DescribeInstances").stub().get().willReturn(ok("text/xml",
                ec2Page("DescribeInstances", "reservationSet", List.of(), PagingWireMockTest::reservationItem, null))));

        List<PatchComplianceOps.ManagedInstance> found = provider.patchCompliance().orElseThrow().managedInstances();

        assertThat(found).extracting(PatchComplianceOps.ManagedInstance::id).containsExactlyInAnyOrderElementsOf(ids("i", n));
        assertPagedThroughEveryToken(information, INSTANCE_INFORMATION_PAGE, n);
    }

    @Test
    void patchStates_describeInstancePatchStatesForPatchGroup_asksForPagesOf100_andFollowsEveryToken_207StatesIn3Calls() {
        int n = 2 * PATCH_STATE_PAGE + 7;
        Op states = ssm("DescribeInstancePatchStatesForPatchGroup");
        servePages(states, PATCH_STATE_PAGE, n, (items, token) -> jsonPage("InstancePatchStates", items,
                PagingWireMockTest::patchState, "NextToken", token));

        List<PatchComplianceOps.PatchState> found = provider.patchCompliance().orElseThrow().patchStates("web");

        assertThat(found).extracting(PatchComplianceOps.PatchState::instanceId).containsExactlyInAnyOrderElementsOf(ids("i", n));
        assertThat(sentFields(states).values()).allSatisfy(fields -> assertThat(fields).containsEntry("PatchGroup", "web"));
        assertPagedThroughEveryToken(states, PATCH_STATE_PAGE, n);
    }

    // ---- Serving pages, and what the provider asked for ------------------------------------------------------

    /**
     * One paged operation as WireMock sees it: how to stub it, how to find its requests, how to read a
     * request's fields, and the names of its page-size and token fields.
     */
    private record Op(String name, Supplier<MappingBuilder> stub, Supplier<RequestPatternBuilder> sent,
                      Function<Request, Map<String, String>> fields, String sizeField, String tokenField, String contentType) {
    }

    /** The body of one page: these items, and the token of the next page (null on the last one). */
    private interface PageBody {
        String render(List<Integer> items, String nextToken);
    }

    private static Op ec2(String action) {
        return new Op("ec2:" + action,
                () -> post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")),
                () -> postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")),
                PagingWireMockTest::formFields, "MaxResults", "NextToken", "text/xml");
    }

    private static Op ssm(String operation) {
        return new Op("ssm:" + operation, target("AmazonSSM." + operation), received("AmazonSSM." + operation),
                PagingWireMockTest::jsonFields, "MaxResults", "NextToken", "application/x-amz-json-1.1");
    }

    private static Supplier<MappingBuilder> target(String target) {
        return () -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    private static Supplier<RequestPatternBuilder> received(String target) {
        return () -> postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    /**
     * Serves items 0 … n-1 in pages of {@code pageSize} (one page when n is 0), one scenario state per page: page k
     * answers with the token of page k+1 and moves the scenario to it; the last page answers with none. A request
     * after the last page gets an empty page, so that the count of requests shows it instead of an error.
     */
    private void servePages(Op op, int pageSize, int n, PageBody body) {
        int pages = pagesFor(n, pageSize);
        for (int page = 1; page <= pages; page++) {
            List<Integer> items = IntStream.range((page - 1) * pageSize, Math.min(page * pageSize, n)).boxed().toList();
            boolean last = page == pages;
            aws.stubFor(op.stub().get().inScenario(op.name()).whenScenarioStateIs(state(page))
                    .willSetStateTo(last ? EXHAUSTED : state(page + 1))
                    .willReturn(ok(op.contentType(), body.render(items, last ? null : token(op, page + 1)))));
        }
        aws.stubFor(op.stub().get().inScenario(op.name()).whenScenarioStateIs(EXHAUSTED)
                .willReturn(ok(op.contentType(), body.render(List.of(), null))));
    }

    /**
     * ceil(n / pageSize) requests, as WireMock and the provider's own counter saw them; each asked for
     * {@code pageSize}; the first carried no token, and each later one the token the page before it answered with.
     */
    private void assertPagedThroughEveryToken(Op op, int pageSize, int n) {
        int pages = pagesFor(n, pageSize);
        aws.verify(exactly(pages), op.sent().get());
        assertThat(provider.apiCalls().byOperation()).containsEntry(op.name(), (long) pages);
        Map<Integer, Map<String, String>> byPage = sentFields(op);
        assertThat(byPage).as("the pages %s was answered with", op.name()).containsOnlyKeys(
                IntStream.rangeClosed(1, pages).boxed().toList());
        byPage.forEach((page, fields) -> {
            assertThat(fields).as("request for page %d of %s", page, op.name())
                    .containsEntry(op.sizeField(), String.valueOf(pageSize));
            if (page == 1) {
                assertThat(fields).as("first request of %s", op.name()).doesNotContainKey(op.tokenField());
            } else {
                assertThat(fields).as("request for page %d of %s", page, op.name())
                        .containsEntry(op.tokenField(), token(op, page));
            }
        });
    }

    /** The fields of each request of this operation, by the page (scenario state) it was answered with. */
    private Map<Integer, Map<String, String>> sentFields(Op op) {
        Map<Integer, Map<String, String>> byPage = new HashMap<>();
        for (ServeEvent event : aws.getAllServeEvents()) {
            if (event.getWasMatched() && op.name().equals(event.getStubMapping().getScenarioName())) {
                byPage.put(pageOf(event.getStubMapping().getRequiredScenarioState()), op.fields().apply(event.getRequest()));
            }
        }
        return byPage;
    }

    private static int pagesFor(int n, int pageSize) {
        return Math.max(1, Math.ceilDiv(n, pageSize));
    }

    private static String state(int page) {
        return page == 1 ? Scenario.STARTED : "page " + page;
    }

    private static int pageOf(String state) {
        return switch (state) {
            case Scenario.STARTED -> 1;
            case EXHAUSTED -> Integer.MAX_VALUE; // a request after the last page: fails the keys check above
            default -> Integer.parseInt(state.substring("page ".length()));
        };
    }

    /** The token that asks for this page of this operation. */
    private static String token(Op op, int page) {
        return op.name().substring(op.name().indexOf(':') + 1) + "-page-" + page;
    }

    /** An EC2 query-protocol body (Action=…&MaxResults=…) as a map. */
    private static Map<String, String> formFields(Request request) {
        return Stream.of(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "", (a, b) -> b));
    }

    /** The top-level fields of an AWS JSON 1.1 body, as text. */
    private static Map<String, String> jsonFields(Request request) {
        Map<?, ?> body = Json.read(request.getBodyAsString(), Map.class);
        Map<String, String> fields = new HashMap<>();
        body.forEach((key, value) -> fields.put(String.valueOf(key), String.valueOf(value)));
        return fields;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static ResponseDefinitionBuilder ok(String contentType, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", contentType)
                .withHeader("x-amzn-RequestId", "req-page").withBody(body);
    }

    /** prefix-00000000000000007 … : n distinct ids in the shape of AWS ids. */
    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> id(prefix, i)).toList();
    }

    private static String id(String prefix, int i) {
        return "%s-%017d".formatted(prefix, i);
    }

    // ---- Response shapes: one page of each, and one item of each -----------------------------------------------

    private static String ec2Page(String action, String setElement, List<Integer> items, IntFunction<String> item,
                                  String nextToken) {
        return "<" + action + "Response " + EC2_NS + "><requestId>req-page</requestId><" + setElement + ">"
                + items.stream().map(item::apply).collect(Collectors.joining()) + "</" + setElement + ">"
                + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>") + "</" + action + "Response>";
    }

    /** Group i has one rule: tcp on port 1 + i % 60000 from 10.0.0.0/8. */
    private static String groupItem(int i) {
        int port = 1 + i % 60000;
        return "<item><ownerId>" + ACCOUNT + "</ownerId><groupId>" + id("sg", i) + "</groupId><groupName>group-" + i
                + "</groupName><groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item>"
                + "<ipProtocol>tcp</ipProtocol><fromPort>" + port + "</fromPort><toPort>" + port + "</toPort><groups/>"
                + "<ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
                + "</ipPermissions><ipPermissionsEgress/><tagSet/></item>";
    }

    /** One group with one rule: tcp 22 from {@link #PREFIX_LIST}. */
    private static String groupFromPrefixListItem() {
        return "<item><ownerId>" + ACCOUNT + "</ownerId><groupId>" + id("sg", 0) + "</groupId><groupName>from-list</groupName>"
                + "<groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>"
                + "<fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges/><ipv6Ranges/><prefixListIds><item><prefixListId>"
                + PREFIX_LIST + "</prefixListId></item></prefixListIds></item></ipPermissions><ipPermissionsEgress/><tagSet/></item>";
    }

    private static String prefixListEntryItem(int i) {
        return "<item><cidr>" + prefixListEntryCidr(i) + "</cidr><description>partner " + i + "</description></item>";
    }

    /** Entry i is 10.(i / 256).(i % 256).0/24: n distinct blocks. */
    private static String prefixListEntryCidr(int i) {
        return "10." + i / 256 + "." + i % 256 + ".0/24";
    }

    private static int portOf(String groupId) {
        return 1 + Integer.parseInt(groupId.substring("sg-".length())) % 60000;
    }

    private static String volumeItem(int i) {
        return "<item><volumeId>" + id("vol", i) + "</volumeId><size>8</size><availabilityZone>us-east-1a"
                + "</availabilityZone><status>available</status><createTime>2026-02-01T10:00:00.000Z</createTime>"
                + "<attachmentSet/><tagSet/></item>";
    }

    private static String snapshotItem(int i) {
        return "<item><snapshotId>" + id("snap", i) + "</snapshotId><volumeId>" + id("vol", i) + "</volumeId>"
                + "<status>completed</status><startTime>2026-03-01T02:00:00.000Z</startTime><progress>100%</progress>"
                + "<ownerId>" + ACCOUNT + "</ownerId><volumeSize>8</volumeSize><description>nightly</description>"
                + "<encrypted>false</encrypted><tagSet><item><key>cloudwarden:backup</key><value>daily</value></item>"
                + "</tagSet></item>";
    }

    private static String reservationItem(int i) {
        return "<item><reservationId>" + id("r", i) + "</reservationId><ownerId>" + ACCOUNT + "</ownerId><instancesSet>"
                + "<item><instanceId>" + id("i", i) + "</instanceId><instanceState><code>16</code><name>running</name>"
                + "</instanceState><tagSet/></item></instancesSet></item>";
    }

    private static String imageItem(int i) {
        return "<item><imageId>" + id("ami", i) + "</imageId><imageOwnerId>" + ACCOUNT + "</imageOwnerId><name>image-" + i
                + "</name><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>" + id("snap", i)
                + "</snapshotId></ebs></item></blockDeviceMapping><tagSet/></item>";
    }

    /** An AWS JSON 1.1 page; the token field is left out when {@code nextToken} is null. */
    private static String jsonPage(String listField, List<Integer> items, IntFunction<String> item, String tokenField,
                                   String nextToken) {
        return "{\"" + listField + "\":[" + items.stream().map(item::apply).collect(Collectors.joining(","))
                + "]" + (nextToken == null ? "" : ",\"" + tokenField + "\":\"" + nextToken + "\"") + "}";
    }

    private static String topicMapping(int i) {
        return "{\"ResourceARN\":\"arn:aws:sns:us-east-1:" + ACCOUNT + ":" + id("topic", i)
                + "\",\"Tags\":[{\"Key\":\"owner\",\"Value\":\"team-a\"}]}";
    }

    private static String baselineIdentity(int i) {
        return "{\"BaselineId\":\"" + id("pb", i) + "\",\"BaselineName\":\"baseline-" + i
                + "\",\"OperatingSystem\":\"AMAZON_LINUX_2\",\"BaselineDescription\":\"\",\"DefaultBaseline\":false}";
    }

    private static String instanceInformation(int i) {
        return "{\"InstanceId\":\"" + id("i", i) + "\",\"PingStatus\":\"Online\",\"LastPingDateTime\":1772330400,"
                + "\"PlatformType\":\"Linux\",\"PlatformName\":\"Amazon Linux\",\"ComputerName\":\"host-" + i + "\"}";
    }

    private static String patchState(int i) {
        return "{\"InstanceId\":\"" + id("i", i) + "\",\"PatchGroup\":\"web\",\"BaselineId\":\"" + id("pb", 0)
                + "\",\"OperationStartTime\":1772326800,\"OperationEndTime\":1772330400,\"Operation\":\"Scan\","
                + "\"InstalledCount\":10,\"MissingCount\":1,\"FailedCount\":0}";
    }
}
