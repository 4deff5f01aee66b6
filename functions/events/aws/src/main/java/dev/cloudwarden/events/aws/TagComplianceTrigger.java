package dev.cloudwarden.events.aws;

import dev.cloudwarden.core.tags.TagCompliance;
import dev.cloudwarden.core.trigger.DecodedEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tag compliance tags the creator of a new resource and evaluates it at once, and evaluates again a resource whose
 * tags someone removed or changed.
 */
public final class TagComplianceTrigger implements AwsTrigger {
    /** EC2 calls that create taggable resources, and where each records them: tag their creator and evaluate them at once. */
    static final Map<String, ResourceIds> CREATES = Map.of(
            "RunInstances", ResourceIds.inEach("instanceId", "responseElements", "instancesSet", "items"),
            "CreateVolume", ResourceIds.at("responseElements", "volumeId"),
            "CreateSnapshot", ResourceIds.at("responseElements", "snapshotId"),
            "CopySnapshot", ResourceIds.at("responseElements", "snapshotId"),
            "CreateSnapshots", ResourceIds.inEachOfOneOrMany("snapshotId", "responseElements", "CreateSnapshotsResponse", "snapshotSet", "item"),
            "CreateSecurityGroup", ResourceIds.at("responseElements", "groupId"),
            "CreateImage", ResourceIds.at("responseElements", "imageId"));
    /**
     * EC2 calls that remove or change tags: re-evaluate the resources. CreateTags is left out on purpose:
     * cloudwarden's own fixes are CreateTags calls, and reacting to them would only re-check its own work.
     */
    static final Map<String, ResourceIds> EC2_RETAGS = Map.of(
            "DeleteTags", ResourceIds.inEach("resourceId", "requestParameters", "resourcesSet", "items"));
    /** The same through the Resource Groups Tagging API, whose calls name the resources by ARN. */
    static final Map<String, ResourceIds> TAGGING_RETAGS = Map.of(
            "UntagResources", ResourceIds.each("requestParameters", "resourceARNList"),
            "TagResources", ResourceIds.each("requestParameters", "resourceARNList"));

    @Override
    public String operation() {
        return TagCompliance.OPERATION;
    }

    @Override
    public Map<String, Set<String>> calls() {
        Set<String> ec2 = new HashSet<>(CREATES.keySet());
        ec2.addAll(EC2_RETAGS.keySet());
        return Map.of(AwsEvents.EC2, Set.copyOf(ec2), AwsEvents.TAGGING, TAGGING_RETAGS.keySet());
    }

    /** The resources the call created (with their creator) or re-tagged; a create call that failed created nothing. */
    @Override
    public DecodedEvent call(CloudTrailCall call) {
        ResourceIds created = CREATES.get(call.eventName());
        if (created != null && call.failed()) {
            return call.named(List.of(), Optional.empty());
        }
        if (created != null) {
            List<String> ids = created.of(call);
            return call.named(ids, Optional.of(call.creator()));
        }
        ResourceIds retagged = EC2_RETAGS.getOrDefault(call.eventName(), TAGGING_RETAGS.get(call.eventName()));
        return call.named(retagged.of(call), Optional.empty());
    }
}
