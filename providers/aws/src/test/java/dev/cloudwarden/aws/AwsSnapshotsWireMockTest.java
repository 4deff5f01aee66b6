package dev.cloudwarden.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudException.Kind;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.Tags;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot show about snapshots: pages (moto answers in one), throttling, lost answers and
 * refusals. Above all, that CreateSnapshot, CreateSnapshots and CopySnapshot — which take no idempotency
 * token — are sent again only when throttled, never after a 5xx or a reset connection, where the snapshot
 * may already exist. WireMock on loopback answers with EC2's query-protocol XML, and the real SDK reads it.
 */
class AwsSnapshotsWireMockTest {
    private static final String NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    private static final String VOLUME = "vol-0123456789abcdef0";
    private static final Disk DISK = new Disk(new ResourceRef(CloudId.AWS, "123456789012", "us-east-1", "ec2:volume",
            VOLUME, "", null), 8, "us-east-1a", Instant.parse("2026-01-01T00:00:00Z"), List.of());
    private static final Snapshot SOURCE = new Snapshot(new ResourceRef(CloudId.AWS, "123456789012", "us-east-1",
            "ec2:snapshot", "snap-0000000000000000a", "", Tags.NONE), VOLUME, Instant.parse("2026-01-02T00:00:00Z"),
            Snapshot.State.COMPLETED, "nightly");

    private WireMockServer ec2;
    private CloudProvider provider;
    private SnapshotOps snapshots;

