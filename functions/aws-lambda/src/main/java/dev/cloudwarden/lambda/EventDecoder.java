package dev.cloudwarden.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.cloudwarden.aws.AwsRegions;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.snapshots.SnapshotLifecycle;
import dev.cloudwarden.core.tags.TagCompliance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

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
 *
 * <p>Everything else fails with an {@link UnsupportedEventException} whose message is one sentence saying what is
 * wrong, with every value it quotes from the event made printable and cut short ({@link #quote}). Before any field is
 * read, the bytes must be one event as EventBridge delivers one ({@link #parse}): at most {@value #MAX_EVENT_BYTES}
 * bytes of UTF-8 without a byte order mark, one JSON object and nothing after it, no key twice in one object, nested
 * at most {@value #MAX_NESTING} deep; and its envelope must have a {@code detail-type}, a {@code source}, an
 * {@code account} that is an AWS account id and a {@code region} that is an AWS region name, each a string.
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

    /**
     * EventBridge's limit on an event: a PutEvents entry is at most 256 KB, and no event it delivers is larger (its
     * service events, CloudTrail's included, stay under it). Anything larger is not an EventBridge event, and is not
     * read further than this.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    /**
     * How deep objects and arrays may nest. The events cloudwarden reads nest a few levels (a CloudTrail record's
     * request parameters a dozen at most); Jackson's own limit is 1,000, past which it fails in a way that used to
     * crash this decoder.
     */
    public static final int MAX_NESTING = 64;
    /** How much of a value from the event a message quotes. */
    static final int MAX_QUOTED = 64;

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            // a key twice in one object: which one counts differs between readers, so neither does
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    private EventDecoder() {
    }

    /**
     * Reads one event and decodes it with {@code decoder} for {@code operation}: what every handler and the CLI's
     * {@code --event} do. Whatever goes wrong, the outcome is an {@link AuditEvent} or an
     * {@link UnsupportedEventException}: a failure inside a decoder (a defect: the fuzz tests look for them) is
     * reported as an event that could not be decoded, with the defect as its cause.
     */
    public static AuditEvent decode(InputStream in, BiFunction<JsonNode, String, AuditEvent> decoder, String operation) {
        JsonNode event = parse(in);
        try {
            return decoder.apply(event, operation);
        } catch (UnsupportedEventException e) {
            throw e;
        } catch (RuntimeException defect) {
            throw new UnsupportedEventException("the event could not be decoded: the decoder failed on it, a defect in cloudwarden"
                    + " (please report it with the event); nothing was called", defect);
        }
    }

    /**
     * The event in {@code in} as a JSON object, read only as far as {@link #MAX_EVENT_BYTES}; anything that is not one
     * event as EventBridge delivers one is refused (see the class comment).
     */
    public static JsonNode parse(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_EVENT_BYTES + 1);
        } catch (IOException e) {
            throw new UnsupportedEventException("the event could not be read: " + safe(String.valueOf(e.getMessage())));
        }
        return parse(bytes);
    }

    /** {@link #parse(InputStream)} of bytes already read. */
    public static JsonNode parse(byte[] bytes) {
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new UnsupportedEventException("the event is larger than " + MAX_EVENT_BYTES / 1024 + " KB (" + MAX_EVENT_BYTES
                    + " bytes), EventBridge's limit for an event: it is not one");
        }
        String text = utf8(bytes);
        if (text.isBlank()) {
            throw new UnsupportedEventException("the event is empty: expected an EventBridge event, a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || !node.isObject()) {
                throw new UnsupportedEventException("the event is " + kind(node) + ", not a JSON object: expected an EventBridge event");
            }
            if (trailing(parser)) {
                JsonLocation at = parser.currentTokenLocation();
                throw new UnsupportedEventException("the event has more after its JSON object (" + where(at)
                        + "): an event is exactly one JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new UnsupportedEventException(beyondLimit(e));
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("the event is not valid JSON (" + where(e.getLocation()) + "): " + jacksonMessage(e));
        } catch (IOException e) { // reading a String fails only in the parser
            throw new UnsupportedEventException("the event could not be read: " + safe(String.valueOf(e.getMessage())));
        }
    }

    /** Whether anything but white space follows the value the parser has read (something unparseable counts). */
    private static boolean trailing(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    /**
     * The bytes as UTF-8 text, refusing a byte order mark (RFC 8259: JSON sent between systems carries none, and
     * EventBridge's never does) and any byte sequence that is not UTF-8 (which a lenient decoder would turn into
     * replacement characters, or a UTF-16 text Jackson would detect and read).
     */
    private static String utf8(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new UnsupportedEventException("the event starts with a byte order mark: EventBridge events are UTF-8 JSON without"
                    + " one (save the file as UTF-8 without a BOM)");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        try {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                result.throwException();
            }
            decoder.flush(out);
        } catch (CharacterCodingException e) {
            int at = Math.min(in.position(), bytes.length - 1);
            boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xFF) >= 0xFE || bytes[0] == 0 || bytes[1] == 0);
            throw new UnsupportedEventException("the event is not UTF-8 text: byte 0x" + String.format("%02X", bytes[at] & 0xFF)
                    + " at offset " + at + " is not valid UTF-8" + (utf16 ? " (it looks like UTF-16)" : ""));
        }
        return out.flip().toString();
    }

    /** Which of Jackson's limits the event went past (it names them in its messages only, in Java terms). */
    private static String beyondLimit(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("nesting depth")) {
            return "the event nests objects and arrays deeper than " + MAX_NESTING + " levels: no EventBridge event cloudwarden reads does";
        }
        if (message.contains("Number value length")) {
            return "the event has a number of more than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        if (message.contains("Name length")) {
            return "the event has a field name of more than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return "the event has a value larger than the decoder reads";
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "position unknown";
        }
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * Jackson's own words for a syntax error, which name what it found and expected, without the location it appends
     * (given separately) and made printable: it quotes the offending characters, control characters included.
     */
    private static String jacksonMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String cut : new String[] {" at [Source", "[Source:", "\n at "}) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at).strip();
            }
        }
        return safe(message, 160);
    }

    /** Any event a function of {@code operation} accepts, by its detail-type: what the CLI's --event does. */
    public static AuditEvent any(JsonNode event, String operation) {
        envelope(event);
        return switch (detailType(event)) {
            case SCHEDULED -> scheduled(event);
            case SNAPSHOT_NOTIFICATION, SNAPSHOT_SET_NOTIFICATION -> snapshotJob(event, operation);
            case INSTANCE_STATE_CHANGE -> instanceStateChange(event, operation);
            default -> cloudTrail(event, operation);
        };
    }

    public static AuditEvent scheduled(JsonNode event) {
        envelope(event);
        String type = detailType(event);
        String source = source(event);
        if (!type.equals(SCHEDULED) || !SCHEDULE_SOURCES.contains(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + SCHEDULED + "' from 'aws.events' or 'aws.scheduler'");
        }
        String id = text(event, "id");
        Instant firing;
        try { // the firing this delivery stands for: a retry or a replay still acts on its own window
            firing = Instant.parse(text(event, "time"));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("scheduled event " + safe(id) + " has no valid 'time' (when the schedule fired, such as "
                    + "2026-11-30T03:00:00Z): " + (event.has("time") ? quote(event.get("time").asText("")) : "none"));
        }
        return new AuditEvent(id, text(event, "account"), required(event, "region"), Scope.REGION,
                Optional.empty(), "schedule " + event.path("resources").path(0).asText(""), Optional.empty(), Optional.empty(),
                Optional.of(firing));
    }

    /** A CloudTrail call {@code operation} reacts to, decoded into the resources it named. */
    public static AuditEvent cloudTrail(JsonNode event, String operation) {
        envelope(event);
        Map<String, Set<String>> accepted = CALLS.getOrDefault(operation, Map.of());
        String type = detailType(event);
        String source = source(event);
        if (!type.equals(CLOUDTRAIL) || !accepted.containsKey(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; the " + operation + " function accepts '" + CLOUDTRAIL + "' from " + String.join(", ", new TreeSet<>(accepted.keySet())));
        }
        JsonNode detail = event.path("detail");
        String eventName = string(detail, "eventName", "detail.eventName");
        if (!accepted.get(source).contains(eventName)) {
            throw new UnsupportedEventException("unsupported CloudTrail eventName " + quote(eventName) + " from " + source
                    + ": the " + operation + " function evaluates " + String.join(", ", new TreeSet<>(accepted.get(source))));
        }
        Optional<String> errorCode = Optional.of(string(detail, "errorCode", "detail.errorCode")).filter(s -> !s.isEmpty());
        String id = text(event, "id");
        String region = required(event, "region");
        if (operation.equals(FirewallAudit.OPERATION)) {
            String groupId = groupId(detail).orElseThrow(() -> new UnsupportedEventException(eventName
                    + " event " + safe(id) + " names no security group: looked for detail.requestParameters.groupId, "
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
            throw new UnsupportedEventException(eventName + " event " + safe(id) + " names no resource: looked for "
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
        envelope(event);
        String type = detailType(event);
        String source = source(event);
        if (!operation.equals(SnapshotLifecycle.OPERATION)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; only the " + SnapshotLifecycle.OPERATION + " function handles EBS snapshot notifications, this one runs " + operation);
        }
        if (!(type.equals(SNAPSHOT_NOTIFICATION) || type.equals(SNAPSHOT_SET_NOTIFICATION)) || !source.equals(EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + SNAPSHOT_NOTIFICATION + "' and '" + SNAPSHOT_SET_NOTIFICATION + "' from '" + EC2 + "'");
        }
        String id = text(event, "id");
        JsonNode detail = event.path("detail");
        String name = string(detail, "event", "detail.event");
        JobResult.Job job = SNAPSHOT_JOBS.get(name);
        if (job == null || (job == JobResult.Job.SNAPSHOT_SET) != type.equals(SNAPSHOT_SET_NOTIFICATION)) {
            throw new UnsupportedEventException("unsupported EBS notification: detail.event " + quote(name) + " under detail-type " + quote(type)
                    + "; the " + operation + " function handles createSnapshot and copySnapshot ('" + SNAPSHOT_NOTIFICATION
                    + "') and createSnapshots ('" + SNAPSHOT_SET_NOTIFICATION + "')");
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
        String baseline = string(detail.path("requestParameters"), "baselineId", "detail.requestParameters.baselineId");
        baseline = baseline.substring(baseline.lastIndexOf('/') + 1);
        if (baseline.isBlank()) {
            throw new UnsupportedEventException(eventName + " event " + safe(id) + " names no baseline: looked for detail.requestParameters.baselineId");
        }
        return new AuditEvent(id, text(event, "account"), region, Scope.resources(List.of(baseline)), Optional.of(creator(detail, id)),
                eventName, errorCode);
    }

    /**
     * EC2's notification that an instance changed state: the patch function checks an instance that is now
     * {@code running} for its patch group. Any other state is refused, so that a rule matching too much is noticed.
     */
    public static AuditEvent instanceStateChange(JsonNode event, String operation) {
        envelope(event);
        String type = detailType(event);
        String source = source(event);
        if (!type.equals(INSTANCE_STATE_CHANGE) || !source.equals(EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + INSTANCE_STATE_CHANGE + "' from '" + EC2 + "'");
        }
        if (!operation.equals(PatchBaselines.OPERATION)) {
            throw new UnsupportedEventException("unsupported event: only the " + PatchBaselines.OPERATION
                    + " function handles '" + INSTANCE_STATE_CHANGE + "', this one runs " + operation);
        }
        String id = text(event, "id");
        String state = string(event.path("detail"), "state", "detail.state");
        if (!state.equals("running")) {
            throw new UnsupportedEventException("instance state-change event " + safe(id) + " is for state " + quote(state)
                    + ": the " + operation + " function checks instances that are running; match detail.state [\"running\"] in the rule");
        }
        String instance = string(event.path("detail"), "instance-id", "detail.instance-id");
        if (instance.isBlank()) {
            throw new UnsupportedEventException("instance state-change event " + safe(id) + " names no instance: looked for detail.instance-id");
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
        String principal = string(identity, "arn", "detail.userIdentity.arn");
        if (principal.isEmpty()) { // AWS services acting for a caller have no ARN, only a name
            principal = string(identity, "invokedBy", "detail.userIdentity.invokedBy");
        }
        if (principal.isEmpty()) {
            principal = string(identity, "principalId", "detail.userIdentity.principalId");
        }
        String type = string(identity, "type", "detail.userIdentity.type");
        if (principal.isEmpty() || type.isEmpty()) {
            throw new UnsupportedEventException("event " + safe(eventId) + " has no caller: expected detail.userIdentity.arn and .type");
        }
        String eventTime = string(detail, "eventTime", "detail.eventTime");
        try {
            return new Creator(principal, type, Instant.parse(eventTime));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("event " + safe(eventId) + " has no valid detail.eventTime: " + quote(eventTime));
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

    /**
     * The envelope every decoder needs, checked before anything else is read: {@code detail-type}, {@code source},
     * {@code account} (an AWS account id: the function acts only on its own account's events, and compares) and
     * {@code region} (an AWS region name: clients are built from it), each a non-empty string; {@code id} a string
     * when present, {@code detail} an object when present.
     */
    private static void envelope(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new UnsupportedEventException("the event is " + kind(event) + ", not a JSON object: expected an EventBridge event");
        }
        detailType(event);
        source(event);
        String account = required(event, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new UnsupportedEventException("event field 'account' is not an AWS account id (12 digits): " + quote(account));
        }
        String region = required(event, "region");
        if (!AwsRegions.isRegion(region)) {
            throw new UnsupportedEventException("event field 'region' is not an AWS region name (" + AwsRegions.EXAMPLES + "): "
                    + quote(region));
        }
        text(event, "id");
        JsonNode detail = event.path("detail");
        if (!detail.isMissingNode() && !detail.isObject()) {
            throw new UnsupportedEventException("event field 'detail' is " + kind(detail) + ", expected an object");
        }
    }

    private static String detailType(JsonNode event) {
        return required(event, "detail-type");
    }

    private static String source(JsonNode event) {
        return required(event, "source");
    }

    private static String required(JsonNode event, String field) {
        String value = text(event, field);
        if (value.isBlank()) {
            throw new UnsupportedEventException(event.path(field).isMissingNode() || event.path(field).isNull()
                    ? "event has no '" + field + "' field" : "event field '" + field + "' is blank");
        }
        return value;
    }

    private static String text(JsonNode event, String field) {
        return string(event, field, field);
    }

    /** A string field of {@code parent}: empty when missing or null, refused when it is anything but a string. */
    private static String string(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new UnsupportedEventException("event field '" + path + "' is " + kind(value) + ", expected a string");
        }
        return value.textValue();
    }

    /** What a JSON value is, for messages. */
    private static String kind(JsonNode node) {
        JsonNodeType type = node == null ? JsonNodeType.MISSING : node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY, POJO -> "a value of another kind";
            case MISSING -> "nothing";
        };
    }

    /** A value from the event, quoted for a message: {@code 'value'}, made printable and cut short ({@link #safe}). */
    static String quote(String value) {
        return "'" + safe(value) + "'";
    }

    /** {@link #safe(String, int)} cut at {@value #MAX_QUOTED} characters. */
    static String safe(String value) {
        return safe(value, MAX_QUOTED);
    }

    /**
     * A value from the event made safe to print: control characters (C0, DEL, C1), line and paragraph separators,
     * format characters (bidirectional overrides, zero-width characters), unassigned code points and lone surrogates
     * are written as escapes (a backslash and {@code n}, or a backslash, {@code u} and four hex digits), so that an
     * event cannot move a terminal's cursor, recolour it or fake a line of its own; and what is longer than {@code max}
     * code points is cut, saying how long it was.
     */
    static String safe(String value, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int shown = 0;
        while (i < value.length() && shown < max) {
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (codePoint == '\n') {
                out.append("\\n");
            } else if (codePoint == '\r') {
                out.append("\\r");
            } else if (codePoint == '\t') {
                out.append("\\t");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                for (char c : Character.toChars(codePoint)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
            shown++;
        }
        if (i < value.length()) {
            out.append("… (").append(value.codePointCount(0, value.length())).append(" characters)");
        }
        return out.toString();
    }
}
