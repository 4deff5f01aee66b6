package dev.cloudwarden.lambda;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static dev.cloudwarden.emulator.Ec2Estate.tcpFromList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.emulator.Ec2Estate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.SampleEvents;
import dev.cloudwarden.emulator.SnapshotEstate;
import dev.cloudwarden.emulator.SsmGapServer;
import dev.cloudwarden.events.aws.AwsEventDecoder;
import dev.cloudwarden.events.aws.AwsEvents;
import dev.cloudwarden.runtime.RunIncompleteException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Every file in events/aws goes through the handler EventBridge would route it to, against moto, and
 * the estate left behind is checked. A new sample event without an expectation here fails the test.
 */
@ExtendWith(MotoExtension.class)
class HandlerEventsTest {
    private static final String POLICY = """
            version: 1
            cloud: aws
            securityGroupAudit:
              remediation:
                action: revoke
            tagCompliance:
              resourceTypes: [ec2:instance, ec2:volume, ec2:snapshot, ec2:security-group, ec2:image]
              required:
                - key: owner
                  default: team@example.com
              remediation:
                addDefaults: true
              creatorTags: {}
            snapshotLifecycle:
              plans:
                - name: daily
                  schedule: cron(0 3 * * ? *)
                  select:
                    volumeTags: {backup: daily}
                  retain: {count: 7}
                  copies:
                    - region: us-west-2
            patchBaselines:
              baselines:
                - name: web-al2023
                  operatingSystem: AMAZON_LINUX_2023
                  default: true
                  patchGroups: [web-servers]
                  approvalRules:
                    - {filters: {CLASSIFICATION: [Security]}, approveAfterDays: 7, complianceLevel: CRITICAL}
              compliance:
                defaultPatchGroup: web-servers
            """;
    private static final String SG = FirewallAudit.OPERATION;
    private static final String TAGS = TagCompliance.OPERATION;
    private static final String SNAPSHOTS = SnapshotLifecycle.OPERATION;
    private static final String PATCHES = PatchBaselines.OPERATION;
    private static final AwsEventDecoder DECODER = new AwsEventDecoder();
    /** The ids the patch samples use, replaced by the ones the emulator gives. */
    private static final String SAMPLE_BASELINE = "pb-0a1b2c3d4e5f60718";
    private static final String SAMPLE_OTHER_BASELINE = "pb-0c4e6a8b0d2f4a6c8";
    private static final String SAMPLE_INSTANCE = "i-0f3a5c7e9b1d2e4f6";
    /** The SSM operations that change something. */
    private static final Set<String> SSM_WRITES = Set.of("CreatePatchBaseline", "UpdatePatchBaseline", "DeletePatchBaseline",
            "RegisterPatchBaselineForPatchGroup", "DeregisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline", "SendCommand",
            "CreateTags");

    private enum Outcome {
        /** Security-group audit: the region swept. */
        SWEEP,
        /** Security-group audit: only the group the event names. */
        ONE_GROUP,
        /** Tag compliance: the resources the call created get creator tags and the missing default. */
        CREATED,
        /** Tag compliance: the resources the call re-tagged are evaluated again; no creator tags. */
        RE_EVALUATED,
        /** Tag compliance: the call failed, so it created nothing, and nothing is called. */
        NOTHING_CREATED,
        /** Snapshot lifecycle: the finished snapshots the notification names are copied to the plan's DR region. */
        COPIED,
        /** Snapshot lifecycle: a failed job is reported as a high finding per snapshot, and nothing is changed. */
        FAILURE_REPORTED,
        /** Snapshot lifecycle: a completed copy needs nothing more. */
        NOTHING_TO_DO,
        /** Patch baselines: the change the call made is reverted at once, and the findings name its caller. */
        PATCH_REVERTED,
        /** Patch baselines: cloudwarden's own change; nothing is written, nothing reported. */
        OWN_CHANGE,
        /** Patch baselines: the call failed, so it changed nothing, and nothing is called. */
        NOTHING_CHANGED,
        /** Patch baselines: an instance that started without a patch group gets the policy's default group. */
        INSTANCE_CHECKED,
        /** Refused before any call, by every handler. */
        REJECTED
    }

    private record Expectation(String operation, Outcome outcome, String messageFragment) {
    }

