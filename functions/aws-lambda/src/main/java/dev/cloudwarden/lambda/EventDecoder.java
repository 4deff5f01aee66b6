package dev.cloudwarden.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes the EventBridge events the functions accept, and rejects everything else with a message
 * naming what was expected and what arrived:
 * <ul>
 *   <li>{@code Scheduled Event} from {@code aws.events} or {@code aws.scheduler}: sweep the region.</li>
 *   <li>{@code AWS API Call via CloudTrail} for a call the function's operation reacts to
 *       ({@link #CALLS}): evaluate the resources the call named.</li>
 *   <li>{@code EBS Snapshot Notification} ({@code createSnapshot}, {@code copySnapshot}) and
 *       {@code EBS Multi-Volume Snapshots Completion Status} ({@code createSnapshots}) from {@code aws.ec2},
 *       for the snapshot lifecycle only: the snapshots a finished job produced.</li>
 * </ul>
 */
public final class EventDecoder {
    public static final String SCHEDULED = "Scheduled Event";
    /**
     * Where a sweep's event comes from: an EventBridge rule's schedule ({@code aws.events}), or an EventBridge
     * Scheduler schedule, whose input the Terraform module writes in the same shape with {@code aws.scheduler}
     * as its source (Scheduler itself sends only the input its target names).
     */
    public static final Set<String> SCHEDULE_SOURCES = Set.of("aws.events", "aws.scheduler");
    public static final String CLOUDTRAIL = "AWS API Call via CloudTrail";
    /** EBS's own notifications (not CloudTrail): createSnapshot and copySnapshot under one detail-type … */
    public static final String SNAPSHOT_NOTIFICATION = "EBS Snapshot Notification";
    /** … createSnapshots (multi-volume sets) under another. */
    public static final String SNAPSHOT_SET_NOTIFICATION = "EBS Multi-Volume Snapshots Completion Status";
    /** The {@code detail.event} values the snapshot lifecycle handles, with the job each reports. */
    public static final Map<String, JobResult.Job> SNAPSHOT_JOBS = Map.of(
            "createSnapshot", JobResult.Job.SNAPSHOT, "createSnapshots", JobResult.Job.SNAPSHOT_SET, "copySnapshot", JobResult.Job.COPY);
    static final String EC2 = "aws.ec2";
    static final String TAGGING = "aws.tagging";
    static final String SSM = "aws.ssm";
    /** EC2's own notification of an instance's new state (not CloudTrail). */
    public static final String INSTANCE_STATE_CHANGE = "EC2 Instance State-change Notification";

    /** EC2 calls that can open a security group to new traffic (CreateSecurityGroup: evaluate new groups too). */
    public static final Set<String> INGRESS_CALLS = Set.of(
            "AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules", "CreateSecurityGroup");
    /** EC2 calls that create taggable resources: tag their creator and evaluate them at once. */
    public static final Set<String> CREATE_CALLS = Set.of(
            "RunInstances", "CreateVolume", "CreateSnapshot", "CreateSnapshots", "CopySnapshot", "CreateSecurityGroup", "CreateImage");
    /**
     * Calls that remove or change tags: re-evaluate the resources. CreateTags is left out on purpose:
     * cloudwarden's own fixes are CreateTags calls, and reacting to them would only re-check its own work.
     */
    public static final Set<String> RETAG_EC2_CALLS = Set.of("DeleteTags");
    public static final Set<String> RETAG_TAGGING_CALLS = Set.of("UntagResources", "TagResources");

    /** A new volume: the snapshot lifecycle checks that some plan covers it. */
    public static final Set<String> VOLUME_CALLS = Set.of("CreateVolume");

    /** Changes to what the patch policy declares, made by someone: reconciled at once. */
    public static final Set<String> PATCH_BASELINE_CALLS = Set.of(
            "UpdatePatchBaseline", "DeletePatchBaseline", "DeregisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");

    /** Per operation, per EventBridge source, the CloudTrail event names it reacts to: the rules' patterns say the same. */
    public static final Map<String, Map<String, Set<String>>> CALLS = Map.of(
            FirewallAudit.OPERATION, Map.of(EC2, INGRESS_CALLS),
            TagCompliance.OPERATION, Map.of(EC2, union(CREATE_CALLS, RETAG_EC2_CALLS), TAGGING, RETAG_TAGGING_CALLS),
            SnapshotLifecycle.OPERATION, Map.of(EC2, VOLUME_CALLS),
            PatchBaselines.OPERATION, Map.of(SSM, PATCH_BASELINE_CALLS));

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventDecoder() {
    }

    public static JsonNode parse(InputStream in) {
        try {
            JsonNode node = JSON.readTree(in);
            if (node == null || !node.isObject()) {
                throw new UnsupportedEventException("event is not a JSON object: expected an EventBridge event");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("event is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnsupportedEventException("event could not be read: " + e.getMessage());
        }
    }

    /** Any event a function of {@code operation} accepts, by its detail-type: what the CLI's --event does. */
    public static AuditEvent any(JsonNode event, String operation) {
        return switch (event.path("detail-type").asText("")) {
            case SCHEDULED -> scheduled(event);
            case SNAPSHOT_NOTIFICATION, SNAPSHOT_SET_NOTIFICATION -> snapshotJob(event, operation);
            case INSTANCE_STATE_CHANGE -> instanceStateChange(event, operation);
            default -> cloudTrail(event, operation);
        };
    }

    public static AuditEvent scheduled(JsonNode event) {
        String type = event.path("detail-type").asText("");
        String source = event.path("source").asText("");
        if (!type.equals(SCHEDULED) || !SCHEDULE_SOURCES.contains(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + type + "' from source '" + source
                    + "'; this handler accepts '" + SCHEDULED + "' from 'aws.events' or 'aws.scheduler'");
        }
        String id = text(event, "id");
        Instant firing;
        try { // the firing this delivery stands for: a retry or a replay still acts on its own window
            firing = Instant.parse(required(event, "time"));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("scheduled event " + id + " has no valid 'time' (when the schedule fired, such as "
                    + "2026-11-30T03:00:00Z): '" + text(event, "time") + "'");
        }
        return new AuditEvent(id, text(event, "account"), required(event, "region"), Scope.REGION,
                Optional.empty(), "schedule " + event.path("resources").path(0).asText(""), Optional.empty(), Optional.empty(),
                Optional.of(firing));
    }

    /** A CloudTrail call {@code operation} reacts to, decoded into the resources it named. */
    public static AuditEvent cloudTrail(JsonNode event, String operation) {
        Map<String, Set<String>> accepted = CALLS.getOrDefault(operation, Map.of());
        String type = event.path("detail-type").asText("");
        String source = event.path("source").asText("");
        if (!type.equals(CLOUDTRAIL) || !accepted.containsKey(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + type + "' from source '" + source
                    + "'; the " + operation + " function accepts '" + CLOUDTRAIL + "' from " + String.join(", ", new TreeSet<>(accepted.keySet())));
        }
        JsonNode detail = event.path("detail");
        String eventName = detail.path("eventName").asText("");
        if (!accepted.get(source).contains(eventName)) {
            throw new UnsupportedEventException("unsupported CloudTrail eventName '" + eventName + "' from " + source
                    + ": the " + operation + " function evaluates " + String.join(", ", new TreeSet<>(accepted.get(source))));
        }
        Optional<String> errorCode = Optional.of(detail.path("errorCode").asText("")).filter(s -> !s.isEmpty());
        String id = text(event, "id");
        String region = required(event, "region");
        if (operation.equals(FirewallAudit.OPERATION)) {
            String groupId = groupId(detail).orElseThrow(() -> new UnsupportedEventException(eventName
                    + " event " + id + " names no security group: looked for detail.requestParameters.groupId, "
                    + "detail.requestParameters.ModifySecurityGroupRulesRequest.GroupId, detail.responseElements.groupId "
                    + "and detail.responseElements.securityGroupRuleSet.items[].groupId"));
            return new AuditEvent(id, text(event, "account"), region, Scope.resources(List.of(groupId)), Optional.empty(), eventName, errorCode);
        }
        if (operation.equals(PatchBaselines.OPERATION)) {
            return patchBaselineChange(event, detail, eventName, errorCode);
        }
        if ((CREATE_CALLS.contains(eventName) || VOLUME_CALLS.contains(eventName)) && errorCode.isPresent()) { // it created nothing
            return new AuditEvent(id, text(event, "account"), region, Scope.resources(List.of()), Optional.empty(), eventName, errorCode);
        }
        List<String> ids = resourceIds(eventName, detail);
        if (ids.isEmpty()) {
            throw new UnsupportedEventException(eventName + " event " + id + " names no resource: looked for "
                    + String.join(", ", idPaths(eventName)));
        }
        if (operation.equals(SnapshotLifecycle.OPERATION)) { // coverage needs no creator
            return new AuditEvent(id, text(event, "account"), region, Scope.resources(ids), Optional.empty(), eventName, errorCode);
        }
        Optional<Creator> creator = CREATE_CALLS.contains(eventName) ? Optional.of(creator(detail, id)) : Optional.empty();
        return new AuditEvent(id, text(event, "account"), region, Scope.resources(ids), creator, eventName, errorCode);
    }

    /**
     * An EBS notification that a snapshot job finished, decoded into the snapshots it produced and what each
     * was made from. Ids are taken from the part of each ARN after its last '/': AWS's documented examples
     * disagree on where the region sits in these ARNs, so the snapshots' region is the envelope's.
     */
    public static AuditEvent snapshotJob(JsonNode event, String operation) {
        String type = event.path("detail-type").asText("");
        String source = event.path("source").asText("");
        if (!operation.equals(SnapshotLifecycle.OPERATION)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + type + "' from source '" + source
                    + "'; only the " + SnapshotLifecycle.OPERATION + " function handles EBS snapshot notifications, this one runs " + operation);
        }
        if (!(type.equals(SNAPSHOT_NOTIFICATION) || type.equals(SNAPSHOT_SET_NOTIFICATION)) || !source.equals(EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + type + "' from source '" + source
                    + "'; this handler accepts '" + SNAPSHOT_NOTIFICATION + "' and '" + SNAPSHOT_SET_NOTIFICATION + "' from '" + EC2 + "'");
        }
        String id = text(event, "id");
        JsonNode detail = event.path("detail");
        String name = detail.path("event").asText("");
        JobResult.Job job = SNAPSHOT_JOBS.get(name);
        if (job == null || (job == JobResult.Job.SNAPSHOT_SET) != type.equals(SNAPSHOT_SET_NOTIFICATION)) {
            throw new UnsupportedEventException("unsupported EBS notification: detail.event '" + name + "' under detail-type '" + type
                    + "'; the " + operation + " function handles createSnapshot and copySnapshot ('" + SNAPSHOT_NOTIFICATION
                    + "') and createSnapshots ('" + SNAPSHOT_SET_NOTIFICATION + "')");
        }
        String result = detail.path("result").asText("");
        if (!result.equals("succeeded") && !result.equals("failed")) {
            throw new UnsupportedEventException("EBS notification " + id + " has detail.result '" + result + "': expected succeeded or failed");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        if (job == JobResult.Job.SNAPSHOT_SET) {
            detail.path("snapshots").forEach(s -> sources.put(lastSegment(s.path("snapshot_id")), lastSegment(s.path("source"))));
        } else {
            sources.put(lastSegment(detail.path("snapshot_id")), lastSegment(detail.path("source")));
        }
        sources.remove("");
        if (sources.isEmpty()) {
            throw new UnsupportedEventException(name + " notification " + id + " names no snapshot: looked for "
                    + (job == JobResult.Job.SNAPSHOT_SET ? "detail.snapshots[].snapshot_id" : "detail.snapshot_id"));
        }
        JobResult outcome = new JobResult(job, "ec2:snapshot", result.equals("succeeded"), detail.path("cause").asText(""), sources);
        return new AuditEvent(id, text(event, "account"), required(event, "region"), Scope.resources(List.copyOf(sources.keySet())),
                Optional.empty(), name + " " + result, Optional.empty(), Optional.of(outcome), Optional.empty());
    }

    /** The id at the end of an ARN ({@code snap-…} of {@code arn:aws:ec2::us-east-1:snapshot/snap-…}); empty for anything else. */
    private static String lastSegment(JsonNode arn) {
        String text = arn.isTextual() ? arn.textValue() : "";
        return text.substring(text.lastIndexOf('/') + 1);
    }

    /**
     * A change to a patch baseline, a patch group's registration or a default, with who made it: the patch
     * function reconciles at once and names the caller. A call that failed changed nothing: no resource, no caller.
     */
    private static AuditEvent patchBaselineChange(JsonNode event, JsonNode detail, String eventName, Optional<String> errorCode) {
        String id = text(event, "id");
        String region = required(event, "region");
        if (errorCode.isPresent()) {
            return new AuditEvent(id, text(event, "account"), region, Scope.resources(List.of()), Optional.empty(), eventName, errorCode);
        }
        // the request may name the baseline by id or by ARN (…:patchbaseline/pb-…)
        String baseline = detail.path("requestParameters").path("baselineId").asText("");
        baseline = baseline.substring(baseline.lastIndexOf('/') + 1);
        if (baseline.isBlank()) {
            throw new UnsupportedEventException(eventName + " event " + id + " names no baseline: looked for detail.requestParameters.baselineId");
        }
        return new AuditEvent(id, text(event, "account"), region, Scope.resources(List.of(baseline)), Optional.of(creator(detail, id)),
                eventName, errorCode);
    }

    /**
     * EC2's notification that an instance changed state: the patch function checks an instance that is now
     * {@code running} for its patch group. Any other state is refused, so that a rule matching too much is noticed.
     */
    public static AuditEvent instanceStateChange(JsonNode event, String operation) {
        String type = event.path("detail-type").asText("");
        String source = event.path("source").asText("");
        if (!type.equals(INSTANCE_STATE_CHANGE) || !source.equals(EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + type + "' from source '" + source
                    + "'; this handler accepts '" + INSTANCE_STATE_CHANGE + "' from '" + EC2 + "'");
        }
        if (!operation.equals(PatchBaselines.OPERATION)) {
            throw new UnsupportedEventException("unsupported event: only the " + PatchBaselines.OPERATION
                    + " function handles '" + INSTANCE_STATE_CHANGE + "', this one runs " + operation);
        }
        String id = text(event, "id");
        String state = event.path("detail").path("state").asText("");
        if (!state.equals("running")) {
            throw new UnsupportedEventException("instance state-change event " + id + " is for state '" + state
                    + "': the " + operation + " function checks instances that are running; match detail.state [\"running\"] in the rule");
        }
        String instance = event.path("detail").path("instance-id").asText("");
        if (instance.isBlank()) {
            throw new UnsupportedEventException("instance state-change event " + id + " names no instance: looked for detail.instance-id");
        }
        return new AuditEvent(id, text(event, "account"), required(event, "region"), Scope.resources(List.of(instance)),
                Optional.empty(), "instance " + instance + " running", Optional.empty());
    }

    /** Where each call carries the group id; by-name requests in a default VPC have it only in the response. */
    private static Optional<String> groupId(JsonNode detail) {
        JsonNode request = detail.path("requestParameters");
        JsonNode response = detail.path("responseElements");
        for (JsonNode candidate : new JsonNode[] {
                request.path("groupId"),
                request.path("ModifySecurityGroupRulesRequest").path("GroupId"),
                response.path("groupId"),
                response.path("securityGroupRuleSet").path("items").path(0).path("groupId")}) {
            if (candidate.isTextual() && candidate.textValue().startsWith("sg-")) {
                return Optional.of(candidate.textValue());
            }
        }
        return Optional.empty();
    }

    /** The resources a tag-relevant call created or changed, from the paths CloudTrail records them under. */
    private static List<String> resourceIds(String eventName, JsonNode detail) {
        JsonNode request = detail.path("requestParameters");
        JsonNode response = detail.path("responseElements");
        List<String> ids = new ArrayList<>();
        switch (eventName) {
            case "RunInstances" -> response.path("instancesSet").path("items").forEach(i -> add(ids, i.path("instanceId")));
            case "CreateVolume" -> add(ids, response.path("volumeId"));
            case "CreateSnapshot", "CopySnapshot" -> add(ids, response.path("snapshotId"));
            // one snapshot is recorded as an object, several as an array
            case "CreateSnapshots" -> each(response.path("CreateSnapshotsResponse").path("snapshotSet").path("item"),
                    s -> add(ids, s.path("snapshotId")));
            case "CreateSecurityGroup" -> add(ids, response.path("groupId"));
            case "CreateImage" -> add(ids, response.path("imageId"));
            case "DeleteTags" -> request.path("resourcesSet").path("items").forEach(r -> add(ids, r.path("resourceId")));
            case "UntagResources", "TagResources" -> request.path("resourceARNList").forEach(arn -> add(ids, arn));
            default -> throw new IllegalStateException("no id paths for " + eventName);
        }
        return ids;
    }

    private static List<String> idPaths(String eventName) {
        return switch (eventName) {
            case "RunInstances" -> List.of("detail.responseElements.instancesSet.items[].instanceId");
            case "CreateVolume" -> List.of("detail.responseElements.volumeId");
            case "CreateSnapshot", "CopySnapshot" -> List.of("detail.responseElements.snapshotId");
            case "CreateSnapshots" -> List.of("detail.responseElements.CreateSnapshotsResponse.snapshotSet.item[].snapshotId");
            case "CreateSecurityGroup" -> List.of("detail.responseElements.groupId");
            case "CreateImage" -> List.of("detail.responseElements.imageId");
            case "DeleteTags" -> List.of("detail.requestParameters.resourcesSet.items[].resourceId");
            default -> List.of("detail.requestParameters.resourceARNList[]");
        };
    }

    /** The caller as CloudTrail recorded it: its ARN (an assumed-role session names the person), its type, the call's time. */
    private static Creator creator(JsonNode detail, String eventId) {
        JsonNode identity = detail.path("userIdentity");
        String principal = identity.path("arn").asText("");
        if (principal.isEmpty()) { // AWS services acting for a caller have no ARN, only a name
            principal = identity.path("invokedBy").asText(identity.path("principalId").asText(""));
        }
        String type = identity.path("type").asText("");
        if (principal.isEmpty() || type.isEmpty()) {
            throw new UnsupportedEventException("event " + eventId + " has no caller: expected detail.userIdentity.arn and .type");
        }
        try {
            return new Creator(principal, type, Instant.parse(detail.path("eventTime").asText("")));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("event " + eventId + " has no valid detail.eventTime: '"
                    + detail.path("eventTime").asText("") + "'");
        }
    }

    private static void add(List<String> ids, JsonNode value) {
        if (value.isTextual() && !value.textValue().isBlank() && !ids.contains(value.textValue())) {
            ids.add(value.textValue());
        }
    }

    private static void each(JsonNode node, java.util.function.Consumer<JsonNode> action) {
        if (node.isArray()) {
            node.forEach(action);
        } else if (node.isObject()) {
            action.accept(node);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static String required(JsonNode event, String field) {
        String value = text(event, field);
        if (value.isEmpty()) {
            throw new UnsupportedEventException("event has no '" + field + "' field");
        }
        return value;
    }

    private static String text(JsonNode event, String field) {
        return event.path(field).asText("");
    }
}
