package dev.cloudwarden.events.aws;

import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshot lifecycle checks that some plan covers a new volume, and acts on EBS's own notifications that a
 * snapshot job finished: it copies a finished snapshot to its plan's disaster-recovery regions at once, and reports a
 * failed one.
 */
public final class SnapshotLifecycleTrigger implements AwsTrigger {
    /** A new volume, and where CreateVolume records it: the snapshot lifecycle checks that some plan covers it. */
    static final Map<String, ResourceIds> VOLUME_CALLS = Map.of("CreateVolume", ResourceIds.at("responseElements", "volumeId"));
    /** The {@code detail.event} values of the notifications the snapshot lifecycle handles, with the job each reports. */
    public static final Map<String, JobResult.Job> SNAPSHOT_JOBS = Map.of(
            "createSnapshot", JobResult.Job.SNAPSHOT, "createSnapshots", JobResult.Job.SNAPSHOT_SET, "copySnapshot", JobResult.Job.COPY);

    @Override
    public String operation() {
        return SnapshotLifecycle.OPERATION;
    }

    @Override
    public Map<String, Set<String>> calls() {
        return Map.of(AwsEvents.EC2, VOLUME_CALLS.keySet());
    }

    /** The new volume; coverage needs no creator. A CreateVolume that failed created nothing. */
    @Override
    public DecodedEvent call(CloudTrailCall call) {
        if (call.failed()) {
            return call.named(List.of(), Optional.empty());
        }
        return call.named(VOLUME_CALLS.get(call.eventName()).of(call), Optional.empty());
    }

    @Override
    public Set<String> notifications() {
        return Set.of(AwsEvents.SNAPSHOT_NOTIFICATION, AwsEvents.SNAPSHOT_SET_NOTIFICATION);
    }

    /**
     * An EBS notification that a snapshot job finished, decoded into the snapshots it produced and what each
     * was made from. Ids are taken from the part of each ARN after its last '/': AWS's documented examples
     * disagree on where the region sits in these ARNs, so the snapshots' region is the envelope's.
     */
    @Override
    public DecodedEvent notification(JsonNode event) {
        String type = required(event, "detail-type");
        String id = text(event, "id");
        JsonNode detail = event.path("detail");
        String name = string(detail, "event", "detail.event");
        JobResult.Job job = SNAPSHOT_JOBS.get(name);
        if (job == null || (job == JobResult.Job.SNAPSHOT_SET) != type.equals(AwsEvents.SNAPSHOT_SET_NOTIFICATION)) {
            throw new UnsupportedEventException("unsupported EBS notification: detail.event " + quote(name) + " under detail-type " + quote(type)
                    + "; the " + operation() + " function handles createSnapshot and copySnapshot ('" + AwsEvents.SNAPSHOT_NOTIFICATION
                    + "') and createSnapshots ('" + AwsEvents.SNAPSHOT_SET_NOTIFICATION + "')");
        }
        String result = string(detail, "result", "detail.result");
        if (!result.equals("succeeded") && !result.equals("failed")) {
            throw new UnsupportedEventException("EBS notification " + safe(id) + " has detail.result " + quote(result) + ": expected succeeded or failed");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        if (job == JobResult.Job.SNAPSHOT_SET) {
            detail.path("snapshots").forEach(s -> sources.put(lastSegment(s.path("snapshot_id")), lastSegment(s.path("source"))));
        } else {
            sources.put(lastSegment(detail.path("snapshot_id")), lastSegment(detail.path("source")));
        }
        sources.remove("");
        if (sources.isEmpty()) {
            throw new UnsupportedEventException(name + " notification " + safe(id) + " names no snapshot: looked for "
                    + (job == JobResult.Job.SNAPSHOT_SET ? "detail.snapshots[].snapshot_id" : "detail.snapshot_id"));
        }
        JobResult outcome = new JobResult(job, "ec2:snapshot", result.equals("succeeded"), string(detail, "cause", "detail.cause"), sources);
        return new DecodedEvent(id, text(event, "account"), required(event, "region"), Scope.resources(List.copyOf(sources.keySet())),
                Optional.empty(), name + " " + result, Optional.empty(), Optional.of(outcome), Optional.empty());
    }

    /** The id at the end of an ARN ({@code snap-…} of {@code arn:aws:ec2::us-east-1:snapshot/snap-…}); empty for anything else. */
    private static String lastSegment(JsonNode arn) {
        String text = arn.isTextual() ? arn.textValue() : "";
        return text.substring(text.lastIndexOf('/') + 1);
    }
}