    private static final Map<String, Expectation> EXPECTATIONS = Map.ofEntries(
            Map.entry("scheduled-sweep.json", new Expectation(SG, Outcome.SWEEP, "")),
            Map.entry("scheduler-sweep.json", new Expectation(SG, Outcome.SWEEP, "")),
            Map.entry("cloudtrail-authorize-ingress-ipv4.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-authorize-ingress-ipv6.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-authorize-ingress-by-group-name.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-modify-security-group-rules.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-create-security-group.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-authorize-ingress-failed.json", new Expectation(SG, Outcome.ONE_GROUP, "")),
            Map.entry("cloudtrail-run-instances.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-create-volume.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-create-snapshot.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-create-snapshots.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-copy-snapshot.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-create-image.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-create-security-group-by-root.json", new Expectation(TAGS, Outcome.CREATED, "")),
            Map.entry("cloudtrail-delete-tags.json", new Expectation(TAGS, Outcome.RE_EVALUATED, "")),
            Map.entry("cloudtrail-untag-resources.json", new Expectation(TAGS, Outcome.RE_EVALUATED, "")),
            Map.entry("cloudtrail-tag-resources.json", new Expectation(TAGS, Outcome.RE_EVALUATED, "")),
            Map.entry("cloudtrail-run-instances-failed.json", new Expectation(TAGS, Outcome.NOTHING_CREATED, "")),
            Map.entry("invalid/unknown-detail-type.json",
                    new Expectation(SG, Outcome.REJECTED, "detail-type 'EC2 Instance State-change Notification'")),
            Map.entry("invalid/unsupported-event-name.json",
                    new Expectation(SG, Outcome.REJECTED, "unsupported CloudTrail eventName 'DescribeSecurityGroups'")),
            Map.entry("invalid/missing-group-id.json", new Expectation(SG, Outcome.REJECTED, "names no security group")),
            Map.entry("invalid/create-volume-no-volume-id.json", new Expectation(TAGS, Outcome.REJECTED, "names no resource")),
            Map.entry("invalid/not-json.txt", new Expectation(SG, Outcome.REJECTED, "not valid JSON")),
            Map.entry("ebs-create-snapshot-succeeded.json", new Expectation(SNAPSHOTS, Outcome.COPIED, "")),
            Map.entry("ebs-create-snapshots-succeeded.json", new Expectation(SNAPSHOTS, Outcome.COPIED, "")),
            Map.entry("ebs-create-snapshot-failed.json", new Expectation(SNAPSHOTS, Outcome.FAILURE_REPORTED, "snapshots.snapshot-failed")),
            Map.entry("ebs-create-snapshots-failed.json", new Expectation(SNAPSHOTS, Outcome.FAILURE_REPORTED, "snapshots.snapshot-failed")),
            Map.entry("ebs-copy-snapshot-failed.json", new Expectation(SNAPSHOTS, Outcome.FAILURE_REPORTED, "snapshots.copy-failed")),
            Map.entry("ebs-copy-snapshot-succeeded.json", new Expectation(SNAPSHOTS, Outcome.NOTHING_TO_DO, "")),
            Map.entry("invalid/ebs-unknown-snapshot-event.json",
                    new Expectation(SNAPSHOTS, Outcome.REJECTED, "unsupported EBS notification: detail.event 'shareSnapshot'")),
            Map.entry("cloudtrail-update-patch-baseline.json", new Expectation(PATCHES, Outcome.PATCH_REVERTED, "")),
            Map.entry("cloudtrail-delete-patch-baseline.json", new Expectation(PATCHES, Outcome.PATCH_REVERTED, "")),
            Map.entry("cloudtrail-deregister-patch-baseline-for-patch-group.json", new Expectation(PATCHES, Outcome.PATCH_REVERTED, "")),
            Map.entry("cloudtrail-register-default-patch-baseline.json", new Expectation(PATCHES, Outcome.PATCH_REVERTED, "")),
            Map.entry("cloudtrail-update-patch-baseline-by-cloudwarden.json", new Expectation(PATCHES, Outcome.OWN_CHANGE, "")),
            Map.entry("cloudtrail-update-patch-baseline-failed.json", new Expectation(PATCHES, Outcome.NOTHING_CHANGED, "")),
            Map.entry("ec2-instance-state-change-running.json", new Expectation(PATCHES, Outcome.INSTANCE_CHECKED, "")),
            Map.entry("ec2-instance-state-change-stopped.json",
                    new Expectation(PATCHES, Outcome.REJECTED, "is for state 'stopped'")),
            Map.entry("invalid/cloudtrail-get-patch-baseline.json",
                    new Expectation(PATCHES, Outcome.REJECTED, "unsupported CloudTrail eventName 'GetPatchBaseline' from aws.ssm")));

    private final MotoServer moto;
    private Ec2Estate estate;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    HandlerEventsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void seed() {
        estate = new Ec2Estate(moto.endpoint());
    }

    @AfterEach
    void close() {
        estate.close();
    }

