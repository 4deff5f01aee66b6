package dev.cloudwarden.events.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoders;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.emulator.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What each operation's trigger reacts to on AWS, and that the decoder is found as the SPI's AWS decoder. The calls
 * listed here are the ones the Terraform rules match (infra/tests EventPatternsTest checks the rules against the
 * trigger classes themselves).
 */
class AwsTriggersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsEventDecoder DECODER = new AwsEventDecoder();

    private static JsonNode sample(String name) throws IOException {
        return JSON.readTree(Files.readString(SampleEvents.awsDir().resolve(name)));
    }

    @Test
    void everyOperation_hasOneTrigger() {
        assertThat(AwsTriggers.ALL).extracting(AwsTrigger::operation).containsExactly(
                FirewallAudit.OPERATION, TagCompliance.OPERATION, SnapshotLifecycle.OPERATION, PatchBaselines.OPERATION);
        assertThat(AwsTriggers.of("no-such-operation")).isEmpty();
    }

    @Test
    void eachTrigger_reactsToTheCallsOfItsOperation_perSource() {
        assertThat(AwsTriggers.of(FirewallAudit.OPERATION).orElseThrow().calls()).isEqualTo(Map.of(
                "aws.ec2", Set.of("AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules", "CreateSecurityGroup")));
        assertThat(AwsTriggers.of(TagCompliance.OPERATION).orElseThrow().calls()).isEqualTo(Map.of(
                "aws.ec2", Set.of("RunInstances", "CreateVolume", "CreateSnapshot", "CreateSnapshots", "CopySnapshot", "CreateSecurityGroup",
                        "CreateImage", "DeleteTags"),
                "aws.tagging", Set.of("UntagResources", "TagResources")));
        assertThat(AwsTriggers.of(SnapshotLifecycle.OPERATION).orElseThrow().calls()).isEqualTo(Map.of("aws.ec2", Set.of("CreateVolume")));
        assertThat(AwsTriggers.of(PatchBaselines.OPERATION).orElseThrow().calls()).isEqualTo(Map.of(
                "aws.ssm", Set.of("UpdatePatchBaseline", "DeletePatchBaseline", "DeregisterPatchBaselineForPatchGroup",
                        "RegisterDefaultPatchBaseline")));
    }

    @Test
    void eachNotification_isTakenByExactlyOneOperation() {
        assertThat(AwsTriggers.taking(AwsEvents.SNAPSHOT_NOTIFICATION).operation()).isEqualTo(SnapshotLifecycle.OPERATION);
        assertThat(AwsTriggers.taking(AwsEvents.SNAPSHOT_SET_NOTIFICATION).operation()).isEqualTo(SnapshotLifecycle.OPERATION);
        assertThat(AwsTriggers.taking(AwsEvents.INSTANCE_STATE_CHANGE).operation()).isEqualTo(PatchBaselines.OPERATION);
        assertThatThrownBy(() -> AwsTriggers.taking(AwsEvents.CLOUDTRAIL)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCreateCall_namesWhatItCreated_andWhoCreatedIt() throws IOException {
        DecodedEvent event = DECODER.cloudTrail(sample("cloudtrail-create-snapshots.json"), TagCompliance.OPERATION);

        assertThat(((Scope.Resources) event.scope()).ids()).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("snap-"));
        assertThat(event.creator()).isPresent();
        assertThat(event.cause()).isEqualTo("CreateSnapshots");
    }

    @Test
    void theSameCreateVolume_isACreateForTagCompliance_andACoverageCheckForTheSnapshotLifecycle() throws IOException {
        JsonNode call = sample("cloudtrail-create-volume.json");

        DecodedEvent forTags = DECODER.cloudTrail(call, TagCompliance.OPERATION);
        DecodedEvent forSnapshots = DECODER.cloudTrail(call, SnapshotLifecycle.OPERATION);

        assertThat(forTags.scope()).isEqualTo(forSnapshots.scope());
        assertThat(forTags.creator()).isPresent();
        assertThat(forSnapshots.creator()).as("coverage needs no creator").isEmpty();
    }

    @Test
    void aCallThatNamesNoResource_isRefused_namingWhereItLooked() throws IOException {
        assertThatThrownBy(() -> DECODER.cloudTrail(sample("invalid/create-volume-no-volume-id.json"), SnapshotLifecycle.OPERATION))
                .isInstanceOf(UnsupportedEventException.class).hasMessageEndingWith("names no resource: looked for detail.responseElements.volumeId");
        assertThatThrownBy(() -> DECODER.cloudTrail(sample("invalid/missing-group-id.json"), FirewallAudit.OPERATION))
                .isInstanceOf(UnsupportedEventException.class).hasMessageContaining("names no security group: looked for detail.requestParameters.groupId");
    }

    @Test
    void theResourceIdPaths_sayWhereEachIsRead() {
        assertThat(ResourceIds.at("responseElements", "volumeId").path()).isEqualTo("detail.responseElements.volumeId");
        assertThat(ResourceIds.inEach("instanceId", "responseElements", "instancesSet", "items").path())
                .isEqualTo("detail.responseElements.instancesSet.items[].instanceId");
        assertThat(ResourceIds.each("requestParameters", "resourceARNList").path()).isEqualTo("detail.requestParameters.resourceARNList[]");
    }

    @Test
    void theDecoder_isFoundThroughTheSpi_andRecognisesAnEventBridgeEnvelope() throws IOException {
        assertThat(EventDecoders.find(CloudId.AWS)).isInstanceOf(AwsEventDecoder.class);
        JsonNode scheduled = sample("scheduled-sweep.json");
        assertThat(EventDecoders.recognising(scheduled)).isInstanceOf(AwsEventDecoder.class);
        assertThat(DECODER.recognises(JSON.readTree("{\"specversion\": \"1.0\", \"type\": \"google.cloud.audit.log.v1.written\"}"))).isFalse();
        assertThat(DECODER.recognises(JSON.readTree("[]"))).isFalse();
    }

    @Test
    void decodingThroughTheSpi_isWhatTheHandlerMadeForTheEventDoes() throws IOException {
        for (String name : List.of("scheduled-sweep.json", "cloudtrail-run-instances.json", "ebs-create-snapshot-succeeded.json",
                "ec2-instance-state-change-running.json")) {
            JsonNode event = sample(name);
            String operation = name.startsWith("ebs") ? SnapshotLifecycle.OPERATION
                    : name.startsWith("ec2") ? PatchBaselines.OPERATION : TagCompliance.OPERATION;
            DecodedEvent specific = switch (name.substring(0, 3)) {
                case "sch" -> DECODER.scheduled(event);
                case "clo" -> DECODER.cloudTrail(event, operation);
                case "ebs" -> DECODER.snapshotJob(event, operation);
                default -> DECODER.instanceStateChange(event, operation);
            };
            assertThat(EventDecoders.find(CloudId.AWS).decode(event, operation)).as(name).isEqualTo(specific);
        }
    }
}
