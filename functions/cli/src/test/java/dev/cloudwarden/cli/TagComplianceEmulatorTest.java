package dev.cloudwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.catalog.PolicyLoader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.testing.ReportSchema;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Tag compliance end to end: the real engine ({@link LocalAudit}) with the real AWS provider against moto.
 * What each run left behind is read back through each service's own API ({@link ResourceEstate#tagsOf},
 * {@link ResourceEstate#instanceState}); what it sent is read from the run's own count and from moto's
 * request recorder, two witnesses that do not share code.
 */
@ExtendWith(MotoExtension.class)
class TagComplianceEmulatorTest {
    private static final Instant T = Instant.parse("2026-11-25T09:00:00Z");
    private static final String MARK = "cloudwarden:marked-for-op";
    /** What run 1 at {@link #T} writes: stop three days later. */
    private static final String PENDING = "stop@2026-11-28T09:00:00Z";
    private static final String EVERY_TYPE = "[ec2:instance, ec2:volume, ec2:snapshot, ec2:image, ec2:security-group, sns:topic]";
    private static final String GENEROUS = "{maxChanges: 1000, maxStops: 10}";
    private static final Map<String, String> DEFAULTS = Map.of("owner", "platform-team", "env", "dev");
    /** Every call that changes the estate or tells someone, as the run counts them … */
    private static final Set<String> WRITES = Set.of("ec2:CreateTags", "ec2:DeleteTags", "tag:TagResources",
            "tag:UntagResources", "ec2:StopInstances", "sns:Publish");
    /** … and as moto records them. */
    private static final Set<String> RECORDED_WRITES = Set.of("CreateTags", "DeleteTags", "TagResources",
            "UntagResources", "StopInstances", "Publish");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoServer moto;
    private ResourceEstate estate;
    private ProviderConfig config;

    TagComplianceEmulatorTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new ResourceEstate(moto.endpoint());
        config = ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint());
    }

    @AfterEach
    void disconnect() {
        estate.close();
    }

    /**
     * Every resource needs an owner and an env (prod or dev), both with defaults; an instance also needs a
     * cost-center, which nothing can guess: an instance without one is marked, then stopped three days later.
     */
    private static Policy policy(String resourceTypes, String blastRadius, String more) {
        String section = """
                resourceTypes: %s
                required:
                  - key: owner
                    default: platform-team
                  - key: env
                    allowed: [prod, dev]
                    default: dev
                  - key: cost-center
                    pattern: "cc-[0-9]+"
                    resourceTypes: [ec2:instance]
                remediation:
                  addDefaults: true
                  fixCase: true
                  markForOp: {action: stop, after: 3d, resourceTypes: [ec2:instance]}
                blastRadius: %s
                """.formatted(resourceTypes, blastRadius) + more;
        return PolicyLoader.parse("version: 1\ncloud: aws\nregion: us-east-1\ntagCompliance:\n" + section.indent(2), "test policy");
    }

    private static final Policy EVERYTHING = policy(EVERY_TYPE, GENEROUS, "");
    private static final Policy INSTANCES = policy("[ec2:instance]", GENEROUS, "");

    private RunReport run(Policy policy, boolean dryRun, Instant now) {
        return run(policy, RunRequest.sweep(Trigger.SCHEDULE, dryRun), now);
    }

    private RunReport run(Policy policy, RunRequest request, Instant now) {
        RunReport report = LocalAudit.run(policy, TagCompliance.OPERATION, config, request, Clock.fixed(now, ZoneOffset.UTC));
        ReportSchema.assertValid(ReportJson.toJson(report, false));
        return report;
    }

    /** The run's own count of the calls that write, by operation. */
    private static Map<String, Long> writesCounted(RunReport report) {
        return report.apiCalls().byOperation().entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Moto's record of the calls that write since {@link MotoServer#startRecording()}. */
    private List<String> writesRecorded() {
        return moto.recordedOperations().stream().filter(RECORDED_WRITES::contains).toList();
    }

    private static Set<String> resourcesWithFindings(RunReport report) {
        return report.findings().stream().map(f -> f.resource().id()).collect(Collectors.toSet());
    }

    private Map<String, Map<String, String>> tagsOf(Iterable<String> ids) {
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        ids.forEach(id -> tags.put(id, estate.tagsOf(id)));
        return tags;
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> more = new HashMap<>(tags);
        more.put(key, value);
        return more;
    }

    // --- the mixed estate ---

    /** One resource the test seeded: the tags it was given, whether the policy accepts them, and the tags a real run leaves. */
    private record Seeded(String id, Map<String, String> tags, boolean compliant, Map<String, String> afterApply) {
        static Seeded ok(String id, Map<String, String> tags) {
            return new Seeded(id, tags, true, tags);
        }

        static Seeded fixedTo(String id, Map<String, String> tags, Map<String, String> afterApply) {
            return new Seeded(id, tags, false, afterApply);
        }
    }

    /** Every kind of resource the policy sweeps: compliant, never tagged, mis-cased, with a wrong value. */
    private Map<String, Seeded> seedMixedEstate() {
        Map<String, Seeded> s = new LinkedHashMap<>();
        Map<String, String> web = Map.of("Name", "web", "owner", "alice", "env", "prod", "cost-center", "cc-100");
        s.put("web", Seeded.ok(estate.instance(web), web));
        s.put("bare", Seeded.fixedTo(estate.instance(Map.of()), Map.of(), with(DEFAULTS, MARK, PENDING)));
        Map<String, String> cased = Map.of("Owner", "bob", "env", "dev", "cost-center", "cc-200");
        s.put("cased", Seeded.fixedTo(estate.instance(cased), cased, Map.of("owner", "bob", "env", "dev", "cost-center", "cc-200")));
        Map<String, String> wrong = Map.of("owner", "carol", "env", "production", "cost-center", "cc-300");
        s.put("wrong", Seeded.fixedTo(estate.instance(wrong), wrong, with(wrong, MARK, PENDING)));

        Map<String, String> data = Map.of("owner", "dave", "env", "prod");
        s.put("data", Seeded.ok(estate.volume(data), data));
        s.put("scratch", Seeded.fixedTo(estate.volume(Map.of()), Map.of(), DEFAULTS));
        Map<String, String> staging = Map.of("owner", "erin", "env", "staging");
        s.put("staging", Seeded.fixedTo(estate.volume(staging), staging, staging)); // wrong value, volumes not marked

        Map<String, String> backup = Map.of("owner", "dave", "env", "dev");
        s.put("backup", Seeded.ok(estate.snapshot(backup), backup));
        Map<String, String> shouting = Map.of("owner", "dave", "ENV", "prod");
        s.put("shouting", Seeded.fixedTo(estate.snapshot(shouting), shouting, Map.of("owner", "dave", "env", "prod")));
        s.put("blank-snap", Seeded.fixedTo(estate.snapshot(Map.of()), Map.of(), DEFAULTS));

        Map<String, String> golden = Map.of("owner", "frank", "env", "prod");
        s.put("golden", Seeded.ok(estate.image(golden), golden));
        Map<String, String> raw = Map.of("env", "dev");
        s.put("raw-image", Seeded.fixedTo(estate.image(raw), raw, Map.of("env", "dev", "owner", "platform-team")));

        Map<String, String> guarded = Map.of("owner", "gina", "env", "prod");
        s.put("sg-ok", Seeded.ok(estate.securityGroup("guarded", guarded), guarded));
        s.put("sg-bare", Seeded.fixedTo(estate.securityGroup("bare", Map.of()), Map.of(), DEFAULTS));
        Map<String, String> titled = Map.of("Owner", "hal", "Env", "dev");
        s.put("sg-cased", Seeded.fixedTo(estate.securityGroup("titled", titled), titled, Map.of("owner", "hal", "env", "dev")));

        Map<String, String> alerts = Map.of("owner", "ivan", "env", "prod");
        s.put("alerts", Seeded.ok(estate.topic("alerts", alerts), alerts));
        Map<String, String> billing = Map.of("owner", "judy", "env", "qa");
        s.put("billing", Seeded.fixedTo(estate.topic("billing", billing), billing, billing)); // wrong value, through the Tagging API
        Map<String, String> ops = Map.of("owner", "kim");
        s.put("ops", Seeded.fixedTo(estate.topic("ops", ops), ops, Map.of("owner", "kim", "env", "dev")));
        return s;
    }

    /**
     * The EC2 resources the test did not seed itself, read through EC2: the volume, snapshots and AMI the estate
     * makes to launch instances from, the instances' root volumes, the default VPC's security group.
     */
    private Set<String> notSeeded(Map<String, Seeded> seeded) {
        Ec2Client ec2 = estate.ec2();
        Set<String> all = new HashSet<>();
        ec2.describeInstancesPaginator(r -> r.maxResults(1000)).reservations()
                .forEach(rv -> rv.instances().forEach(i -> all.add(i.instanceId())));
        ec2.describeVolumesPaginator(r -> r.maxResults(500)).volumes().forEach(v -> all.add(v.volumeId()));
        ec2.describeSnapshotsPaginator(r -> r.ownerIds("self")).snapshots().forEach(sn -> all.add(sn.snapshotId()));
        ec2.describeImagesPaginator(r -> r.owners("self")).images().forEach(i -> all.add(i.imageId()));
        ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups().forEach(g -> all.add(g.groupId()));
        seeded.values().forEach(sd -> all.remove(sd.id()));
        return all;
    }

    @Test
    void aDryRunListsExactlyTheNonCompliantResources_everyKind_andChangesNothing() {
        Map<String, Seeded> seeded = seedMixedEstate();
        Set<String> own = notSeeded(seeded);
        // never tagged, so each lacks owner and env: without them the expectation below would be wrong
        assertThat(own).hasSizeGreaterThanOrEqualTo(5).allSatisfy(id -> assertThat(estate.tagsOf(id)).as(id).isEmpty());
        Set<String> expected = new HashSet<>(own);
        seeded.values().stream().filter(sd -> !sd.compliant()).forEach(sd -> expected.add(sd.id()));
        List<String> everything = Stream.concat(seeded.values().stream().map(Seeded::id), own.stream()).toList();
        Map<String, Map<String, String>> before = tagsOf(everything);
        moto.startRecording();

        RunReport report = run(EVERYTHING, true, T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.resourcesScanned()).isEqualTo(everything.size());
        assertThat(resourcesWithFindings(report)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tagsOf(everything)).isEqualTo(before);
        assertThat(writesCounted(report)).isEmpty();
        List<String> recorded = moto.recordedOperations();
        assertThat(recorded).as("the recorder saw the run").contains("DescribeInstances", "DescribeImages", "GetResources");
        assertThat(recorded).noneMatch(RECORDED_WRITES::contains);
    }

    @Test
    void aRealRunFixesExactlyWhatThePolicyAllows_andASecondRunWritesNothing() {
        Map<String, Seeded> seeded = seedMixedEstate();
        Set<String> own = notSeeded(seeded);
        moto.startRecording();

        RunReport report = run(EVERYTHING, false, T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        seeded.forEach((name, sd) -> assertThat(estate.tagsOf(sd.id())).as(name).isEqualTo(sd.afterApply()));
        own.forEach(id -> assertThat(estate.tagsOf(id)).as(id).isEqualTo(DEFAULTS));
        for (String instance : List.of("web", "bare", "cased", "wrong")) {
            assertThat(estate.instanceState(seeded.get(instance).id())).as(instance).isEqualTo("running");
        }
        // one write per distinct change: {owner, env, mark} bare · owner=bob cased · {mark} wrong · env=prod shouting ·
        // owner=platform-team raw-image · the defaults on scratch, blank-snap, sg-bare and every resource not seeded ·
        // owner=hal, env=dev sg-cased; ops through the Tagging API; the old spellings removed in three sets
        assertThat(writesCounted(report)).isEqualTo(Map.of("ec2:CreateTags", 7L, "tag:TagResources", 1L, "ec2:DeleteTags", 3L));
        assertThat(writesRecorded()).containsExactlyInAnyOrder("CreateTags", "CreateTags", "CreateTags", "CreateTags",
                "CreateTags", "CreateTags", "CreateTags", "TagResources", "DeleteTags", "DeleteTags", "DeleteTags");

        moto.startRecording();
        RunReport again = run(EVERYTHING, false, T.plus(Duration.ofHours(1)));

        assertThat(again.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(writesCounted(again)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
        // what no fix can reach is still reported: a wrong value, an instance still lacking its cost-center
        assertThat(resourcesWithFindings(again)).containsExactlyInAnyOrder(seeded.get("bare").id(), seeded.get("wrong").id(),
                seeded.get("staging").id(), seeded.get("billing").id());
    }

    @Test
    void fourHundredFiftyInstancesNeedingTheSameDefault_takeThreeCreateTagsCalls() {
        List<String> ids = estate.instances(450, Map.of("owner", "team-a", "cost-center", "cc-1"));
        moto.startRecording();

        RunReport report = run(INSTANCES, false, T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(writesCounted(report)).isEqualTo(Map.of("ec2:CreateTags", 3L));
        assertThat(moto.recordedRequests()).filteredOn(body -> body.contains("Action=CreateTags"))
                .extracting(body -> body.split("ResourceId\\.", -1).length - 1)
                .containsExactlyInAnyOrder(200, 200, 50);
        for (String id : List.of(ids.getFirst(), ids.get(199), ids.get(200), ids.getLast())) {
            assertThat(estate.tagsOf(id)).as(id).isEqualTo(Map.of("owner", "team-a", "cost-center", "cc-1", "env", "dev"));
        }

        moto.startRecording();
        RunReport again = run(INSTANCES, false, T);

        assertThat(again.findings()).isEmpty();
        assertThat(writesCounted(again)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
    }

    @Test
    void markForOp_stopsOnlyTheInstanceStillUnfixedWhenDue_andUnmarksTheFixedOne() {
        Map<String, String> noCostCenter = Map.of("owner", "team-a", "env", "prod");
        String unfixed = estate.instance(noCostCenter);
        String fixedLater = estate.instance(noCostCenter);
        String compliant = estate.instance(with(noCostCenter, "cost-center", "cc-1"));

        RunReport marking = run(INSTANCES, false, T);

        assertThat(marking.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(estate.tagsOf(unfixed)).isEqualTo(with(noCostCenter, MARK, PENDING));
        assertThat(estate.tagsOf(fixedLater)).isEqualTo(with(noCostCenter, MARK, PENDING));
        assertThat(writesCounted(marking)).isEqualTo(Map.of("ec2:CreateTags", 1L));

        moto.startRecording();
        RunReport dayAfter = run(INSTANCES, false, T.plus(Duration.ofDays(1)));

        assertThat(dayAfter.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(writesCounted(dayAfter)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
        assertThat(estate.tagsOf(unfixed)).containsEntry(MARK, PENDING);
        assertThat(List.of(unfixed, fixedLater, compliant)).allSatisfy(id -> assertThat(estate.instanceState(id)).isEqualTo("running"));

        estate.ec2().createTags(r -> r.resources(fixedLater).tags(t -> t.key("cost-center").value("cc-2")));
        Instant due = T.plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
        moto.startRecording();
        RunReport acting = run(INSTANCES, false, due);

        assertThat(acting.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(estate.instanceState(unfixed)).isEqualTo("stopped");
        assertThat(estate.instanceState(fixedLater)).isEqualTo("running");
        assertThat(estate.instanceState(compliant)).isEqualTo("running");
        assertThat(estate.tagsOf(unfixed)).isEqualTo(with(noCostCenter, MARK, "stop-done@2026-11-28T10:00:00Z"));
        assertThat(estate.tagsOf(fixedLater)).isEqualTo(with(noCostCenter, "cost-center", "cc-2"));
        assertThat(writesCounted(acting)).isEqualTo(Map.of("ec2:StopInstances", 1L, "ec2:CreateTags", 1L, "ec2:DeleteTags", 1L));
        assertThat(moto.recordedRequests()).filteredOn(body -> body.contains("Action=StopInstances")).singleElement()
                .satisfies(body -> assertThat(body).contains("InstanceId.1=" + unfixed).doesNotContain("InstanceId.2"));

        moto.startRecording();
        RunReport later = run(INSTANCES, false, due.plus(Duration.ofDays(1)));

        assertThat(writesCounted(later)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
        assertThat(estate.instanceState(fixedLater)).isEqualTo("running");
        assertThat(estate.tagsOf(unfixed)).containsEntry(MARK, "stop-done@2026-11-28T10:00:00Z");
    }

    @Test
    void aPlanChangingMoreResourcesThanMaxResources_isRefused_andNothingIsWritten() {
        List<String> ids = estate.instances(3, Map.of());
        moto.startRecording();

        RunReport report = run(policy("[ec2:instance]", "{maxChanges: 2}", ""), false, T);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error().orElseThrow()).contains("the plan changes 3 resources, more than blastRadius.maxChanges 2");
        assertThat(writesCounted(report)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
        ids.forEach(id -> assertThat(estate.tagsOf(id)).as(id).isEmpty());
    }

    @Test
    void aPlanStoppingMoreInstancesThanMaxStops_isRefused_andNothingIsStoppedOrWritten() {
        Map<String, String> overdue = Map.of("owner", "team-a", "env", "prod", MARK, "stop@2026-11-24T09:00:00Z");
        List<String> ids = estate.instances(2, overdue);
        moto.startRecording();

        RunReport report = run(policy("[ec2:instance]", "{maxStops: 1}", ""), false, T);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error().orElseThrow()).contains("the plan stops 2 instances, more than blastRadius.maxStops 1");
        assertThat(writesCounted(report)).isEmpty();
        assertThat(writesRecorded()).isEmpty();
        ids.forEach(id -> {
            assertThat(estate.instanceState(id)).as(id).isEqualTo("running");
            assertThat(estate.tagsOf(id)).as(id).isEqualTo(overdue);
        });
    }

    @Test
    void theFindingsArriveOnTheTopic_asValidReports_eachFindingOnce_andADryRunPublishesNothing() throws Exception {
        String topic = estate.createTopicWithQueue();
        // 300 never-tagged instances, three findings each: more than one SNS message holds
        estate.instances(300, Map.of());
        Policy notifying = policy("[ec2:instance]", GENEROUS, "notify: {topic: \"" + topic + "\"}\n");
        moto.startRecording();

        RunReport dry = run(notifying, true, T);

        assertThat(dry.findings()).hasSize(900);
        assertThat(estate.delivered(topic)).isEmpty();
        assertThat(moto.recordedOperations()).doesNotContain("Publish");

        RunReport report = run(notifying, false, T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        List<ResourceEstate.Delivered> messages = estate.delivered(topic);
        assertThat(messages).hasSizeGreaterThan(1)
                .hasSize((int) moto.recordedOperations().stream().filter("Publish"::equals).count());
        assertThat(report.apiCalls().byOperation()).as("the returned report counts its own publication")
                .containsEntry("sns:Publish", (long) messages.size());
        List<String> published = new ArrayList<>();
        for (ResourceEstate.Delivered message : messages) {
            ReportSchema.assertValid(message.message());
            assertThat(message.subject()).startsWith("cloudwarden tag-compliance aws/us-east-1: 900 findings, run complete");
            published.addAll(findingIds(message.message()));
        }
        assertThat(published).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(report.findings().stream().map(Finding::id).toList());
    }

    private static List<String> findingIds(String reportJson) throws Exception {
        JsonNode findings = JSON.readTree(reportJson).get("findings");
        return StreamSupport.stream(findings.spliterator(), false).map(f -> f.get("id").textValue()).toList();
    }

    @Test
    void anEventRun_writesCreatorTagsOnlyWhereAbsent_onTheNamedResourcesOnly() {
        Map<String, String> tagged = Map.of("owner", "team-a", "env", "prod", "cost-center", "cc-1");
        String fresh = estate.instance(tagged);
        Map<String, String> claimed = with(tagged, "created-by", "arn:aws:iam::123456789012:user/legacy");
        String kept = estate.instance(claimed);
        String bystander = estate.instance(Map.of());
        Creator deployer = new Creator("arn:aws:sts::123456789012:assumed-role/deployer/ci-run-42", "AssumedRole",
                Instant.parse("2026-11-25T08:55:00Z"));
        Policy recording = policy("[ec2:instance]", GENEROUS, "creatorTags: {}\n");

        RunReport report = run(recording, RunRequest.resources(Trigger.EVENT, List.of(fresh, estate.ec2Arn(kept)),
                Optional.of(deployer), false), T);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.resourcesScanned()).isEqualTo(2);
        Function<Map<String, String>, Map<String, String>> recorded = base -> {
            Map<String, String> tags = new HashMap<>(base);
            tags.putIfAbsent("created-by", deployer.principal());
            tags.put("created-by-type", "AssumedRole");
            tags.put("created-at", "2026-11-25T08:55:00Z");
            return tags;
        };
        assertThat(estate.tagsOf(fresh)).isEqualTo(recorded.apply(tagged));
        assertThat(estate.tagsOf(kept)).isEqualTo(recorded.apply(claimed))
                .containsEntry("created-by", "arn:aws:iam::123456789012:user/legacy");
        assertThat(estate.tagsOf(bystander)).isEmpty();
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of("ec2:DescribeInstances", 1L, "ec2:CreateTags", 2L));
    }
}