    static Stream<String> sampleEvents() throws IOException {
        Path dir = SampleEvents.awsDir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("README.md"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everySampleEvent_isHandledAsSpecified(String name) throws IOException {
        Expectation expected = EXPECTATIONS.get(name);
        if (expected == null) {
            fail("events/aws/" + name + " has no expectation in HandlerEventsTest: say what the handler must do with it");
        }
        if (expected.operation().equals(TAGS)) {
            tagEvent(name, expected);
            return;
        }
        if (expected.operation().equals(SNAPSHOTS)) {
            snapshotEvent(name, expected);
            return;
        }
        if (expected.operation().equals(PATCHES)) {
            patchEvent(name, expected);
            return;
        }
        // a prefix list someone let the internet into, which both groups reference: only the target's reference goes
        String partners = estate.prefixList("partners", "198.51.100.0/24", "0.0.0.0/0");
        String target = estate.group("target", Map.of(), tcp(22, "0.0.0.0/0"), tcp(3306, "0.0.0.0/0"),
                tcp(443, "0.0.0.0/0"), tcp(22, "10.0.0.0/8"), tcpFromList(5432, partners));
        String bystander = estate.group("bystander", Map.of(), tcp(3389, "0.0.0.0/0"), tcpFromList(5432, partners));
        byte[] event = Files.readString(SampleEvents.awsDir().resolve(name)).replace(SampleEvents.SAMPLE_GROUP_ID, target)
                .getBytes(StandardCharsets.UTF_8);
        moto.startRecording();

        switch (expected.outcome()) {
            case SWEEP -> {
                JsonNode report = invoke(new ScheduledSweepHandler(env(SG), log()), event);
                assertThat(report.at("/run/status").asText()).isEqualTo("complete");
                assertThat(estate.ingress(target)).containsExactly("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0");
                assertThat(estate.ingress(bystander)).isEmpty();
                assertThat(estate.prefixListEntries(partners)).as("the list itself").containsExactly("198.51.100.0/24", "0.0.0.0/0");
                assertThat(mutatingCalls()).containsExactly("RevokeSecurityGroupIngress", "RevokeSecurityGroupIngress");
            }
            case ONE_GROUP -> {
                JsonNode report = invoke(new CloudTrailEventHandler(env(SG), log()), event);
                assertThat(report.at("/run/status").asText()).isEqualTo("complete");
                assertThat(report.at("/run/targets/0").asText()).isEqualTo(target);
                assertThat(report.at("/run/trigger").asText()).isEqualTo("event");
                assertThat(report.at("/findings")).anySatisfy(f -> assertThat(f.at("/evidence/addressSets/0/publicEntries/0").asText())
                        .isEqualTo("0.0.0.0/0"));
                assertThat(estate.ingress(target)).containsExactly("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0");
                assertThat(estate.ingress(bystander)).as("a group the event does not name, its reference to the same list included")
                        .containsExactly("tcp 3389 from 0.0.0.0/0", "tcp 5432 from " + partners);
                assertThat(estate.prefixListEntries(partners)).as("the list itself").containsExactly("198.51.100.0/24", "0.0.0.0/0");
                assertThat(mutatingCalls()).containsExactly("RevokeSecurityGroupIngress");
            }
            case REJECTED -> {
                assertRejected(event, SG, expected.messageFragment());
                assertThat(estate.ingress(target)).hasSize(5);
            }
            default -> fail("not a security-group outcome: " + expected.outcome());
        }
    }

    /**
     * A tag-compliance sample: every resource it names is created for real first (the emulator picks
     * its own ids, which replace the sample's everywhere in the event), then the event goes through
     * the CloudTrail handler of the tag-compliance function.
     */
    private void tagEvent(String name, Expectation expected) throws IOException {
        String text = Files.readString(SampleEvents.awsDir().resolve(name));
        if (expected.outcome() == Outcome.REJECTED) {
            moto.startRecording();
            assertRejected(text.getBytes(StandardCharsets.UTF_8), TAGS, expected.messageFragment());
            return;
        }
        JsonNode sample = new ObjectMapper().readTree(text);
        List<String> named = ((Scope.Resources) DECODER.cloudTrail(sample, TAGS).scope()).ids();
        List<String> created = new ArrayList<>();
        try (ResourceEstate resources = new ResourceEstate(moto.endpoint())) {
            for (String id : named) {
                String shortId = id.substring(id.lastIndexOf('/') + 1);
                String real = switch (shortId.substring(0, shortId.indexOf('-') + 1)) {
                    case "i-" -> resources.instance(Map.of());
                    case "vol-" -> resources.volume(Map.of());
                    case "snap-" -> resources.snapshot(Map.of());
                    case "ami-" -> resources.image(Map.of());
                    case "sg-" -> resources.securityGroup("created-" + created.size(), Map.of());
                    default -> null; // an ARN of a type the policy does not sweep (an S3 bucket): left out
                };
                if (real != null) {
                    text = text.replace(shortId, real);
                    created.add(real);
                }
            }
            moto.startRecording();

            JsonNode report = invoke(new CloudTrailEventHandler(env(TAGS), log()), text.getBytes(StandardCharsets.UTF_8));

            assertThat(report.at("/run/status").asText()).isEqualTo("complete");
            assertThat(report.at("/run/operation").asText()).isEqualTo(TAGS);
            assertThat(report.at("/run/trigger").asText()).isEqualTo("event");
            switch (expected.outcome()) {
                case CREATED -> {
                    String caller = sample.at("/detail/userIdentity/arn").asText();
                    assertThat(created).isNotEmpty().allSatisfy(id -> assertThat(resources.tagsOf(id))
                            .containsEntry("owner", "team@example.com")
                            .containsEntry("created-by", caller)
                            .containsEntry("created-by-type", sample.at("/detail/userIdentity/type").asText())
                            .containsEntry("created-at", sample.at("/detail/eventTime").asText()));
                    assertThat(mutatingCalls()).containsExactly("CreateTags");
                }
                case RE_EVALUATED -> {
                    assertThat(created).isNotEmpty().allSatisfy(id -> assertThat(resources.tagsOf(id))
                            .containsOnlyKeys("owner").containsEntry("owner", "team@example.com"));
                    assertThat(mutatingCalls()).containsExactly("CreateTags");
                }
                case NOTHING_CREATED -> {
                    assertThat(report.at("/run/targets")).isEmpty();
                    assertThat(report.at("/counts/resourcesScanned").asInt()).isZero();
                    assertThat(moto.recordedActions()).as("a failed create call created nothing to look at").isEmpty();
                }
                default -> fail("not a tag outcome: " + expected.outcome());
            }
        }
    }

    /**
     * A snapshot notification: for a success, the snapshots it names are first taken for real as the plan
     * would have taken them (the emulator picks the ids, which replace the sample's); then the event goes
     * through the snapshot handler of a function serving the event's region.
     */
    private void snapshotEvent(String name, Expectation expected) throws IOException {
        String text = Files.readString(SampleEvents.awsDir().resolve(name));
        JsonNode sample = new ObjectMapper().readTree(text);
        String region = sample.path("region").asText();
        if (expected.outcome() == Outcome.REJECTED) {
            moto.startRecording();
            byte[] event = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> new SnapshotEventHandler(env(SNAPSHOTS, region), log())
                    .handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), Invocations.CONTEXT))
                    .isInstanceOf(UnsupportedEventException.class).hasMessageContaining(expected.messageFragment());
            assertThat(moto.recordedActions()).as("an event that is rejected makes no call at all").isEmpty();
            return;
        }
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            List<String> taken = new ArrayList<>();
            if (expected.outcome() == Outcome.COPIED) {
                var decoded = DECODER.snapshotJob(sample, SNAPSHOTS).jobResult().orElseThrow();
                for (var named : decoded.sources().entrySet()) {
                    String volume = snapshots.volume(Map.of("backup", "daily", "Name", "data"));
                    String snapshot = snapshots.snapshot(region, volume, Map.of("cloudwarden:plan", "daily",
                            "cloudwarden:window", "2026-03-11T03:00:00Z", "cloudwarden:volume", volume, "Name", "data"), "taken by the plan");
                    text = text.replace(named.getKey(), snapshot).replace(named.getValue(), volume);
                    taken.add(snapshot);
                }
            }
            moto.startRecording();