    @BeforeEach
    void start() {
        ec2 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ec2.start();
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + ec2.port())));
        snapshots = provider.snapshots().orElseThrow();
    }

    @AfterEach
    void stop() {
        provider.close();
        ec2.stop();
    }

    @Test
    void describeSnapshots_followsNextTokenThroughThreePages_ofAThousandAtMost() {
        stub("DescribeSnapshots", notContaining("NextToken="), ok(snapshotsPage("page-2", "snap-00000000000000001")));
        stub("DescribeSnapshots", containing("NextToken=page-2"), ok(snapshotsPage("page-3", "snap-00000000000000002")));
        stub("DescribeSnapshots", containing("NextToken=page-3"), ok(snapshotsPage("", "snap-00000000000000003")));

        List<Snapshot> found = snapshots.listSnapshots("us-east-1", "cloudwarden:backup");

        assertThat(found).extracting(Snapshot::id)
                .containsExactly("snap-00000000000000001", "snap-00000000000000002", "snap-00000000000000003");
        assertThat(found.getFirst()).satisfies(s -> {
            assertThat(s.diskId()).isEqualTo(VOLUME);
            assertThat(s.state()).isEqualTo(Snapshot.State.COMPLETED);
            assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
            assertThat(s.resource().account()).isEqualTo("123456789012");
            assertThat(s.resource().name()).isEqualTo("nightly");
            assertThat(s.tags().get("cloudwarden:backup")).contains("daily");
            assertThat(s.description()).isEqualTo("nightly backup");
        });
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:DescribeSnapshots", 3L));
        List<LoggedRequest> sent = ec2.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(sent).hasSize(3).allSatisfy(request -> assertThat(request.getBodyAsString())
                .contains("MaxResults=1000", "Owner.1=self", "Filter.1.Name=tag-key", "Filter.1.Value.1=cloudwarden%3Abackup"));
    }

    @Test
    void aCopyNamesNoVolume_andEbsStatesMapToPendingCompletedOrFailed() {
        stub("DescribeSnapshots", containing("Action=DescribeSnapshots"), ok("<DescribeSnapshotsResponse " + NS + ">"
                + "<requestId>req-1</requestId><snapshotSet>"
                + snapshotItem("snap-00000000000000001", "vol-ffffffff", "completed")
                + snapshotItem("snap-00000000000000002", VOLUME, "error")
                + snapshotItem("snap-00000000000000003", VOLUME, "recoverable")
                + snapshotItem("snap-00000000000000004", VOLUME, "pending")
                + snapshotItem("snap-00000000000000005", VOLUME, "some-future-state")
                + "</snapshotSet></DescribeSnapshotsResponse>"));

        List<Snapshot> found = snapshots.findSnapshots("us-east-1", List.of("snap-00000000000000001"));

        assertThat(found).extracting(Snapshot::diskId).containsExactly("", VOLUME, VOLUME, VOLUME, VOLUME);
        assertThat(found).extracting(Snapshot::state).containsExactly(Snapshot.State.COMPLETED, Snapshot.State.FAILED,
                Snapshot.State.PENDING, Snapshot.State.PENDING, Snapshot.State.PENDING);
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Filter.1.Name=snapshot-id"))
                .withRequestBody(notContaining("SnapshotId.1")));
    }

    @Test
    void describeVolumes_asksForPagesOfFiveHundred() {
        stub("DescribeVolumes", containing("Action=DescribeVolumes"), ok("<DescribeVolumesResponse " + NS + ">"
                + "<requestId>req-v</requestId><volumeSet><item><volumeId>" + VOLUME + "</volumeId><size>8</size>"
                + "<availabilityZone>us-east-1b</availabilityZone><status>in-use</status>"
                + "<createTime>2026-02-01T10:00:00.000Z</createTime><attachmentSet><item><volumeId>" + VOLUME
                + "</volumeId><instanceId>i-00000000000000001</instanceId><device>/dev/sdf</device><status>attached"
                + "</status></item></attachmentSet><tagSet><item><key>Name</key><value>data</value></item></tagSet>"
                + "<ownerId>123456789012</ownerId></item></volumeSet></DescribeVolumesResponse>"));

        List<Disk> disks = snapshots.listDisks();

        assertThat(disks).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(VOLUME);
            assertThat(d.resource().account()).as("given by newer EC2 answers").isEqualTo("123456789012");
            assertThat(d.resource().name()).isEqualTo("data");
            assertThat(d.sizeGiB()).isEqualTo(8);
            assertThat(d.zone()).isEqualTo("us-east-1b");
            assertThat(d.createdAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
            assertThat(d.attachedTo()).containsExactly("i-00000000000000001");
        });
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("MaxResults=500")));
    }

    @Test
    void createSnapshot_throttled_isSentAgain_andSucceeds() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(ok(createSnapshotAnswer())));

        Snapshot made = snapshots.createSnapshot(DISK, Map.of("cloudwarden:backup", "daily"), "nightly");

        assertThat(made.id()).isEqualTo("snap-0000000000000000b");
        assertThat(made.diskId()).isEqualTo(VOLUME);
        assertThat(made.state()).isEqualTo(Snapshot.State.PENDING);
        assertThat(made.startedAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
        assertThat(made.tags().get("cloudwarden:backup")).contains("daily");
        ec2.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .withRequestBody(containing("TagSpecification.1.ResourceType=snapshot"))
                .withRequestBody(containing("TagSpecification.1.Tag.1.Key=cloudwarden%3Abackup")));
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:CreateSnapshot", 2L));
    }

    @Test
    void createSnapshot_refusedForTheVolumesRate_isThrottlingToo_andSentAgain() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .inScenario("rate").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(error(400, "SnapshotCreationPerVolumeRateExceeded", "The maximum per volume CreateSnapshot request rate has been exceeded.")));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .inScenario("rate").whenScenarioStateIs("recovered")
                .willReturn(ok(createSnapshotAnswer())));

        Snapshot made = snapshots.createSnapshot(DISK, Map.of(), "nightly");

        assertThat(made.id()).isEqualTo("snap-0000000000000000b");
        ec2.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=CreateSnapshot&"))
                .withRequestBody(notContaining("TagSpecification")));
    }

    @Test
    void createSnapshot_isNeverResent_whenTheServiceFails() {
        stub("CreateSnapshot", containing("Action=CreateSnapshot&"), error(500, "InternalError", "An internal error has occurred."));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshot(DISK, Map.of("cloudwarden:backup", "daily"), "nightly"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:CreateSnapshot");
        assertThat(e.nativeCode()).isEqualTo("InternalError");
        assertThat(e.requestId()).isEqualTo("req-failed");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:CreateSnapshot", 1L));
    }

    @Test
    void createSnapshot_isNeverResent_whenAnUnavailableAnswerIsNotThrottling() {
        stub("CreateSnapshot", containing("Action=CreateSnapshot&"), error(503, "Unavailable", "The server is overloaded."));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshot(DISK, Map.of(), "nightly"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void createSnapshot_isNeverResent_whenTheAnswerIsLost() {
        stub("CreateSnapshot", containing("Action=CreateSnapshot&"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshot(DISK, Map.of("cloudwarden:backup", "daily"), "nightly"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:CreateSnapshot");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void createSnapshotSet_isNeverResent_whenTheServiceFails() {
        stub("CreateSnapshots", containing("Action=CreateSnapshots&"), error(500, "InternalError", "An internal error has occurred."));
        var instance = new dev.cloudwarden.api.Instance(new ResourceRef(CloudId.AWS, "123456789012", "us-east-1",
                "ec2:instance", "i-00000000000000001", "", null), VOLUME, List.of(VOLUME));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.createSnapshotSet(instance, false, Map.of("cloudwarden:backup", "daily"), "set"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:CreateSnapshots");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("InstanceSpecification.InstanceId=i-00000000000000001"))
                .withRequestBody(containing("InstanceSpecification.ExcludeBootVolume=true"))
                .withRequestBody(notContaining("CopyTagsFromSource")));
    }

    @Test
    void copySnapshot_isSentToTheDestinationRegion_andThrottledIsSentAgain() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CopySnapshot&"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=CopySnapshot&"))
                .inScenario("throttle").whenScenarioStateIs("recovered")
                .willReturn(ok("<CopySnapshotResponse " + NS + "><requestId>req-copy</requestId>"
                        + "<snapshotId>snap-0000000000000000c</snapshotId><tagSet><item><key>cloudwarden:backup</key>"
                        + "<value>daily</value></item></tagSet></CopySnapshotResponse>")));

        Snapshot copy = snapshots.copySnapshot(SOURCE, "us-west-2", Optional.of("alias/dr"),
                Map.of("cloudwarden:backup", "daily"), "DR copy");

        assertThat(copy.id()).isEqualTo("snap-0000000000000000c");
        assertThat(copy.region()).isEqualTo("us-west-2");
        assertThat(copy.resource().account()).isEqualTo("123456789012");
        assertThat(copy.diskId()).isEmpty();
        assertThat(copy.state()).isEqualTo(Snapshot.State.PENDING);
        assertThat(copy.description()).isEqualTo("DR copy");
        List<LoggedRequest> sent = ec2.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(sent).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader("Authorization")).contains("/us-west-2/ec2/aws4_request");
            assertThat(request.getBodyAsString()).contains("SourceRegion=us-east-1", "DestinationRegion=us-west-2",
                    "SourceSnapshotId=snap-0000000000000000a", "Encrypted=true", "KmsKeyId=alias%2Fdr",
                    "Description=DR+copy", "TagSpecification.1.ResourceType=snapshot",
                    // the SDK's presigned URL for the source region, which the destination uses to read the snapshot
                    "PresignedUrl=https%3A%2F%2Fec2.us-east-1.amazonaws.com", "%252Fus-east-1%252Fec2%252Faws4_request");
        });
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("ec2:CopySnapshot", 2L));
    }

    @Test
    void copySnapshot_isNeverResent_whenTheAnswerIsLost() {
        stub("CopySnapshot", containing("Action=CopySnapshot&"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        CloudException e = catchThrowableOfType(CloudException.class, () -> snapshots.copySnapshot(SOURCE, "us-west-2",
                Optional.empty(), Map.of("cloudwarden:backup", "daily"), "DR copy"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.operation()).isEqualTo("ec2:CopySnapshot");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("/us-west-2/ec2/aws4_request"))
                .withRequestBody(notContaining("KmsKeyId")));
    }

    @Test
    void copySnapshot_isNeverResent_whenTheServiceFails() {
        stub("CopySnapshot", containing("Action=CopySnapshot&"), error(500, "InternalError", "An internal error has occurred."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> snapshots.copySnapshot(SOURCE, "us-west-2",
                Optional.empty(), Map.of(), "DR copy"));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.nativeCode()).isEqualTo("InternalError");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void readsStillRetryAServerError() {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots&"))
                .inScenario("blip").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(error(500, "InternalError", "An internal error has occurred.")));
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots&"))
                .inScenario("blip").whenScenarioStateIs("recovered")
                .willReturn(ok(snapshotsPage("", "snap-00000000000000001"))));

        assertThat(snapshots.listSnapshots("us-west-2", "cloudwarden:backup")).extracting(Snapshot::region)
                .containsExactly("us-west-2");

        ec2.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("/us-west-2/ec2/aws4_request")));
    }

    @Test
    void deletingASnapshotAnImageUses_isAConflictNamingTheCode() {
        stub("DeleteSnapshot", containing("SnapshotId=snap-0000000000000000a"), error(400, "InvalidSnapshot.InUse",
                "The snapshot snap-0000000000000000a is currently in use by ami-0000000000000000a"));

        CloudException e = catchThrowableOfType(CloudException.class,
                () -> snapshots.deleteSnapshot("us-east-1", "snap-0000000000000000a"));

        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(e.operation()).isEqualTo("ec2:DeleteSnapshot");
        assertThat(e.nativeCode()).isEqualTo("InvalidSnapshot.InUse");
        assertThat(e.requestId()).isEqualTo("req-failed");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void deletingASnapshotAlreadyGone_isFalse() {
        stub("DeleteSnapshot", containing("SnapshotId=snap-0000000000000000a"), error(400, "InvalidSnapshot.NotFound",
                "The snapshot 'snap-0000000000000000a' does not exist."));

        assertThat(snapshots.deleteSnapshot("us-east-1", "snap-0000000000000000a")).isFalse();
        ec2.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DeleteSnapshot&")));
    }

    @Test
    void aMissingPermission_isAccessDenied_withTheRequestId_andNotRetried() {
        stub("CreateSnapshot", containing("Action=CreateSnapshot&"), error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));

        CloudException e = catchThrowableOfType(CloudException.class, () -> snapshots.createSnapshot(DISK, Map.of(), "nightly"));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.operation()).isEqualTo("ec2:CreateSnapshot");
        assertThat(e.nativeCode()).isEqualTo("UnauthorizedOperation");
        assertThat(e.requestId()).isEqualTo("req-failed");
        ec2.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void tagSnapshots_aBatchRejectedAsAWhole_failsEachOfItsIds_only() {
        List<String> ids = java.util.stream.IntStream.range(0, 250).mapToObj("snap-%017d"::formatted).toList();
        ec2.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=CreateTags&"))
                .withRequestBody(containing("=snap-00000000000000249&"))
                .willReturn(error(400, "InvalidSnapshot.NotFound", "The snapshot 'snap-00000000000000249' does not exist.")));
        ec2.stubFor(post(urlEqualTo("/")).atPriority(2).withRequestBody(containing("Action=CreateTags&"))
                .willReturn(ok("<CreateTagsResponse " + NS + "><requestId>req-ok</requestId><return>true</return></CreateTagsResponse>")));

        var result = snapshots.tagSnapshots("us-west-2", ids, Map.of("cloudwarden:copied", "true"));

        assertThat(result.failed()).hasSize(50).allSatisfy((id, e) -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.operation()).isEqualTo("ec2:CreateTags");
            assertThat(e.requestId()).isEqualTo("req-failed");
        });
        assertThat(result.succeeded("snap-00000000000000199")).isTrue();
        assertThat(result.succeeded("snap-00000000000000200")).isFalse();
        ec2.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("/us-west-2/ec2/aws4_request")));
    }

    private void stub(String action, com.github.tomakehurst.wiremock.matching.StringValuePattern body,
                      ResponseDefinitionBuilder answer) {
        ec2.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")).withRequestBody(body)
                .willReturn(answer));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody("<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "</Errors><RequestID>req-failed</RequestID></Response>");
    }

    private static String createSnapshotAnswer() {
        return "<CreateSnapshotResponse " + NS + "><requestId>req-create</requestId>"
                + "<snapshotId>snap-0000000000000000b</snapshotId><volumeId>" + VOLUME + "</volumeId>"
                + "<status>pending</status><startTime>2026-03-01T02:00:00.000Z</startTime><progress></progress>"
                + "<ownerId>123456789012</ownerId><volumeSize>8</volumeSize><description>nightly</description>"
                + "<encrypted>false</encrypted><tagSet><item><key>cloudwarden:backup</key><value>daily</value></item>"
                + "</tagSet></CreateSnapshotResponse>";
    }

    private static String snapshotsPage(String nextToken, String snapshotId) {
        return "<DescribeSnapshotsResponse " + NS + "><requestId>req-d</requestId><snapshotSet>"
                + snapshotItem(snapshotId, VOLUME, "completed") + "</snapshotSet>"
                + (nextToken.isEmpty() ? "" : "<nextToken>" + nextToken + "</nextToken>")
                + "</DescribeSnapshotsResponse>";
    }

    private static String snapshotItem(String snapshotId, String volumeId, String state) {
        return "<item><snapshotId>" + snapshotId + "</snapshotId><volumeId>" + volumeId + "</volumeId>"
                + "<status>" + state + "</status><startTime>2026-03-01T02:00:00.000Z</startTime><progress>100%</progress>"
                + "<ownerId>123456789012</ownerId><volumeSize>8</volumeSize><description>nightly backup</description>"
                + "<encrypted>false</encrypted><tagSet><item><key>Name</key><value>nightly</value></item>"
                + "<item><key>cloudwarden:backup</key><value>daily</value></item></tagSet></item>";
    }
}
