package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The node side of the gap server: managed nodes and their patch states, which tests set (moto has no SSM agent
 * to report them), and the invocations of the commands moto accepted, which it keeps but cannot list.
 *
 * <p>Nodes and patch states are not scoped: a test sets them once and every region and account sees them.
 * Commands are per {@link SsmScope}, as moto keeps them.
 */
final class SsmManagedNodes {
    static final int MAX_NODES = 10_000;
    static final int MAX_COMMANDS = 10_000;

    private static final Pattern PATCH_GROUP = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final List<String> INFORMATION_KEYS = List.of("InstanceIds", "AgentVersion", "PingStatus",
            "PlatformTypes", "ActivationIds", "IamRole", "ResourceType", "AssociationStatus");
    private static final List<String> RESOURCE_TYPES = List.of("ManagedInstance", "EC2Instance");
    private static final List<String> OPERATOR_TYPES = List.of("Equal", "NotEqual", "LessThan", "GreaterThan");
    private static final List<String> COMMAND_FILTER_KEYS = List.of("InvokedAfter", "InvokedBefore", "Status",
            "ExecutionStage", "DocumentName");
    /** The counters a patch-state filter may compare, and where each is in {@link SsmPatchState.Counts}. */
    private static final Map<String, ToIntFunction<SsmPatchState.Counts>> COUNTERS = counters();
    /** What moto's GetCommandInvocation says of every invocation: one plugin, this name, five minutes long. */
    private static final String MOTO_PLUGIN = "aws:runShellScript";
    private static final Duration MOTO_ELAPSED = Duration.ofMinutes(5);

    private final Map<String, SsmManagedInstance> nodes = new LinkedHashMap<>();
    private final Map<String, SsmPatchState> states = new LinkedHashMap<>();
    private final Map<SsmScope, Deque<SentCommand>> commands = new HashMap<>();

    /** A command moto accepted, as its SendCommand answer and the request describe it. */
    private record SentCommand(String commandId, List<String> instanceIds, String documentName, String documentVersion,
                               String comment, Instant requested, String status, String serviceRole,
                               String outputS3Region, String outputS3BucketName, String outputS3KeyPrefix,
                               JsonNode notificationConfig, JsonNode cloudWatchOutputConfig) {
    }

    synchronized void reset() {
        nodes.clear();
        states.clear();
        commands.clear();
    }

    synchronized void manage(SsmManagedInstance node) {
        if (!nodes.containsKey(node.instanceId()) && nodes.size() >= MAX_NODES) {
            throw new IllegalStateException("the gap server keeps at most " + MAX_NODES + " managed nodes");
        }
        nodes.put(node.instanceId(), node);
    }

    synchronized void patchState(SsmPatchState state) {
        if (!states.containsKey(state.instanceId()) && states.size() >= MAX_NODES) {
            throw new IllegalStateException("the gap server keeps at most " + MAX_NODES + " patch states");
        }
        states.put(state.instanceId(), state);
    }

    // --- SendCommand (forwarded, observed) --------------------------------------------------------------------

    /** Records the command in moto's SendCommand answer; the oldest is forgotten past {@link #MAX_COMMANDS}. */
    synchronized void sent(SsmScope scope, JsonNode request, JsonNode motoAnswer) {
        JsonNode command = motoAnswer.path("Command");
        String id = SsmJson.text(command, "CommandId");
        if (id == null) {
            return;
        }
        String version = SsmJson.text(request, "DocumentVersion");
        Deque<SentCommand> sent = commands.computeIfAbsent(scope, s -> new ArrayDeque<>());
        sent.addFirst(new SentCommand(id, SsmJson.texts(command, "InstanceIds"), SsmJson.text(command, "DocumentName"),
                version == null ? "$DEFAULT" : version, orEmpty(SsmJson.text(command, "Comment")),
                SsmJson.instant(command.get("RequestedDateTime")), orDefault(SsmJson.text(command, "Status"), "Success"),
                orEmpty(SsmJson.text(command, "ServiceRole")), orEmpty(SsmJson.text(command, "OutputS3Region")),
                orEmpty(SsmJson.text(command, "OutputS3BucketName")), orEmpty(SsmJson.text(command, "OutputS3KeyPrefix")),
                request.get("NotificationConfig"), request.get("CloudWatchOutputConfig")));
        if (sent.size() > MAX_COMMANDS) {
            sent.removeLast();
        }
    }

