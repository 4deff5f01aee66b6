package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TagOps} against moto server through the real SDK clients. What the calls left behind is read
 * back through each service's own API ({@link ResourceEstate#tagsOf}), never through the code under test. What every
 * cloud must do is {@link dev.cloudwarden.api.contract.TagOpsContract} ({@link MotoTagOpsTest}); this class holds what
 * AWS adds: EC2 and the Tagging API side by side, ARNs, batch sizes, the calls each read and write makes.
 */
@ExtendWith(MotoExtension.class)
class MotoTagsTest {
    private static final Set<String> EC2_TYPES = Set.of("ec2:instance", "ec2:volume", "ec2:snapshot",
            "ec2:security-group", "ec2:image");

    private final MotoServer moto;
    private ResourceEstate estate;
    private CloudProvider provider;
    private TagOps tags;

    MotoTagsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new ResourceEstate(moto.endpoint());
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
        tags = provider.tags().orElseThrow();
    }

    @AfterEach
    void disconnect() {
        provider.close();
        estate.close();
    }

    @Test
    void listsNeverTaggedEc2Resources_andTaggedTopics_eachOnce_withOneCallPerType() {
        String instance = estate.instance(Map.of());
        String volume = estate.volume(Map.of());
        String snapshot = estate.snapshot(Map.of());
        String group = estate.securityGroup("plain", Map.of());
        String image = estate.image(Map.of());
        String web = estate.instance(Map.of("Name", "web-1", "owner", "team-a"));
        String topic = estate.topic("alerts", Map.of("owner", "team-a"));
        estate.topic("never-tagged", Map.of());

        List<ResourceRef> found = tags.listResources(with(EC2_TYPES, "sns:topic"));

        assertThat(found).extracting(ResourceRef::id).doesNotHaveDuplicates()
                .contains(instance, volume, snapshot, group, image, web, topic);
        // the Tagging API knows only resources that have (or had) a tag: the untagged topic stays unseen
        assertThat(found).filteredOn(r -> r.type().equals("sns:topic")).extracting(ResourceRef::id).containsExactly(topic);
        assertThat(byId(found, web)).satisfies(r -> {
            assertThat(r.type()).isEqualTo("ec2:instance");
            assertThat(r.name()).isEqualTo("web-1");
            assertThat(r.account()).matches("\\d{12}");
            assertThat(r.region()).isEqualTo(ResourceEstate.REGION);
            assertThat(r.tags().values()).isEqualTo(Map.of("Name", "web-1", "owner", "team-a"));
        });
        assertThat(byId(found, group).name()).isEqualTo("plain");
        assertThat(byId(found, volume).account()).as("filled in from the other resources").isEqualTo(estate.account());
        assertThat(byId(found, image).type()).isEqualTo("ec2:image");
        assertThat(byId(found, topic)).satisfies(r -> {
            assertThat(r.type()).isEqualTo("sns:topic");
            assertThat(r.name()).isEqualTo("alerts");
            assertThat(r.account()).isEqualTo(estate.account());
            assertThat(r.tags().get("owner")).contains("team-a");
        });
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of(
                "ec2:DescribeInstances", 1L, "ec2:DescribeVolumes", 1L, "ec2:DescribeSnapshots", 1L,
                "ec2:DescribeSecurityGroups", 1L, "ec2:DescribeImages", 1L, "tag:GetResources", 1L));
    }

    @Test
    void aServiceWideFilter_meetsTheInstancesDescribedByEc2_andListsEachOnce() {
        String tagged = estate.instance(Map.of("owner", "team-a"));
        String untagged = estate.instance(Map.of());

        List<ResourceRef> found = tags.listResources(Set.of("ec2", "ec2:instance"));

        assertThat(found).extracting(ResourceRef::id).doesNotHaveDuplicates().contains(tagged, untagged);
        assertThat(byId(found, tagged).type()).isEqualTo("ec2:instance");
    }

    @Test
    void listsEveryResourceOfAMixedEstate_withTheTagsItsServicesHold() {
        List<String> ids = estate.seedMixed(30);

        List<ResourceRef> found = tags.listResources(with(EC2_TYPES, "sns:topic"));

        // topics without tags are invisible to the Tagging API; everything else is listed
        List<String> visible = ids.stream().filter(id -> !id.startsWith("arn:") || !estate.tagsOf(id).isEmpty()).toList();
        assertThat(visible).hasSizeGreaterThan(ids.size() - 5);
        assertThat(found).extracting(ResourceRef::id).doesNotHaveDuplicates().containsAll(visible);
        for (String id : visible) {
            assertThat(byId(found, id).tags().values()).as(id).isEqualTo(estate.tagsOf(id));
        }
    }

    @Test
    void listsUntagged_exactlyForTheFiveEc2Types() {
        EC2_TYPES.forEach(type -> assertThat(tags.listsUntagged(type)).as(type).isTrue());
        List.of("ec2", "ec2:vpc", "sns:topic", "s3", "rds:db").forEach(type -> assertThat(tags.listsUntagged(type)).as(type).isFalse());
    }

    @Test
    void findsByShortIdAndByArn_leavingOutWhatNoLongerExists_withOneCallPerType() {
        String instance = estate.instance(Map.of("owner", "team-a"));
        String terminated = estate.instance(Map.of("owner", "team-a"));
        estate.delete(terminated);
        String volume = estate.volume(Map.of());
        String deletedVolume = estate.volume(Map.of("owner", "team-b"));
        estate.delete(deletedVolume);
        String snapshot = estate.snapshot(Map.of("owner", "team-c"));
        String topic = estate.topic("alerts", Map.of("owner", "team-a"));
        String deletedTopic = estate.topic("old-alerts", Map.of("owner", "team-a"));
        estate.delete(deletedTopic);
        ApiCalls before = provider.apiCalls();

        List<ResourceRef> found = tags.findResources(List.of(instance, terminated, volume, deletedVolume,
                estate.ec2Arn(snapshot), topic, deletedTopic));

        assertThat(found).extracting(ResourceRef::id).containsExactlyInAnyOrder(instance, volume, snapshot, topic);
        assertThat(byId(found, snapshot).tags().get("owner")).contains("team-c");
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of(
                "ec2:DescribeInstances", 1L, "ec2:DescribeVolumes", 1L, "ec2:DescribeSnapshots", 1L, "tag:GetResources", 1L));
    }

    @Test
    void findResources_ofNothingThatExists_isEmpty() {
        assertThat(tags.findResources(List.of("i-0000000000000dead", "sg-0000000000000dead",
                "arn:aws:sns:us-east-1:123456789012:nothing-here"))).isEmpty();
    }

    @Test
    void addsTheSameTagsTo450Instances_inThreeCreateTagsCallsOf200AtMost() {
        List<String> ids = estate.instances(450, Map.of("env", "dev"));
        List<ResourceRef> instances = tags.listResources(Set.of("ec2:instance"));
        ApiCalls before = provider.apiCalls();
        moto.startRecording();

        TagWriteResult result = tags.addTags(instances, Map.of("owner", "team-a", "env", "prod"));

        assertThat(result.failed()).isEmpty();
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("ec2:CreateTags", 3L));
        assertThat(moto.recordedRequests()).filteredOn(body -> body.contains("Action=CreateTags"))
                .extracting(body -> body.split("ResourceId\\.", -1).length - 1)
                .containsExactlyInAnyOrder(200, 200, 50);
        for (String id : List.of(ids.getFirst(), ids.get(200), ids.getLast())) {
            assertThat(estate.tagsOf(id)).isEqualTo(Map.of("owner", "team-a", "env", "prod"));
        }
    }

    @Test
    void addsTagsTo45Topics_inThreeTagResourcesCalls() {
        List<String> arns = estate.topics("bulk", 45, Map.of("env", "dev"));
        List<ResourceRef> topics = tags.findResources(arns);
        assertThat(topics).hasSize(45);
        ApiCalls before = provider.apiCalls();

        TagWriteResult result = tags.addTags(topics, Map.of("owner", "team-a"));

        assertThat(result.failed()).isEmpty();
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("tag:TagResources", 3L));
        arns.forEach(arn -> assertThat(estate.tagsOf(arn)).as(arn).isEqualTo(Map.of("env", "dev", "owner", "team-a")));
    }

    @Test
    void writesAResourceNamedByItsEc2Arn_throughEc2_andReportsItUnderThatArn() {
        String group = estate.securityGroup("web", Map.of());
        String arn = estate.ec2Arn(group);
        ResourceRef byArn = new ResourceRef(CloudId.AWS, "", ResourceEstate.REGION, "ec2:security-group", arn, "web", null);
        ApiCalls before = provider.apiCalls();

        TagWriteResult result = tags.addTags(List.of(byArn), Map.of("owner", "team-a"));

        assertThat(result.succeeded(arn)).isTrue();
        assertThat(provider.apiCalls().since(before).byOperation()).isEqualTo(Map.of("ec2:CreateTags", 1L));
        assertThat(estate.tagsOf(group)).isEqualTo(Map.of("owner", "team-a"));
    }

    @Test
    void removesOnlyTheNamedKeys_whateverTheirValues_withKeysOnlyInDeleteTags() {
        String instance = estate.instance(Map.of("owner", "team-a", "Owner", "team-x", "env", "prod"));
        String volume = estate.volume(Map.of("owner", "team-b", "env", "dev"));
        String topic = estate.topic("alerts", Map.of("owner", "team-c", "env", "prod"));
        List<ResourceRef> resources = tags.findResources(List.of(instance, volume, topic));
        ApiCalls before = provider.apiCalls();
        moto.startRecording();

        TagWriteResult result = tags.removeTags(resources, Set.of("owner"));

        assertThat(result.failed()).isEmpty();
        assertThat(estate.tagsOf(instance)).isEqualTo(Map.of("Owner", "team-x", "env", "prod"));
        assertThat(estate.tagsOf(volume)).isEqualTo(Map.of("env", "dev"));
        assertThat(estate.tagsOf(topic)).isEqualTo(Map.of("env", "prod"));
        assertThat(provider.apiCalls().since(before).byOperation())
                .isEqualTo(Map.of("ec2:DeleteTags", 1L, "tag:UntagResources", 1L));
        // a value in DeleteTags would delete the tag only where it matches
        assertThat(moto.recordedRequests()).filteredOn(body -> body.contains("Action=DeleteTags")).singleElement()
                .satisfies(body -> assertThat(body).contains("Tag.1.Key=owner").doesNotContain("Tag.1.Value"));
    }

    private static Set<String> with(Set<String> types, String more) {
        Set<String> all = new HashSet<>(types);
        all.add(more);
        return all;
    }

    private static ResourceRef byId(List<ResourceRef> resources, String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + id + " in " + resources));
    }
}
