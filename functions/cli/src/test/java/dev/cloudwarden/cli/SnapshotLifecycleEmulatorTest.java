package dev.cloudwarden.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SnapshotEstate.SnapshotView;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The snapshot lifecycle end to end: the real engine ({@link LocalAudit}) and the real AWS provider
 * against moto in two regions. What each run left behind is read back with plain EC2 calls
 * ({@link SnapshotEstate}); crashes are real ones, made by a WireMock proxy in front of moto that loses
 * an answer after EC2 acted, or refuses one call.
 */
@ExtendWith(MotoExtension.class)
class SnapshotLifecycleEmulatorTest {
    private static final String EAST = SnapshotEstate.REGION;
    private static final String WEST = SnapshotEstate.DR_REGION;
    /** 10:00 UTC: inside the daily window that started at 03:00. */
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final String WINDOW = "2026-11-30T03:00:00Z";
    private static final String KEY = "arn:aws:kms:us-west-2:123456789012:key/0f1e2d3c-dr";
    private static final String DAILY = """
            version: 1
            cloud: aws
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  copyTags: [Name, owner]
                  retain: {count: 2}
                  copies:
                    - region: us-west-2
                      kmsKeyId: "%s"
                      retain: {count: 1}
            """.formatted(KEY);
    private static final Set<String> WRITES = Set.of("CreateSnapshot", "CreateSnapshots", "CopySnapshot", "DeleteSnapshot", "CreateTags");

    private final MotoServer moto;
    private SnapshotEstate estate;
    private WireMockServer proxy;

    SnapshotLifecycleEmulatorTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new SnapshotEstate(moto.endpoint());
    }

    @AfterEach
    void close() {
        estate.close();
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void aDryRun_showsTheWindowsSnapshotsAndCopies_andWritesNothing() {
        String data = estate.volume(Map.of("backup", "daily", "Name", "data"));
        moto.startRecording();

        RunReport report = run(DAILY, RunRequest.sweep(Trigger.MANUAL, true), T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.snapshot-due")).singleElement()
                .satisfies(f -> {
                    assertThat(f.resource().id()).isEqualTo(data);
                    assertThat(f.action().status()).isEqualTo(Status.PLANNED);
                    assertThat(f.action().reason()).startsWith("dry-run: nothing is changed").contains("copy it to us-west-2");
                });
        assertThat(moto.recordedOperations()).doesNotContainAnyElementsOf(WRITES);
        assertThat(planSnapshots(EAST)).isEmpty();
    }

    @Test
    void takesOneSnapshotPerSelectedVolume_tagsItInTheSameCall_andCopiesItEncryptedToTheDrRegion() {
        String data = estate.volume(Map.of("backup", "daily", "Name", "data", "owner", "alice", "cost-centre", "cc-1"));
        String logs = estate.volume(Map.of("backup", "daily", "Name", "logs"));
        String other = estate.volume(Map.of("Name", "other"));
        moto.startRecording();

        RunReport report = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        List<SnapshotView> originals = planSnapshots(EAST);
        assertThat(originals).extracting(SnapshotView::volumeId).containsExactlyInAnyOrder(data, logs);
        SnapshotView ofData = originals.stream().filter(s -> s.volumeId().equals(data)).findFirst().orElseThrow();
        assertThat(ofData.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("cloudwarden:plan", "daily", "cloudwarden:window", WINDOW,
                "cloudwarden:volume", data, "Name", "data", "owner", "alice"));
        assertThat(ofData.description()).contains("daily").contains(WINDOW);

        List<SnapshotView> copies = planSnapshots(WEST);
        assertThat(copies).hasSize(2).allSatisfy(copy -> assertThat(copy.kmsKeyId()).isEqualTo(KEY));
        SnapshotView copyOfData = copies.stream().filter(c -> c.tags().get("cloudwarden:copy-of").equals(ofData.id())).findFirst().orElseThrow();
        assertThat(copyOfData.tags()).containsEntry("cloudwarden:copy-of-region", EAST).containsEntry("cloudwarden:volume", data)
                .containsEntry("cloudwarden:window", WINDOW).containsEntry("owner", "alice");

        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.volume-unprotected"))
                .extracting(f -> f.resource().id()).contains(other).doesNotContain(data, logs);
        assertThat(report.apiCalls().byOperation()).containsEntry("ec2:CreateSnapshot", 2L).containsEntry("ec2:CopySnapshot", 2L)
                .containsEntry("ec2:DescribeVolumes", 1L).containsEntry("ec2:DescribeSnapshots", 2L)
                .doesNotContainKeys("ec2:CreateTags", "ec2:DeleteSnapshot", "ec2:DescribeImages");
        assertThat(moto.recordedOperations().stream().filter(WRITES::contains).toList())
                .as("the emulator saw the same writes the run counted")
                .containsExactlyInAnyOrder("CreateSnapshot", "CreateSnapshot", "CopySnapshot", "CopySnapshot");
    }

    @Test
    void runsAgainInTheSameWindow_takeNothing_andTheNextWindowTakesOneMore() {
        String data = estate.volume(Map.of("backup", "daily"));

        run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T);
        moto.startRecording();
        RunReport retry = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofMinutes(3)));
        RunReport manual = run(DAILY, RunRequest.sweep(Trigger.MANUAL, false), T.plus(Duration.ofHours(16)));

        assertThat(List.of(retry, manual)).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETE));
        assertThat(moto.recordedOperations()).doesNotContainAnyElementsOf(WRITES);
        assertThat(planSnapshots(EAST)).hasSize(1);

        run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofDays(1)));
        assertThat(planSnapshots(EAST)).extracting(s -> s.tags().get("cloudwarden:window"))
                .containsExactlyInAnyOrder(WINDOW, "2026-12-01T03:00:00Z");
        assertThat(planSnapshots(EAST)).allSatisfy(s -> assertThat(s.volumeId()).isEqualTo(data));
    }

    @Test
    void anInstancesVolumes_areTakenAsOneSet_withoutItsRootVolume_eachWithItsVolumesTags() {
        SnapshotEstate.SeededInstance db = estate.instance(Map.of("backup", "consistent"),
                List.of(Map.of("Name", "db-data", "tier", "gold"), Map.of("Name", "db-wal")));
        String policy = """
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: db
                      schedule: rate(1 day)
                      select:
                        instanceTags: {backup: consistent}
                        excludeRootVolume: true
                      copyTags: ["*"]
                      retain: {daily: 7}
                """;

        RunReport report = run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.apiCalls().byOperation()).containsEntry("ec2:CreateSnapshots", 1L).doesNotContainKey("ec2:CreateSnapshot");
        List<SnapshotView> taken = planSnapshots(EAST);
        assertThat(taken).extracting(SnapshotView::volumeId).containsExactlyInAnyOrderElementsOf(db.dataVolumeIds())
                .doesNotContain(db.rootVolumeId());
        assertThat(taken).allSatisfy(s -> assertThat(s.tags()).containsEntry("cloudwarden:plan", "db")
                .containsEntry("cloudwarden:window", "2026-11-30T00:00:00Z").containsEntry("cloudwarden:instance", db.instanceId())
                .containsEntry("cloudwarden:volume", s.volumeId()));
        assertThat(taken).filteredOn(s -> s.tags().get("Name").equals("db-data")).singleElement()
                .satisfies(s -> assertThat(s.tags()).containsEntry("tier", "gold"));
    }

    @Test
    void anAnswerLostAfterEc2TookTheSnapshot_isNeverSentAgain_aReadFindsIt_andTheNextRunTakesNoSecondOne() {
        String data = estate.volume(Map.of("backup", "daily"));
        proxy = proxyInFrontOfMoto();
        proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=CreateSnapshot&"))
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withTransformers(LoseTheAnswer.NAME)));

        RunReport crashed = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T, URI.create(proxy.baseUrl()));

        assertThat(crashed.status()).as("the snapshot was taken: the report says what is true").isEqualTo(RunStatus.COMPLETE);
        assertThat(crashed.findings()).filteredOn(f -> f.check().equals("snapshots.snapshot-due")).singleElement()
                .satisfies(f -> {
                    assertThat(f.action().status()).isEqualTo(Status.APPLIED);
                    assertThat(f.action().reason()).startsWith("took " + planSnapshots(EAST).getFirst().id())
                            .contains("its answer was lost, and a read found it by its tags");
                });
        proxy.verify(1, postRequestedFor(anyUrl()).withRequestBody(containing("Action=CreateSnapshot&")));
        assertThat(planSnapshots(EAST)).as("EC2 took it although the answer never came").hasSize(1);

        RunReport retried = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofMinutes(1)));

        assertThat(retried.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(retried.apiCalls().byOperation()).doesNotContainKey("ec2:CreateSnapshot");
        assertThat(planSnapshots(EAST)).singleElement().satisfies(s -> assertThat(s.volumeId()).isEqualTo(data));
    }

    @Test
    void aCrashBetweenTakingASetAndTaggingIt_isCompletedByTheNextRun_withoutASecondSet() {
        SnapshotEstate.SeededInstance db = estate.instance(Map.of("backup", "consistent"), List.of(Map.of("Name", "db-data")));
        String policy = """
                version: 1
                cloud: aws
                snapshotLifecycle:
                  plans:
                    - name: db
                      schedule: cron(0 3 * * ? *)
                      select:
                        instanceTags: {backup: consistent}
                      copyTags: [Name]
                      retain: {count: 3}
                """;
        proxy = proxyInFrontOfMoto();
        proxy.stubFor(post(anyUrl()).atPriority(1).withRequestBody(containing("Action=CreateTags&"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        RunReport crashed = run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T, URI.create(proxy.baseUrl()));

        assertThat(crashed.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(planSnapshots(EAST)).hasSize(2).allSatisfy(s -> assertThat(s.tags())
                .containsEntry("cloudwarden:window", WINDOW).doesNotContainKey("cloudwarden:volume"));

        RunReport completed = run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofMinutes(5)));

        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(completed.apiCalls().byOperation()).doesNotContainKeys("ec2:CreateSnapshots", "ec2:CreateSnapshot");
        assertThat(completed.findings()).filteredOn(f -> f.check().equals("snapshots.tags-incomplete")).hasSize(2)
                .allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        assertThat(planSnapshots(EAST)).extracting(SnapshotView::volumeId)
                .containsExactlyInAnyOrder(db.rootVolumeId(), db.dataVolumeIds().getFirst());
        assertThat(planSnapshots(EAST)).allSatisfy(s -> assertThat(s.tags()).containsEntry("cloudwarden:volume", s.volumeId()));
        assertThat(planSnapshots(EAST)).filteredOn(s -> s.volumeId().equals(db.dataVolumeIds().getFirst())).singleElement()
                .satisfies(s -> assertThat(s.tags()).containsEntry("Name", "db-data"));
    }

    /**
     * Someone else seeds a volume's history: five snapshots of the plan (one a day), a protected one and one an
     * image uses (both older, also the plan's), a hand-made snapshot and another plan's. Keeping 2 means the
     * window's new snapshot and yesterday's: exactly the four other plain ones of the plan go.
     */
    @Test
    void retention_deletesExactlyWhatThePolicyImplies_onAnEstateSeededBySomeoneElse() {
        String data = estate.volume(Map.of("backup", "daily"));
        Map<String, String> history = new java.util.LinkedHashMap<>();
        for (int day = 1; day <= 5; day++) {
            String window = T.minus(Duration.ofDays(day)).minus(Duration.ofHours(7)).toString();
            history.put(window, estate.snapshot(EAST, data, ours(data, window), "seeded"));
        }
        String protectedOne = estate.snapshot(EAST, data, with(ours(data, "2026-11-20T03:00:00Z"), "cloudwarden:protect", "legal-hold"), "seeded");
        SnapshotEstate.ImageSnapshot image = estate.image(EAST);
        estate.ec2(EAST).createTags(r -> r.resources(image.snapshotId()).tags(ours(data, "2026-11-19T03:00:00Z").entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        String byHand = estate.snapshot(EAST, data, Map.of("Name", "before-upgrade"), "taken by hand");
        String otherPlan = estate.snapshot(EAST, data, Map.of("cloudwarden:plan", "weekly", "cloudwarden:window", "2026-11-02T03:00:00Z"), "");
        String policy = DAILY.replace("      copies:\n        - region: us-west-2\n          kmsKeyId: \"" + KEY + "\"\n          retain: {count: 1}\n", "");
        moto.startRecording();

        RunReport report = run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        String yesterday = history.get("2026-11-29T03:00:00Z");
        Set<String> deleted = history.values().stream().filter(id -> !id.equals(yesterday)).collect(Collectors.toSet());
        assertThat(ids(EAST)).doesNotContainAnyElementsOf(deleted)
                .contains(yesterday, protectedOne, image.snapshotId(), byHand, otherPlan);
        assertThat(planSnapshots(EAST)).filteredOn(s -> "daily".equals(s.tags().get("cloudwarden:plan")))
                .extracting(s -> s.tags().get("cloudwarden:window"))
                .containsExactlyInAnyOrder(WINDOW, "2026-11-29T03:00:00Z", "2026-11-20T03:00:00Z", "2026-11-19T03:00:00Z");
        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.retention-expired"))
                .extracting(f -> f.resource().id()).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.retention-kept"))
                .extracting(f -> f.resource().id() + ": " + f.action().reason())
                .containsExactlyInAnyOrder(protectedOne + ": kept: it carries the protect tag cloudwarden:protect=legal-hold",
                        image.snapshotId() + ": kept: it backs image " + image.imageId());
        assertThat(report.apiCalls().byOperation()).containsEntry("ec2:DeleteSnapshot", 4L).containsEntry("ec2:CreateSnapshot", 1L)
                .containsEntry("ec2:DescribeImages", 1L).containsEntry("ec2:DescribeSnapshots", 1L).containsEntry("ec2:DescribeVolumes", 1L);
        assertThat(moto.recordedOperations().stream().filter(WRITES::contains).toList())
                .containsExactlyInAnyOrder("CreateSnapshot", "DeleteSnapshot", "DeleteSnapshot", "DeleteSnapshot", "DeleteSnapshot");
    }

    @Test
    void copiesInTheDrRegion_followTheirOwnRetention() {
        String data = estate.volume(Map.of("backup", "daily"));
        String policy = DAILY.replace("retain: {count: 2}", "retain: {count: 3}").replace("retain: {count: 1}", "retain: {count: 2}");
        for (int day = 0; day < 4; day++) {
            run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofDays(day)));
        }

        assertThat(planSnapshots(EAST)).as("count 3 in the region").extracting(s -> s.tags().get("cloudwarden:window"))
                .containsExactlyInAnyOrder("2026-12-01T03:00:00Z", "2026-12-02T03:00:00Z", "2026-12-03T03:00:00Z");
        assertThat(planSnapshots(WEST)).as("count 2 for the copies").extracting(s -> s.tags().get("cloudwarden:window"))
                .containsExactlyInAnyOrder("2026-12-02T03:00:00Z", "2026-12-03T03:00:00Z");
        assertThat(planSnapshots(WEST)).allSatisfy(copy -> assertThat(copy.tags()).containsEntry("cloudwarden:volume", data));
    }

    /**
     * A volume's newest completed snapshot is its last good copy: kept until a newer one has completed. With
     * count 1 the previous snapshot therefore stays beside the one a run takes (pending on EBS for minutes),
     * and goes in the next run.
     */
    @Test
    void countOne_keepsTheLastGoodCopy_besideTheNewOne_untilTheNextRun() {
        estate.volume(Map.of("backup", "daily"));
        String policy = DAILY.replace("retain: {count: 2}", "retain: {count: 1}");
        for (int day = 0; day < 3; day++) {
            run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T.plus(Duration.ofDays(day)));
        }

        assertThat(planSnapshots(EAST)).extracting(s -> s.tags().get("cloudwarden:window"))
                .containsExactlyInAnyOrder("2026-12-01T03:00:00Z", "2026-12-02T03:00:00Z");
    }

    @Test
    void beyondTheBlastRadius_nothingIsDeleted_butTheWindowsSnapshotIsStillTaken() {
        String data = estate.volume(Map.of("backup", "daily"));
        for (int day = 1; day <= 4; day++) {
            estate.snapshot(EAST, data, ours(data, T.minus(Duration.ofDays(day)).minus(Duration.ofHours(7)).toString()), "seeded");
        }
        String policy = DAILY.replace("      copies:\n        - region: us-west-2\n          kmsKeyId: \"" + KEY + "\"\n          retain: {count: 1}\n", "")
                + "  blastRadius: {maxChanges: 2}\n";

        RunReport report = run(policy, RunRequest.sweep(Trigger.SCHEDULE, false), T);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).get().asString().contains("blastRadius.maxChanges 2").contains("snapshots were still taken");
        assertThat(report.apiCalls().byOperation()).doesNotContainKey("ec2:DeleteSnapshot").containsEntry("ec2:CreateSnapshot", 1L);
        assertThat(planSnapshots(EAST)).hasSize(5);
        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.retention-expired")).hasSize(3)
                .allSatisfy(f -> assertThat(f.action().status()).isEqualTo(Status.SKIPPED));
    }

    @Test
    void aVolumeOlderThanThePreviousWindow_withoutASnapshotSinceThen_isReportedOverdue() {
        String data = estate.volume(Map.of("backup", "daily"));
        Instant twoDaysOn = Instant.now().plus(Duration.ofDays(2));

        RunReport report = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, true), twoDaysOn);

        assertThat(report.findings()).filteredOn(f -> f.check().equals("snapshots.snapshot-overdue")).singleElement()
                .satisfies(f -> {
                    assertThat(f.resource().id()).isEqualTo(data);
                    assertThat(f.severity().id()).isEqualTo("high");
                });
        RunReport today = run(DAILY, RunRequest.sweep(Trigger.SCHEDULE, true), Instant.now());
        assertThat(today.findings()).noneMatch(f -> f.check().equals("snapshots.snapshot-overdue"));
    }

    private static Map<String, String> ours(String volume, String window) {
        return Map.of("cloudwarden:plan", "daily", "cloudwarden:window", window, "cloudwarden:volume", volume);
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(tags);
        all.put(key, value);
        return all;
    }

    private RunReport run(String policy, RunRequest request, Instant now) {
        return run(policy, request, now, moto.endpoint());
    }

    private RunReport run(String policy, RunRequest request, Instant now, URI endpoint) {
        RunReport report = LocalAudit.run(PolicyLoader.parse(policy, "test policy"), SnapshotLifecycle.OPERATION,
                ProviderConfig.of(EAST).withEndpoint(endpoint), request, Clock.fixed(now, ZoneOffset.UTC));
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The snapshots of a region that carry a plan's tag (the emulator backs each seeded image with one of its own). */
    private List<SnapshotView> planSnapshots(String region) {
        return snapshots(region, s -> s.tags().containsKey("cloudwarden:plan"));
    }

    private List<SnapshotView> snapshots(String region, Predicate<SnapshotView> which) {
        return estate.snapshots(region).stream().filter(which).toList();
    }

    private Set<String> ids(String region) {
        return estate.snapshots(region).stream().map(SnapshotView::id).collect(Collectors.toSet());
    }

    /** WireMock on loopback passing every request on to moto, unless a stub of higher priority says otherwise. */
    private WireMockServer proxyInFrontOfMoto() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new LoseTheAnswer()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        return server;
    }

    /** Lets the request reach EC2, then drops the connection instead of answering: what a network fault after the fact does. */
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