            JsonNode report = invoke(new SnapshotEventHandler(env(SNAPSHOTS, region), log()), text.getBytes(StandardCharsets.UTF_8));

            assertThat(report.at("/run/status").asText()).isEqualTo("complete");
            assertThat(report.at("/run/operation").asText()).isEqualTo(SNAPSHOTS);
            assertThat(report.at("/run/trigger").asText()).isEqualTo("event");
            switch (expected.outcome()) {
                case COPIED -> {
                    assertThat(snapshots.snapshots(SnapshotEstate.DR_REGION)).hasSize(taken.size())
                            .allSatisfy(copy -> assertThat(taken).contains(copy.tags().get("cloudwarden:copy-of")));
                    assertThat(mutatingCalls()).containsOnly("CopySnapshot").hasSize(taken.size());
                }
                case FAILURE_REPORTED -> {
                    assertThat(report.at("/findings")).isNotEmpty().allSatisfy(f -> {
                        assertThat(f.path("check").asText()).isEqualTo(expected.messageFragment());
                        assertThat(f.path("severity").asText()).isEqualTo("high");
                        assertThat(f.at("/evidence/cause").asText()).isEqualTo(sample.at("/detail/cause").asText());
                    });
                    assertThat(mutatingCalls()).isEmpty();
                }
                case NOTHING_TO_DO -> {
                    assertThat(report.at("/findings")).isEmpty();
                    assertThat(mutatingCalls()).isEmpty();
                }
                default -> fail("not a snapshot outcome: " + expected.outcome());
            }
        }
    }

    /**
     * A patch-baselines sample: the declared baseline is first made by a scheduled run, then someone makes the
     * change the sample records (with a plain SSM client, through the SSM gap server in front of moto), and the
     * event goes through the handler meant for it. The emulator's ids replace the sample's.
     */
    private void patchEvent(String name, Expectation expected) throws IOException {
        String text = Files.readString(SampleEvents.awsDir().resolve(name));
        JsonNode sample = new ObjectMapper().readTree(text);
        try (SsmGapServer gap = SsmGapServer.start(moto); SsmClient person = ssmClient(gap)) {
            Map<String, String> env = env(PATCHES, "us-east-1", gap.endpoint().toString());
            if (expected.outcome() == Outcome.REJECTED) {
                byte[] event = text.getBytes(StandardCharsets.UTF_8);
                RequestStreamHandler handler = name.contains("instance-state-change") ? new InstanceStateHandler(env, log())
                        : new CloudTrailEventHandler(env, log());
                assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), Invocations.CONTEXT))
                        .isInstanceOf(UnsupportedEventException.class).hasMessageContaining(expected.messageFragment());
                assertThat(gap.forwarded()).as("an event that is rejected makes no call at all").isEmpty();
                assertThat(gap.served()).isEmpty();
                return;
            }
            if (expected.outcome() == Outcome.INSTANCE_CHECKED) {
                String instance;
                try (ResourceEstate resources = new ResourceEstate(moto.endpoint())) {
                    instance = resources.instance(Map.of("Name", "new-web"));
                    gap.manage(instance, "Linux", "Amazon Linux");
                    JsonNode report = invoke(new InstanceStateHandler(env, log()),
                            text.replace(SAMPLE_INSTANCE, instance).getBytes(StandardCharsets.UTF_8));
                    assertThat(report.at("/run/status").asText()).isEqualTo("complete");
                    assertThat(report.at("/findings/0/check").asText()).isEqualTo("patches.instance-no-patch-group");
                    assertThat(resources.tagsOf(instance)).containsEntry("Patch Group", "web-servers");
                }
                return;
            }
            byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
            invoke(new ScheduledSweepHandler(env, log()), scheduled);
            String baseline = baselineNamed(person, "web-al2023").orElseThrow();
            String other = person.createPatchBaseline(r -> r.name("someone-elses").operatingSystem("AMAZON_LINUX_2023")
                    .approvedPatches("openssl")).baselineId();
            switch (sample.at("/detail/eventName").asText()) {
                case "UpdatePatchBaseline" -> person.updatePatchBaseline(r -> r.baselineId(baseline).rejectedPatches("kernel"));
                case "DeregisterPatchBaselineForPatchGroup" ->
                        person.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(baseline).patchGroup("web-servers"));
                case "RegisterDefaultPatchBaseline" -> person.registerDefaultPatchBaseline(r -> r.baselineId(other));
                case "DeletePatchBaseline" -> {
                    person.deregisterPatchBaselineForPatchGroup(r -> r.baselineId(baseline).patchGroup("web-servers"));
                    person.registerDefaultPatchBaseline(r -> r.baselineId(other));
                    person.deletePatchBaseline(r -> r.baselineId(baseline));
                }
                default -> fail("no drift set up for " + name);
            }
            int forwardedBefore = gap.forwarded().size();
            int servedBefore = gap.served().size();
            String event = text.replace(SAMPLE_BASELINE, baseline).replace(SAMPLE_OTHER_BASELINE, other);

            JsonNode report = invoke(new CloudTrailEventHandler(env, log()), event.getBytes(StandardCharsets.UTF_8));

            assertThat(report.at("/run/status").asText()).isEqualTo("complete");
            assertThat(report.at("/run/operation").asText()).isEqualTo(PATCHES);
            List<String> calls = new ArrayList<>(gap.forwarded().subList(forwardedBefore, gap.forwarded().size()));
            calls.addAll(gap.served().subList(servedBefore, gap.served().size()));
            switch (expected.outcome()) {
                case PATCH_REVERTED -> {
                    String now = baselineNamed(person, "web-al2023").orElseThrow();
                    var content = person.getPatchBaseline(r -> r.baselineId(now));
                    assertThat(content.rejectedPatches()).isEmpty();
                    assertThat(content.patchGroups()).containsExactly("web-servers");
                    assertThat(content.approvalRules().patchRules()).singleElement()
                            .satisfies(rule -> assertThat(rule.approveAfterDays()).isEqualTo(7));
                    assertThat(person.getDefaultPatchBaseline(r -> r.operatingSystem("AMAZON_LINUX_2023")).baselineId()).endsWith(now);
                    assertThat(report.at("/findings")).isNotEmpty().allSatisfy(f -> assertThat(f.at("/evidence/changedBy").asText())
                            .isEqualTo(sample.at("/detail/userIdentity/arn").asText()));
                    assertThat(calls).as("the revert wrote").containsAnyElementsOf(SSM_WRITES);
                }
                case OWN_CHANGE -> {
                    assertThat(report.at("/findings")).isEmpty();
                    assertThat(calls).as("cloudwarden's own change: nothing is read or written").isEmpty();
                }
                case NOTHING_CHANGED -> {
                    assertThat(report.at("/run/targets")).isEmpty();
                    assertThat(calls).as("a failed call changed nothing to look at").isEmpty();
                }
                default -> fail("not a patch outcome: " + expected.outcome());
            }
        }
    }

    private static Optional<String> baselineNamed(SsmClient ssm, String name) {
        return ssm.describePatchBaselines(r -> r.filters(f -> f.key("OWNER").values("Self"))).baselineIdentities().stream()
                .filter(b -> b.baselineName().equals(name)).map(b -> b.baselineId()).findFirst();
    }

    private static SsmClient ssmClient(SsmGapServer gap) {
        return SsmClient.builder().region(Region.of("us-east-1")).endpointOverride(gap.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("someone", "someone"))).build();
    }

    /**
     * EventBridge may deliver a scheduled event more than once, retry a failed invocation, or someone replays
     * it: whatever the count, one snapshot per volume and window. The schedule fires once a year here, so
     * the three invocations, on the real clock, share a window whenever the test runs.
     */
    @Test
    void theSameScheduledEventThreeTimes_takesOneSnapshotPerVolume() throws IOException {
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        Map<String, String> env = new java.util.HashMap<>(env(SNAPSHOTS));
        env.put("CLOUDWARDEN_POLICY", POLICY.replace("cron(0 3 * * ? *)", "cron(0 0 1 1 ? *)"));
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            String data = snapshots.volume(Map.of("backup", "daily"));
            String logs = snapshots.volume(Map.of("backup", "daily"));
            ScheduledSweepHandler handler = new ScheduledSweepHandler(env, log());
            moto.startRecording();

            List<JsonNode> reports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                reports.add(invoke(handler, scheduled));
            }

            assertThat(reports).allSatisfy(r -> assertThat(r.at("/run/status").asText()).isEqualTo("complete"));
            assertThat(snapshots.snapshots(SnapshotEstate.REGION)).extracting(SnapshotEstate.SnapshotView::volumeId)
                    .containsExactlyInAnyOrder(data, logs);
            assertThat(snapshots.snapshots(SnapshotEstate.DR_REGION)).hasSize(2);
            assertThat(moto.recordedActions().stream().filter(a -> a.equals("CreateSnapshot") || a.equals("CopySnapshot")))
                    .containsExactlyInAnyOrder("CreateSnapshot", "CreateSnapshot", "CopySnapshot", "CopySnapshot");
        }
    }

    /**
     * The window comes from the schedule, not from the clock of the machine that handles the delivery: the sample fired
     * at 2026-03-10T06:00:00Z, so the daily 03:00 plan takes that day's window whenever the test runs, and the report
     * names it.
     */
    @Test
    void aScheduledEventsTime_picksTheWindow_howeverLateItIsDelivered() throws IOException {
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            String data = snapshots.volume(Map.of("backup", "daily"));

            JsonNode report = invoke(new ScheduledSweepHandler(env(SNAPSHOTS), log()), scheduled);

            assertThat(report.at("/run/windows/0/start").asText()).isEqualTo("2026-03-10T03:00:00Z");
            assertThat(report.at("/run/windows/0/end").asText()).isEqualTo("2026-03-11T03:00:00Z");
            assertThat(snapshots.snapshots(SnapshotEstate.REGION)).singleElement().satisfies(s -> {
                assertThat(s.volumeId()).isEqualTo(data);
                assertThat(s.tags()).containsEntry("cloudwarden:window", "2026-03-10T03:00:00Z");
            });
        }
    }

    /** A schedule's event stands for a firing that happened: one from the future is refused before any call. */
    @Test
    void aScheduledEventForAFiringStillToCome_failsTheInvocation_withNothingCalled() throws IOException {
        String inAWeek = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] scheduled = Files.readString(SampleEvents.awsDir().resolve("scheduled-sweep.json"))
                .replace("2026-03-10T06:00:00Z", inAWeek).getBytes(StandardCharsets.UTF_8);
        moto.startRecording();

        assertThatThrownBy(() -> new ScheduledSweepHandler(env(SNAPSHOTS), log())
                .handleRequest(new ByteArrayInputStream(scheduled), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("names a firing at " + inAWeek)
                .hasMessageContaining("has not happened yet");
        assertThat(moto.recordedActions()).isEmpty();
    }

    /** An invocation whose time is nearly up starts no change it could not finish, and fails so that it is retried. */
    @Test
    void anInvocationOutOfTime_startsNoSnapshot_andFailsForTheRetry() throws IOException {
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            snapshots.volume(Map.of("backup", "daily"));
            moto.startRecording();

            assertThatThrownBy(() -> new ScheduledSweepHandler(env(SNAPSHOTS), log())
                    .handleRequest(new ByteArrayInputStream(scheduled), new ByteArrayOutputStream(), Invocations.LambdaContext.withRemaining(0)))
                    .isInstanceOf(RunIncompleteException.class).hasMessageContaining("not started before the deadline");
            assertThat(moto.recordedActions()).doesNotContain("CreateSnapshot", "CopySnapshot");
            assertThat(snapshots.snapshots(SnapshotEstate.REGION)).isEmpty();
        }
    }

    @Test
    void aCreateVolumeEvent_reportsWhetherSomePlanCoversTheNewVolume() throws IOException {
        String text = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-create-volume.json"));
        try (SnapshotEstate snapshots = new SnapshotEstate(moto.endpoint())) {
            String covered = snapshots.volume(Map.of("backup", "daily"));
            String bare = snapshots.volume(Map.of());
            moto.startRecording();

            JsonNode yes = invoke(new CloudTrailEventHandler(env(SNAPSHOTS), log()),
                    text.replace("vol-0c5d7e9f1a3b5c7d9", covered).getBytes(StandardCharsets.UTF_8));
            JsonNode no = invoke(new CloudTrailEventHandler(env(SNAPSHOTS), log()),
                    text.replace("vol-0c5d7e9f1a3b5c7d9", bare).getBytes(StandardCharsets.UTF_8));

            assertThat(yes.at("/findings/0/check").asText()).isEqualTo("snapshots.volume-covered");
            assertThat(yes.at("/findings/0/evidence/plans/0").asText()).isEqualTo("daily");
            assertThat(no.at("/findings/0/check").asText()).isEqualTo("snapshots.volume-unprotected");
            assertThat(no.at("/findings/0/resource/id").asText()).isEqualTo(bare);
            assertThat(mutatingCalls()).as("coverage is reported, nothing is changed").isEmpty();
        }
    }

    @Test
    void theSnapshotHandler_rejectsCloudTrailAndScheduledEvents_andOtherOperationsRejectNotifications() throws IOException {
        byte[] cloudTrail = Files.readAllBytes(SampleEvents.awsDir().resolve("cloudtrail-create-volume.json"));
        byte[] notification = Files.readAllBytes(SampleEvents.awsDir().resolve("ebs-create-snapshot-succeeded.json"));
        moto.startRecording();

        assertThatThrownBy(() -> new SnapshotEventHandler(env(SNAPSHOTS), log())
                .handleRequest(new ByteArrayInputStream(cloudTrail), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("accepts 'EBS Snapshot Notification'");
        assertThatThrownBy(() -> new SnapshotEventHandler(env(TAGS), log())
                .handleRequest(new ByteArrayInputStream(notification), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("only the snapshot-lifecycle function");
        assertThatThrownBy(() -> new CloudTrailEventHandler(env(SNAPSHOTS), log())
                .handleRequest(new ByteArrayInputStream(notification), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("accepts 'AWS API Call via CloudTrail'");
        assertThat(moto.recordedActions()).isEmpty();
    }

    private void assertRejected(byte[] event, String operation, String messageFragment) {
        for (RequestStreamHandler handler : List.of(new CloudTrailEventHandler(env(operation), log()),
                new ScheduledSweepHandler(env(operation), log()), new EventBridgeHandler(env(operation), log()))) {
            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), Invocations.CONTEXT))
                    .isInstanceOf(UnsupportedEventException.class);
        }
        assertThatThrownBy(() -> new CloudTrailEventHandler(env(operation), log())
                .handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .hasMessageContaining(messageFragment);
        assertThat(moto.recordedActions()).as("an event that is rejected makes no call at all").isEmpty();
    }

    /**
     * The handler Terraform deploys decodes each sample, for each operation, exactly as the one specific handler
     * that accepts it does, and rejects what none of them accepts.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void theEventBridgeHandler_decodesEachSampleAsTheHandlerMadeForIt(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(SampleEvents.awsDir().resolve(name));
        JsonNode event;
        try {
            event = AwsEvents.JSON.parse(new ByteArrayInputStream(bytes));
        } catch (UnsupportedEventException e) {
            assertThatThrownBy(() -> new EventBridgeHandler(env(SG), log())
                    .handleRequest(new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), Invocations.CONTEXT))
                    .isInstanceOf(UnsupportedEventException.class);
            return;
        }
        for (String operation : List.of(SG, TAGS, SNAPSHOTS, PATCHES)) {
            List<DecodedEvent> accepted = new ArrayList<>();
            for (java.util.function.BiFunction<JsonNode, String, DecodedEvent> specific : List.<java.util.function.BiFunction<JsonNode, String, DecodedEvent>>of(
                    (e, op) -> DECODER.scheduled(e), DECODER::cloudTrail, DECODER::snapshotJob, DECODER::instanceStateChange)) {
                try {
                    accepted.add(specific.apply(event, operation));
                } catch (UnsupportedEventException rejected) {
                    // this handler is not the one for the event
                }
            }
            assertThat(accepted).as("%s for %s: no two handlers accept one event", name, operation).hasSizeLessThanOrEqualTo(1);
            if (accepted.isEmpty()) {
                assertThatThrownBy(() -> DECODER.decode(event, operation)).as("%s for %s", name, operation)
                        .isInstanceOf(UnsupportedEventException.class);
            } else {
                assertThat(DECODER.decode(event, operation)).as("%s for %s", name, operation).isEqualTo(accepted.get(0));
            }
        }
    }

    @Test
    void theEventBridgeHandler_sweepsOnASchedulersEvent_andEvaluatesOneGroupOnACloudTrailCall() throws IOException {
        String target = estate.group("target", Map.of(), tcp(22, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"));
        String other = estate.group("other", Map.of(), tcp(3389, "0.0.0.0/0"));
        EventBridgeHandler handler = new EventBridgeHandler(env(SG), log());
        byte[] call = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"))
                .replace(SampleEvents.SAMPLE_GROUP_ID, target).getBytes(StandardCharsets.UTF_8);

        JsonNode evaluated = invoke(handler, call);
        assertThat(evaluated.at("/run/trigger").asText()).isEqualTo("event");
        assertThat(estate.ingress(target)).containsExactly("tcp 443 from 0.0.0.0/0");
        assertThat(estate.ingress(other)).as("a group the call does not name").containsExactly("tcp 3389 from 0.0.0.0/0");

        JsonNode swept = invoke(handler, Files.readAllBytes(SampleEvents.awsDir().resolve("scheduler-sweep.json")));
        assertThat(swept.at("/run/trigger").asText()).isEqualTo("schedule");
        assertThat(estate.ingress(other)).isEmpty();
    }

    /**
     * With {@code action: narrow}, the open rule is replaced by the same protocol and ports from {@code narrowTo}:
     * granted first, then the open rule revoked; a rule that exposes nothing stays as it was.
     */
    @Test
    void aSweepWithNarrowRemediation_replacesTheInternetByNarrowTo_andLeavesSafeRulesAlone() throws IOException {
        String open = estate.group("open", Map.of(), tcp(22, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"));
        String inside = estate.group("inside", Map.of(), tcp(3306, "10.0.0.0/8"));
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        Map<String, String> env = new java.util.HashMap<>(env(SG));
        env.put("CLOUDWARDEN_POLICY", """
                version: 1
                cloud: aws
                securityGroupAudit:
                  remediation:
                    action: narrow
                    narrowTo: [10.0.0.0/8]
                """);
        moto.startRecording();

        JsonNode report = invoke(new ScheduledSweepHandler(env, log()), scheduled);

        assertThat(report.at("/run/status").asText()).isEqualTo("complete");
        assertThat(report.at("/run/trigger").asText()).isEqualTo("schedule");
        assertThat(estate.ingress(open)).containsExactly("tcp 22 from 10.0.0.0/8", "tcp 443 from 0.0.0.0/0");
        assertThat(estate.ingress(inside)).as("a group that exposes nothing").containsExactly("tcp 3306 from 10.0.0.0/8");
        assertThat(report.at("/findings")).singleElement().satisfies(f -> {
            assertThat(f.path("check").asText()).isEqualTo("firewall.ingress-open-to-internet");
            assertThat(f.at("/resource/id").asText()).isEqualTo(open);
            assertThat(f.at("/action/kind").asText()).isEqualTo("narrow-ingress-rule");
            assertThat(f.at("/action/status").asText()).isEqualTo("applied");
            assertThat(f.at("/action/reason").asText()).startsWith("replaced rule ingress:tcp:22:22:0.0.0.0/0 ").contains("10.0.0.0/8");
        });
        assertThat(mutatingCalls()).as("granted first, then revoked")
                .containsExactly("AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress");
    }

    /**
     * {@code publicCidrs} may name a managed prefix list: its entries, read once at the start of the run (before any
     * group), count as the internet, so a rule from one of its addresses is revoked.
     */
    @Test
    void aPolicyNamingAPrefixListInPublicCidrs_treatsItsEntriesAsTheInternet() throws IOException {
        String partners = estate.prefixList("partners", "198.51.100.0/24");
        String group = estate.group("from-partners", Map.of(), tcp(22, "198.51.100.7/32"), tcp(22, "10.0.0.0/8"));
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        Map<String, String> env = new java.util.HashMap<>(env(SG));
        env.put("CLOUDWARDEN_POLICY", """
                version: 1
                cloud: aws
                securityGroupAudit:
                  publicCidrs: [%s]
                  remediation:
                    action: revoke
                """.formatted(partners));
        moto.startRecording();

        JsonNode report = invoke(new ScheduledSweepHandler(env, log()), scheduled);

        assertThat(report.at("/run/status").asText()).isEqualTo("complete");
        assertThat(estate.ingress(group)).containsExactly("tcp 22 from 10.0.0.0/8");
        assertThat(moto.recordedActions()).startsWith("GetManagedPrefixListEntries", "DescribeSecurityGroups")
                .containsOnlyOnce("GetManagedPrefixListEntries");
    }

    /** A policy written with an old name still starts the function, which logs one warning line naming the field. */
    @Test
    void aPolicyWithAnOldName_startsTheFunction_andLogsAPolicyWarning() {
        Map<String, String> env = new java.util.HashMap<>(env(SG));
        env.put("CLOUDWARDEN_POLICY", "version: 1\ncloud: aws\nsecurityGroupAudit:\n  blastRadius: {maxGroups: 3}\n");

        new EventBridgeHandler(env, log());

        assertThat(Invocations.logLines(logs)).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("type").asText()).isEqualTo("policy-warning");
            assertThat(line.at("/warnings/0/field").asText()).isEqualTo("securityGroupAudit.blastRadius.maxGroups");
            assertThat(line.at("/warnings/0/line").asInt()).isEqualTo(4);
            assertThat(line.at("/warnings/0/warning").asText()).startsWith("deprecated: write maxChanges");
        });
    }

    /** A mistyped CLOUDWARDEN_DRY_RUN must not quietly mean "change things": the function refuses to start. */
    @Test
    void aDryRunSettingThatIsNeitherTrueNorFalse_isRefusedAtStart() {
        Map<String, String> typo = new java.util.HashMap<>(env(SG));
        typo.put("CLOUDWARDEN_DRY_RUN", "ture");
        assertThatThrownBy(() -> new EventBridgeHandler(typo, log()))
                .isInstanceOf(IllegalStateException.class).hasMessage("CLOUDWARDEN_DRY_RUN must be true or false, not 'ture'");
    }

    @Test
    void theSweepHandler_rejectsACloudTrailEvent_andTheCloudTrailHandler_aScheduledOne() throws IOException {
        byte[] cloudTrail = Files.readAllBytes(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"));
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));

        assertThatThrownBy(() -> new ScheduledSweepHandler(env(), log())
                .handleRequest(new ByteArrayInputStream(cloudTrail), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("accepts 'Scheduled Event' from 'aws.events'");
        assertThatThrownBy(() -> new CloudTrailEventHandler(env(), log())
                .handleRequest(new ByteArrayInputStream(scheduled), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("accepts 'AWS API Call via CloudTrail'");
    }

    @Test
    void logsOneJsonLinePerFinding_thenOneRunLine() throws IOException {
        estate.group("open", Map.of(), tcp(22, "0.0.0.0/0"), tcp(3389, "0.0.0.0/0"));
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));

        JsonNode report = invoke(new ScheduledSweepHandler(env(), log()), scheduled);

        List<JsonNode> lines = logs.toString(StandardCharsets.UTF_8).lines().map(HandlerEventsTest::json).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).allSatisfy(line -> {
            assertThat(line.path("type").asText()).isEqualTo("finding");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.at("/finding/check").asText()).isEqualTo("firewall.ingress-open-to-internet");
            assertThat(line.path("runId").asText()).isEqualTo(report.at("/run/id").asText());
        });
        assertThat(lines.get(2).path("type").asText()).isEqualTo("run");
        assertThat(lines.get(2).at("/counts/findings").asInt()).isEqualTo(2);
        assertThat(lines.get(2).at("/apiCalls/total").asInt()).isEqualTo(report.at("/apiCalls/total").asInt());
    }

    @Test
    void aRunTheGuardRefuses_failsTheInvocation_andChangesNothing() throws IOException {
        String open = estate.group("open", Map.of(), tcp(22, "0.0.0.0/0"));
        byte[] scheduled = Files.readAllBytes(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("CLOUDWARDEN_POLICY", POLICY.replace("    action: revoke\n", "    action: revoke\n  blastRadius:\n    maxChanges: 0\n"));

        assertThatThrownBy(() -> new ScheduledSweepHandler(env, log())
                .handleRequest(new ByteArrayInputStream(scheduled), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(RunIncompleteException.class).hasMessageContaining("refused");
        assertThat(estate.ingress(open)).containsExactly("tcp 22 from 0.0.0.0/0");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"level\":\"ERROR\",\"type\":\"run\"");
    }

    @Test
    void anEventFromAnotherRegion_isRejectedBeforeAnyCall() throws IOException {
        byte[] scheduled = Files.readString(SampleEvents.awsDir().resolve("scheduled-sweep.json"))
                .replace("\"region\": \"us-east-1\"", "\"region\": \"eu-west-1\"").getBytes(StandardCharsets.UTF_8);
        moto.startRecording();

        assertThatThrownBy(() -> new ScheduledSweepHandler(env(), log())
                .handleRequest(new ByteArrayInputStream(scheduled), new ByteArrayOutputStream(), Invocations.CONTEXT))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("is for region eu-west-1");
        assertThat(moto.recordedActions()).isEmpty();
    }

    private static JsonNode json(String line) {
        return Invocations.json(line);
    }

    private static JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        return Invocations.invoke(handler, event);
    }

    private List<String> mutatingCalls() {
        // GetManagedPrefixListEntries reads the prefix lists the groups reference
        return moto.recordedActions().stream().filter(a -> !a.startsWith("Describe") && !a.startsWith("Get")).toList();
    }

    private Map<String, String> env() {
        return env(SG);
    }

    private Map<String, String> env(String operation) {
        return env(operation, "us-east-1");
    }

    private Map<String, String> env(String operation, String region) {
        return env(operation, region, moto.endpoint().toString());
    }

    private Map<String, String> env(String operation, String region, String endpoint) {
        return Map.of("CLOUDWARDEN_POLICY", POLICY, "CLOUDWARDEN_OPERATION", operation, "AWS_REGION", region,
                "CLOUDWARDEN_ENDPOINT", endpoint);
    }

    private PrintStream log() {
        return new PrintStream(logs, true, StandardCharsets.UTF_8);
    }
}