    /** The instances a command sent through the gap server went to; empty for a command it did not see. */
    synchronized Optional<List<String>> instancesOf(SsmScope scope, String commandId) {
        return commands.getOrDefault(scope, new ArrayDeque<>()).stream().filter(c -> c.commandId().equals(commandId))
                .map(SentCommand::instanceIds).findFirst();
    }

    // --- DescribeInstanceInformation -------------------------------------------------------------------------

    /**
     * The managed nodes, in the order they were registered, filtered by {@code Filters} or by the legacy
     * {@code InstanceInformationFilterList} (not both, as AWS says) — values of one filter are alternatives,
     * filters all apply — in pages of {@code MaxResults} (5–50, 10 when not given, as documented).
     * {@code tag-key} and {@code tag:KEY} match the node's SSM tags; nodes here have no activation, IAM role or
     * association, so filters on those match none.
     */
    synchronized SsmAnswer describeInstanceInformation(JsonNode request) {
        SsmProblems problems = new SsmProblems().range("maxResults", request.get("MaxResults"), 5, 50);
        JsonNode legacy = request.get("InstanceInformationFilterList");
        JsonNode filters = request.get("Filters");
        problems.size("instanceInformationFilterList", legacy, 0, Integer.MAX_VALUE);
        problems.size("filters", filters, 0, Integer.MAX_VALUE);
        List<Map.Entry<String, List<String>>> all = new ArrayList<>();
        collectFilters(legacy, "instanceInformationFilterList", "key", "valueSet", true, problems, all);
        collectFilters(filters, "filters", "Key", "Values", false, problems, all);
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        if (legacy != null && legacy.size() > 0 && filters != null && filters.size() > 0) {
            return SsmAnswer.error("ValidationException",
                    "InstanceInformationFilterList and Filters cannot be used in the same request.");
        }
        for (Map.Entry<String, List<String>> filter : all) {
            Optional<SsmAnswer> refused = refuseInformationFilter(filter.getKey(), filter.getValue());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        List<ObjectNode> described = new ArrayList<>();
        for (SsmManagedInstance node : nodes.values()) {
            if (all.stream().allMatch(f -> informationMatches(node, f.getKey(), f.getValue()))) {
                described.add(information(node));
            }
        }
        return page(described, "DescribeInstanceInformation", request, 10, "InstanceInformationList");
    }

    private static void collectFilters(JsonNode list, String at, String key, String values, boolean legacy,
                                       SsmProblems problems, List<Map.Entry<String, List<String>>> into) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode filter = list.get(i);
            String f = at + "." + (i + 1) + ".member";
            problems.structure(f, filter).required(f + "." + key, filter.get(key)).text(f + "." + key, filter.get(key), 1,
                    Integer.MAX_VALUE, null);
            if (legacy) {
                problems.oneOf(f + "." + key, filter.get(key), INFORMATION_KEYS);
            }
            problems.required(f + "." + values, filter.get(values)).size(f + "." + values, filter.get(values), 1, 100);
            if (filter.isObject() && SsmJson.has(filter, key)) {
                into.add(Map.entry(SsmJson.text(filter, key), SsmJson.texts(filter, values)));
            }
        }
    }

    private static Optional<SsmAnswer> refuseInformationFilter(String key, List<String> values) {
        if (!INFORMATION_KEYS.contains(key) && !key.equals("tag-key") && !key.startsWith("tag:")) {
            return Optional.of(SsmAnswer.error("InvalidFilterKey", "The filter key " + key + " is not valid."));
        }
        List<String> allowed = switch (key) {
            case "PingStatus" -> SsmManagedInstance.PING_STATUSES;
            case "PlatformTypes" -> SsmManagedInstance.PLATFORM_TYPES;
            case "ResourceType" -> RESOURCE_TYPES;
            default -> null;
        };
        for (String value : values) {
            if (allowed != null && !allowed.contains(value)) {
                return Optional.of(SsmAnswer.error("InvalidInstanceInformationFilterValue",
                        value + " is not a valid value for the filter " + key + "; valid values: " + allowed));
            }
            if (key.equals("InstanceIds") && !SsmManagedInstance.INSTANCE_ID.matcher(value).find()) {
                return Optional.of(SsmAnswer.error("InvalidInstanceId", "Instance id " + value + " is not valid."));
            }
        }
        return Optional.empty();
    }

    private static boolean informationMatches(SsmManagedInstance node, String key, List<String> values) {
        return switch (key) {
            case "InstanceIds" -> values.contains(node.instanceId());
            case "AgentVersion" -> values.contains(node.agentVersion());
            case "PingStatus" -> values.contains(node.pingStatus());
            case "PlatformTypes" -> values.contains(node.platformType());
            case "ResourceType" -> values.contains(node.resourceType());
            case "tag-key" -> values.stream().anyMatch(node.tags()::containsKey);
            // activation, IAM role, association: nodes here have none, so those filters match no node
            default -> key.startsWith("tag:") && values.contains(node.tags().get(key.substring("tag:".length())));
        };
    }

    private static ObjectNode information(SsmManagedInstance node) {
        ObjectNode info = SsmJson.object()
                .put("InstanceId", node.instanceId())
                .put("PingStatus", node.pingStatus())
                .put("LastPingDateTime", SsmJson.seconds(node.lastPingDateTime()))
                .put("AgentVersion", node.agentVersion())
                .put("PlatformType", node.platformType())
                .put("PlatformName", node.platformName());
        if (node.platformVersion() != null) {
            info.put("PlatformVersion", node.platformVersion());
        }
        info.put("ResourceType", node.resourceType());
        if (node.ipAddress() != null) {
            info.put("IPAddress", node.ipAddress());
        }
        if (node.computerName() != null) {
            info.put("ComputerName", node.computerName());
        }
        boolean ec2 = node.resourceType().equals("EC2Instance");
        return info.put("SourceId", node.instanceId()).put("SourceType", ec2 ? "AWS::EC2::Instance" : "AWS::SSM::ManagedInstance");
    }

    // --- tags of managed nodes (served) ------------------------------------------------------------------------

    /**
     * Whether a tagging request names a managed node: served here, as moto's resource check refuses every
     * {@code ManagedInstance} with {@code InvalidResourceId} (and knows no managed nodes anyway).
     */
    static boolean tagsANode(JsonNode request) {
        return "ManagedInstance".equals(SsmJson.text(request, "ResourceType"));
    }

    /** {@code AddTagsToResource} on a managed node (checked by the caller): each tag set, replacing a key's value. */
    synchronized SsmAnswer addTags(JsonNode request) {
        return retag(request, tags -> request.get("Tags").forEach(t -> tags.put(SsmJson.text(t, "Key"), SsmJson.text(t, "Value"))));
    }

    /** {@code RemoveTagsFromResource} on a managed node (checked by the caller): keys it does not have are ignored. */
    synchronized SsmAnswer removeTags(JsonNode request) {
        return retag(request, tags -> SsmJson.texts(request, "TagKeys").forEach(tags::remove));
    }

    /** {@code ListTagsForResource} on a managed node. */
    synchronized SsmAnswer listTags(JsonNode request) {
        SsmManagedInstance node = nodes.get(SsmJson.text(request, "ResourceId"));
        if (node == null) {
            return unknownNode(request);
        }
        ObjectNode answer = SsmJson.object();
        var list = answer.putArray("TagList");
        node.tags().forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return SsmAnswer.json(answer);
    }

    private SsmAnswer retag(JsonNode request, Consumer<Map<String, String>> change) {
        SsmManagedInstance node = nodes.get(SsmJson.text(request, "ResourceId"));
        if (node == null) {
            return unknownNode(request);
        }
        Map<String, String> tags = new LinkedHashMap<>(node.tags());
        change.accept(tags);
        if (tags.size() > SsmPatchBaselines.MAX_TAGS) {
            return SsmAnswer.error("TooManyTagsError", "A managed node has at most " + SsmPatchBaselines.MAX_TAGS + " tags here.");
        }
        nodes.put(node.instanceId(), node.withTags(tags));
        return SsmAnswer.json(SsmJson.object());
    }

    private static SsmAnswer unknownNode(JsonNode request) {
        return SsmAnswer.error("InvalidResourceId", "Managed node " + SsmJson.text(request, "ResourceId") + " is not known.");
    }

    // --- DescribeInstancePatchStates(ForPatchGroup) ----------------------------------------------------------

    /**
     * The patch states of the named nodes (1–50 ids; those without a state are left out), in the order named,
     * in pages of {@code MaxResults} (10–100; 100 when not given — the model's maximum, as AWS documents no default).
     */
    synchronized SsmAnswer describeInstancePatchStates(JsonNode request) {
        JsonNode ids = request.get("InstanceIds");
        SsmProblems problems = new SsmProblems()
                .required("instanceIds", ids)
                .size("instanceIds", ids, 0, 50)
                .range("maxResults", request.get("MaxResults"), 10, 100);
        if (ids != null && ids.isArray()) {
            for (int i = 0; i < ids.size(); i++) {
                problems.text("instanceIds." + (i + 1) + ".member", ids.get(i), 0, Integer.MAX_VALUE, SsmManagedInstance.INSTANCE_ID);
            }
        }
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        List<ObjectNode> found = new ArrayList<>();
        for (String id : SsmJson.texts(request, "InstanceIds")) {
            SsmPatchState state = states.get(id);
            if (state != null) {
                found.add(describe(state));
            }
        }
        return page(found, "DescribeInstancePatchStates", request, 100, "InstancePatchStates");
    }

    /**
     * The patch states of one patch group's nodes, in the order they were set, filtered by counters ({@code Key}
     * a counter of the model, one non-negative integer value, {@code Equal|NotEqual|LessThan|GreaterThan}), in
     * pages of {@code MaxResults} (10–100; 100 when not given).
     */
    synchronized SsmAnswer describeInstancePatchStatesForPatchGroup(JsonNode request) {
        JsonNode filters = request.get("Filters");
        SsmProblems problems = new SsmProblems()
                .required("patchGroup", request.get("PatchGroup"))
                .text("patchGroup", request.get("PatchGroup"), 1, 256, PATCH_GROUP)
                .size("filters", filters, 0, 4)
                .range("maxResults", request.get("MaxResults"), 10, 100);
        if (filters != null && filters.isArray()) {
            for (int i = 0; i < filters.size(); i++) {
                JsonNode filter = filters.get(i);
                String f = "filters." + (i + 1) + ".member";
                problems.structure(f, filter)
                        .required(f + ".key", filter.get("Key")).text(f + ".key", filter.get("Key"), 1, 200, null)
                        .required(f + ".values", filter.get("Values")).size(f + ".values", filter.get("Values"), 1, 1)
                        .required(f + ".type", filter.get("Type")).oneOf(f + ".type", filter.get("Type"), OPERATOR_TYPES);
            }
        }
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        for (JsonNode filter : request.path("Filters")) {
            String key = SsmJson.text(filter, "Key");
            if (!COUNTERS.containsKey(key)) {
                return SsmAnswer.error("InvalidFilter", "The filter key " + key + " is not valid; valid keys: " + COUNTERS.keySet());
            }
            String value = filter.get("Values").get(0).asText();
            if (!value.matches("\\d{1,9}")) {
                return SsmAnswer.error("InvalidFilter", "The value of the filter " + key + " must be an integer >= 0, not " + value);
            }
        }
        String group = SsmJson.text(request, "PatchGroup");
        List<ObjectNode> found = new ArrayList<>();
        for (SsmPatchState state : states.values()) {
            if (state.patchGroup().equals(group) && countersMatch(request.path("Filters"), state.counts())) {
                found.add(describe(state));
            }
        }
        return page(found, "DescribeInstancePatchStatesForPatchGroup", request, 100, "InstancePatchStates");
    }

    private static boolean countersMatch(JsonNode filters, SsmPatchState.Counts counts) {
        for (JsonNode filter : filters) {
            int actual = COUNTERS.get(SsmJson.text(filter, "Key")).applyAsInt(counts);
            int expected = Integer.parseInt(filter.get("Values").get(0).asText());
            boolean match = switch (SsmJson.text(filter, "Type")) {
                case "Equal" -> actual == expected;
                case "NotEqual" -> actual != expected;
                case "LessThan" -> actual < expected;
                default -> actual > expected;
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode describe(SsmPatchState state) {
        SsmPatchState.Counts c = state.counts();
        ObjectNode node = SsmJson.object()
                .put("InstanceId", state.instanceId())
                .put("PatchGroup", state.patchGroup())
                .put("BaselineId", state.baselineId());
        if (state.snapshotId() != null) {
            node.put("SnapshotId", state.snapshotId());
        }
        if (state.ownerInformation() != null) {
            node.put("OwnerInformation", state.ownerInformation());
        }
        node.put("InstalledCount", c.installed())
                .put("InstalledOtherCount", c.installedOther())
                .put("InstalledPendingRebootCount", c.installedPendingReboot())
                .put("InstalledRejectedCount", c.installedRejected())
                .put("MissingCount", c.missing())
                .put("FailedCount", c.failed())
                .put("UnreportedNotApplicableCount", c.unreportedNotApplicable())
                .put("NotApplicableCount", c.notApplicable())
                .put("AvailableSecurityUpdateCount", c.availableSecurityUpdate())
                .put("OperationStartTime", SsmJson.seconds(state.operationStartTime()))
                .put("OperationEndTime", SsmJson.seconds(state.operationEndTime()))
                .put("Operation", state.operation());
        if (state.lastNoRebootInstallOperationTime() != null) {
            node.put("LastNoRebootInstallOperationTime", SsmJson.seconds(state.lastNoRebootInstallOperationTime()));
        }
        if (state.rebootOption() != null) {
            node.put("RebootOption", state.rebootOption());
        }
        return node.put("CriticalNonCompliantCount", c.criticalNonCompliant())
                .put("SecurityNonCompliantCount", c.securityNonCompliant())
                .put("OtherNonCompliantCount", c.otherNonCompliant());
    }

    // --- ListCommandInvocations ------------------------------------------------------------------------------

    /**
     * One invocation per node of each command moto accepted in the scope, newest command first; by
     * {@code CommandId} and/or {@code InstanceId}, filters on invocation time, status, stage and document;
     * pages of {@code MaxResults} (1–50; 50 when not given). What each invocation says is what moto's
     * GetCommandInvocation says of it: succeeded, one {@code aws:runShellScript} plugin of five minutes (shown
     * with {@code Details: true}).
     */
    synchronized SsmAnswer listCommandInvocations(SsmScope scope, JsonNode request) {
        JsonNode filters = request.get("Filters");
        SsmProblems problems = new SsmProblems()
                .text("commandId", request.get("CommandId"), 36, 36, null)
                .text("instanceId", request.get("InstanceId"), 0, Integer.MAX_VALUE, SsmManagedInstance.INSTANCE_ID)
                .range("maxResults", request.get("MaxResults"), 1, 50)
                .size("filters", filters, 1, 5)
                .bool("details", request.get("Details"));
        if (filters != null && filters.isArray()) {
            for (int i = 0; i < filters.size(); i++) {
                JsonNode filter = filters.get(i);
                String f = "filters." + (i + 1) + ".member";
                problems.structure(f, filter)
                        .required(f + ".key", filter.get("key")).oneOf(f + ".key", filter.get("key"), COMMAND_FILTER_KEYS)
                        .required(f + ".value", filter.get("value")).text(f + ".value", filter.get("value"), 1, 128, null);
            }
        }
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        List<Map.Entry<String, String>> conditions = new ArrayList<>();
        for (JsonNode filter : request.path("Filters")) {
            String key = SsmJson.text(filter, "key");
            String value = SsmJson.text(filter, "value");
            if (key.startsWith("Invoked") && time(value).isEmpty()) {
                return SsmAnswer.error("ValidationException", "The value of the filter " + key
                        + " must be a timestamp such as 2026-01-31T00:00:00Z, not " + value);
            }
            conditions.add(Map.entry(key, value));
        }
        Deque<SentCommand> sent = commands.getOrDefault(scope, new ArrayDeque<>());
        String commandId = SsmJson.text(request, "CommandId");
        if (commandId != null && sent.stream().noneMatch(c -> c.commandId().equals(commandId))) {
            return SsmAnswer.error("InvalidCommandId", "Command " + commandId + " does not exist.");
        }
        String instanceId = SsmJson.text(request, "InstanceId");
        boolean details = request.path("Details").asBoolean(false);
        List<ObjectNode> invocations = new ArrayList<>();
        for (Iterator<SentCommand> it = sent.iterator(); it.hasNext(); ) {
            SentCommand command = it.next();
            if ((commandId != null && !commandId.equals(command.commandId())) || !commandMatches(command, conditions)) {
                continue;
            }
            for (String node : command.instanceIds()) {
                if (instanceId == null || instanceId.equals(node)) {
                    invocations.add(invocation(command, node, details));
                }
            }
        }
        return page(invocations, "ListCommandInvocations", request, 50, "CommandInvocations");
    }

    private static boolean commandMatches(SentCommand command, List<Map.Entry<String, String>> conditions) {
        for (Map.Entry<String, String> condition : conditions) {
            String value = condition.getValue();
            boolean match = switch (condition.getKey()) {
                case "InvokedAfter" -> !command.requested().isBefore(time(value).orElseThrow());
                case "InvokedBefore" -> !command.requested().isAfter(time(value).orElseThrow());
                case "Status" -> command.status().equalsIgnoreCase(value);
                case "ExecutionStage" -> value.equalsIgnoreCase(finished(command.status()) ? "Complete" : "Executing");
                default -> value.equals(command.documentName());
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static boolean finished(String status) {
        return !status.equals("Pending") && !status.equals("InProgress") && !status.equals("Delayed");
    }

    private static ObjectNode invocation(SentCommand command, String instanceId, boolean details) {
        ObjectNode invocation = SsmJson.object()
                .put("CommandId", command.commandId())
                .put("InstanceId", instanceId)
                .put("InstanceName", "")
                .put("Comment", command.comment())
                .put("DocumentName", command.documentName())
                .put("DocumentVersion", command.documentVersion())
                .put("RequestedDateTime", SsmJson.seconds(command.requested()))
                .put("Status", command.status())
                .put("StatusDetails", command.status())
                .put("TraceOutput", "")
                .put("StandardOutputUrl", "")
                .put("StandardErrorUrl", "");
        var plugins = invocation.putArray("CommandPlugins");
        if (details) {
            ObjectNode plugin = plugins.addObject()
                    .put("Name", MOTO_PLUGIN)
                    .put("Status", command.status())
                    .put("StatusDetails", command.status())
                    .put("ResponseCode", 0)
                    .put("ResponseStartDateTime", SsmJson.seconds(command.requested()))
                    .put("ResponseFinishDateTime", SsmJson.seconds(command.requested().plus(MOTO_ELAPSED)))
                    .put("Output", "")
                    .put("StandardOutputUrl", "")
                    .put("StandardErrorUrl", "");
            putIfNotEmpty(plugin, "OutputS3Region", command.outputS3Region());
            putIfNotEmpty(plugin, "OutputS3BucketName", command.outputS3BucketName());
            putIfNotEmpty(plugin, "OutputS3KeyPrefix", command.outputS3KeyPrefix());
        }
        invocation.put("ServiceRole", command.serviceRole());
        if (command.notificationConfig() != null && command.notificationConfig().isObject()) {
            invocation.set("NotificationConfig", command.notificationConfig().deepCopy());
        }
        ObjectNode cloudWatch = invocation.putObject("CloudWatchOutputConfig");
        JsonNode asked = command.cloudWatchOutputConfig();
        // the log group name has at least one character in the model: left out when the command named none
        putIfNotEmpty(cloudWatch, "CloudWatchLogGroupName", asked == null ? null : asked.path("CloudWatchLogGroupName").asText(""));
        cloudWatch.put("CloudWatchOutputEnabled", asked != null && asked.path("CloudWatchOutputEnabled").asBoolean(false));
        return invocation;
    }

    // --- shared ----------------------------------------------------------------------------------------------

    private static SsmAnswer page(List<ObjectNode> items, String operation, JsonNode request, int defaultSize, String listMember) {
        int size = request.path("MaxResults").asInt(defaultSize);
        Optional<SsmJson.Page<ObjectNode>> page = SsmJson.page(items, operation, SsmJson.text(request, "NextToken"), size);
        if (page.isEmpty()) {
            return SsmAnswer.error("InvalidNextToken", "The specified token isn't valid.");
        }
        ObjectNode answer = SsmJson.object();
        answer.putArray(listMember).addAll(page.get().items());
        if (page.get().nextToken() != null) {
            answer.put("NextToken", page.get().nextToken());
        }
        return SsmAnswer.json(answer);
    }

    private static Optional<Instant> time(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static void putIfNotEmpty(ObjectNode node, String member, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(member, value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static Map<String, ToIntFunction<SsmPatchState.Counts>> counters() {
        Map<String, ToIntFunction<SsmPatchState.Counts>> counters = new LinkedHashMap<>();
        counters.put("InstalledCount", SsmPatchState.Counts::installed);
        counters.put("InstalledOtherCount", SsmPatchState.Counts::installedOther);
        counters.put("InstalledPendingRebootCount", SsmPatchState.Counts::installedPendingReboot);
        counters.put("InstalledRejectedCount", SsmPatchState.Counts::installedRejected);
        counters.put("MissingCount", SsmPatchState.Counts::missing);
        counters.put("FailedCount", SsmPatchState.Counts::failed);
        counters.put("UnreportedNotApplicableCount", SsmPatchState.Counts::unreportedNotApplicable);
        counters.put("NotApplicableCount", SsmPatchState.Counts::notApplicable);
        counters.put("AvailableSecurityUpdateCount", SsmPatchState.Counts::availableSecurityUpdate);
        counters.put("CriticalNonCompliantCount", SsmPatchState.Counts::criticalNonCompliant);
        counters.put("SecurityNonCompliantCount", SsmPatchState.Counts::securityNonCompliant);
        counters.put("OtherNonCompliantCount", SsmPatchState.Counts::otherNonCompliant);
        return Collections.unmodifiableMap(counters);
    }
}
