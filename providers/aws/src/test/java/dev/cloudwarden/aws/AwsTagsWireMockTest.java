package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot show about the Tagging API and CreateTags: pages followed to an empty token, and
 * failures of one resource or of a whole batch. WireMock on loopback answers in each protocol
 * (AWS JSON 1.1 for the Tagging API, EC2's query XML) and the real SDK clients read it.
 */
class AwsTagsWireMockTest {
    private static final String TARGET = "ResourceGroupsTaggingAPI_20170126.";
    private static final String ACCOUNT_ARN = "arn:aws:sns:us-east-1:123456789012:";
    private static final String EC2_NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";

    private WireMockServer aws;
    private CloudProvider provider;
    private TagOps tags;

    @BeforeEach
    void start() {
        aws = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        aws.start();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + aws.port())));
        tags = provider.tags().orElseThrow();
    }

    @AfterEach
    void stop() {
        provider.close();
        aws.stop();
    }

    @Test
    void getResourcesFollowsPaginationTokenThroughThreePages_ofAHundredResourcesAtMost() {
        stubTagging("GetResources", equalToJson("{\"ResourceTypeFilters\":[\"sns:topic\"],\"ResourcesPerPage\":100}"),
                200, page("page-2", "t1"));
        stubTagging("GetResources", equalToJson(
                "{\"ResourceTypeFilters\":[\"sns:topic\"],\"ResourcesPerPage\":100,\"PaginationToken\":\"page-2\"}"),
                200, page("page-3", "t2"));
        // the last page carries an empty token, not none: the paginator must stop there
        stubTagging("GetResources", equalToJson(
                "{\"ResourceTypeFilters\":[\"sns:topic\"],\"ResourcesPerPage\":100,\"PaginationToken\":\"page-3\"}"),
                200, page("", "t3"));

        List<ResourceRef> found = tags.listResources(Set.of("sns:topic"));

        assertThat(found).extracting(ResourceRef::id).containsExactly(ACCOUNT_ARN + "t1", ACCOUNT_ARN + "t2", ACCOUNT_ARN + "t3");
        assertThat(found).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("sns:topic");
            assertThat(r.account()).isEqualTo("123456789012");
            assertThat(r.tags().get("owner")).contains("team-a");
        });
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("tag:GetResources", 3L));
        aws.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetResources")));
    }

    @Test
    void tagResourcesFailedResourcesMap_failsOnlyTheArnItNames() {
        stubTagging("TagResources", containing("\"ResourceARNList\""), 200, """
                {"FailedResourcesMap":{"%sb":{"StatusCode":400,"ErrorCode":"InvalidParameterException",
                 "ErrorMessage":"tag value not allowed by a tag policy"}}}""".formatted(ACCOUNT_ARN));
        List<ResourceRef> topics = List.of(topic("a"), topic("b"), topic("c"));

        TagWriteResult result = tags.addTags(topics, Map.of("owner", "team-a"));

        assertThat(result.failed()).containsOnlyKeys(ACCOUNT_ARN + "b");
        CloudException failure = result.failed().get(ACCOUNT_ARN + "b");
        assertThat(failure.kind()).isEqualTo(CloudException.Kind.INVALID);
        assertThat(failure.operation()).isEqualTo("tag:TagResources");
        assertThat(failure.nativeCode()).isEqualTo("InvalidParameterException");
        assertThat(failure.requestId()).isEqualTo("req-tag");
        assertThat(failure.getMessage()).contains("tag policy");
        assertThat(result.succeeded(ACCOUNT_ARN + "a")).isTrue();
        assertThat(result.succeeded(ACCOUNT_ARN + "c")).isTrue();
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "TagResources"))
                .withRequestBody(equalToJson("{\"ResourceARNList\":[\"%sa\",\"%sb\",\"%sc\"],\"Tags\":{\"owner\":\"team-a\"}}"
                        .formatted(ACCOUNT_ARN, ACCOUNT_ARN, ACCOUNT_ARN))));
    }

    @Test
    void aTaggingBatchRejectedAsAWhole_failsEachOfItsResources_andTheNextBatchIsStillSent() {
        List<ResourceRef> topics = IntStream.range(0, 25).mapToObj(i -> topic("topic-" + i)).toList();
        stubTagging("TagResources", containing("topic-0\""), 400,
                "{\"__type\":\"AccessDeniedException\",\"Message\":\"not allowed to tag\"}");
        stubTagging("TagResources", containing("topic-20\""), 200, "{\"FailedResourcesMap\":{}}");

        TagWriteResult result = tags.addTags(topics, Map.of("owner", "team-a"));

        assertThat(result.failed()).hasSize(20).allSatisfy((id, e) -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.ACCESS_DENIED);
            assertThat(e.operation()).isEqualTo("tag:TagResources");
        });
        assertThat(result.failed()).containsKey(ACCOUNT_ARN + "topic-19").doesNotContainKey(ACCOUNT_ARN + "topic-20");
        aws.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "TagResources")));
    }

    @Test
    void createTagsRejectedForOneMissingId_failsEveryResourceOfThatBatch_only() {
        List<ResourceRef> instances = IntStream.range(0, 250)
                .mapToObj(i -> new ResourceRef(CloudId.AWS, "", "us-east-1", "ec2:instance", "i-%017d".formatted(i), "", null))
                .toList();
        aws.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withRequestBody(containing("Action=CreateTags&")).withRequestBody(containing("=i-00000000000000249&"))
                .willReturn(aResponse().withStatus(400).withBody("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                        + "<Message>The instance ID 'i-00000000000000249' does not exist</Message></Error></Errors>"
                        + "<RequestID>req-ec2</RequestID></Response>")));
        aws.stubFor(post(urlEqualTo("/")).atPriority(2).withRequestBody(containing("Action=CreateTags&"))
                .willReturn(aResponse().withStatus(200).withBody("<CreateTagsResponse " + EC2_NS
                        + "><requestId>req-ok</requestId><return>true</return></CreateTagsResponse>")));

        TagWriteResult result = tags.addTags(instances, Map.of("owner", "team-a"));

        assertThat(result.failed()).hasSize(50).allSatisfy((id, e) -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
            assertThat(e.operation()).isEqualTo("ec2:CreateTags");
            assertThat(e.requestId()).isEqualTo("req-ec2");
        });
        assertThat(result.succeeded("i-00000000000000199")).isTrue();
        assertThat(result.succeeded("i-00000000000000200")).isFalse();
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:CreateTags", 2L));
    }

    private void stubTagging(String operation, StringValuePattern body,
                             int status, String answer) {
        MappingBuilder stub = post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET + operation))
                .withRequestBody(body)
                .willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", status == 200 ? "req-tag" : "req-denied")
                        .withBody(answer));
        aws.stubFor(stub);
    }

    private static String page(String nextToken, String topic) {
        return """
                {"PaginationToken":"%s","ResourceTagMappingList":[{"ResourceARN":"%s%s",
                 "Tags":[{"Key":"owner","Value":"team-a"}]}]}""".formatted(nextToken, ACCOUNT_ARN, topic);
    }

    private static ResourceRef topic(String name) {
        return new ResourceRef(CloudId.AWS, "123456789012", "us-east-1", "sns:topic", ACCOUNT_ARN + name, name, null);
    }
}
