package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The patch-baseline side of the gap server: a copy of every baseline created through it (moto keeps the
 * baseline but answers only its identity), the registrations of patch groups and the default baseline of each
 * operating system (moto mishandles the first and lacks the second), per {@link SsmScope}.
 *
 * <p>Baselines are created, listed and deleted in moto, and this class watches those calls: it refuses what AWS
 * would refuse before moto sees it, records what moto created, and patches moto's listings with what only this
 * copy knows (names and descriptions changed by updates, the operating system AWS defaults to, which baseline is
 * a default). Everything else about baselines it answers itself — their tags too: moto refuses every tagging call
 * on a patch baseline with {@code InvalidResourceId} (its resource check knows no baselines), and a create
 * request with {@code Tags} leaves the baseline behind while answering that error.
 */
final class SsmPatchBaselines {
    /** Bounds per scope; AWS answers {@code ResourceLimitExceededException} past its own quotas. */
    static final int MAX_BASELINES = 1_000;
    static final int MAX_PATCH_GROUPS = 1_000;
    /** The model's bound on a {@code TagList}. */
    static final int MAX_TAGS = 1_000;
    static final String TAGGED_TYPE = "PatchBaseline";

    private static final Pattern PATCH_GROUP = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    private static final Pattern TAG = PATCH_GROUP; // TagKey and TagValue share the pattern of PatchGroup
    private static final int DESCRIBE_PAGE = 100;

    private final Clock clock;
    private final AwsDefaultBaselines awsDefaults = new AwsDefaultBaselines();
    private final Map<SsmScope, Account> accounts = new HashMap<>();

    SsmPatchBaselines(Clock clock) {
        this.clock = clock;
    }

    /** A baseline as this server keeps it; {@code tags} in the order they were first set. */
    private record Stored(String id, PatchBaselineContent content, Instant created, Instant modified,
                          Map<String, String> tags) {
        Stored {
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        Stored withTags(Map<String, String> changed) {
            return new Stored(id, content, created, modified, changed);
        }
    }

    /** What one scope holds: baselines, patch group → (operating system → baseline id), operating system → default. */
    private static final class Account {
        final Map<String, Stored> baselines = new LinkedHashMap<>();
        final Map<String, Map<String, String>> groups = new TreeMap<>();
        final Map<String, String> defaults = new HashMap<>();

        List<String> groupsOf(String baselineId) {
            return groups.entrySet().stream().filter(g -> g.getValue().containsValue(baselineId)).map(Map.Entry::getKey).toList();
        }
    }

    synchronized void reset() {
        accounts.clear();
    }

    // --- CreatePatchBaseline (forwarded) ---------------------------------------------------------------------

    /** Answers a create request AWS would refuse (moto stores anything); empty when it may go to moto. */
    synchronized Optional<SsmAnswer> refuseCreate(SsmScope scope, JsonNode request) {
        SsmProblems problems = new SsmProblems();
        PatchBaselineContent.check(request, true, problems);
        checkTags("tags", request.get("Tags"), false, problems);
        if (problems.any()) {
            return problems.answer();
        }
        if (account(scope).baselines.size() >= MAX_BASELINES) {
            return Optional.of(SsmAnswer.error("ResourceLimitExceededException",
                    "this emulator keeps at most " + MAX_BASELINES + " patch baselines per region and account"));
        }
        return Optional.empty();
    }

    /**
     * The create request as moto gets it: without {@code Tags}, which moto cannot put on a baseline (it would
     * answer {@code InvalidResourceId} after creating the baseline); this server keeps them.
     */
    static JsonNode forMoto(JsonNode createRequest) {
        ObjectNode untagged = createRequest.deepCopy();
        untagged.remove("Tags");
        return untagged;
    }

    /** Records the baseline moto created for {@code request}, named by moto's answer, with the request's tags. */
    synchronized void created(SsmScope scope, JsonNode request, JsonNode motoAnswer) {
        String id = SsmJson.text(motoAnswer, "BaselineId");
        if (id != null) {
            Instant now = clock.instant();
            Map<String, String> tags = new LinkedHashMap<>();
            request.path("Tags").forEach(tag -> tags.put(SsmJson.text(tag, "Key"), SsmJson.text(tag, "Value")));
            account(scope).baselines.put(id, new Stored(id, PatchBaselineContent.created(request), now, now, tags));
        }
    }

    // --- GetPatchBaseline / UpdatePatchBaseline (served) -----------------------------------------------------

    synchronized SsmAnswer get(SsmScope scope, JsonNode request) {
        Optional<SsmAnswer> refused = checkBaselineId(request, "BaselineId");
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = SsmJson.text(request, "BaselineId");
        Account account = account(scope);
        Stored baseline = account.baselines.get(id);
        if (baseline == null) {
            return missing(scope, id);
        }
        ObjectNode answer = SsmJson.object().put("BaselineId", id);
        baseline.content().writeTo(answer);
        ArrayNode groups = answer.putArray("PatchGroups");
        account.groupsOf(id).forEach(groups::add);
        answer.put("CreatedDate", SsmJson.seconds(baseline.created()));
        answer.put("ModifiedDate", SsmJson.seconds(baseline.modified()));
        baseline.content().writeTailTo(answer);
        return SsmAnswer.json(answer);
    }

    synchronized SsmAnswer update(SsmScope scope, JsonNode request) {
        SsmProblems problems = new SsmProblems();
        PatchBaselineContent.check(request, false, problems);
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        String id = SsmJson.text(request, "BaselineId");
        Stored old = account(scope).baselines.get(id);
        if (old == null) {
            return missing(scope, id);
        }
        Stored updated = new Stored(id, old.content().updatedBy(request), old.created(), clock.instant(), old.tags());
        account(scope).baselines.put(id, updated);
        ObjectNode answer = SsmJson.object().put("BaselineId", id);
        updated.content().writeTo(answer);
        answer.put("CreatedDate", SsmJson.seconds(updated.created()));
        answer.put("ModifiedDate", SsmJson.seconds(updated.modified()));
        updated.content().writeTailTo(answer);
        return SsmAnswer.json(answer);
    }

    // --- DeletePatchBaseline (forwarded unless refused) ------------------------------------------------------

    /**
     * Answers a delete request that must not reach moto: one AWS refuses ({@code ResourceInUseException} for a
     * baseline registered with a patch group or registered as a default — the model documents the first, the
     * Terraform AWS provider's delete resets the default on that error before it retries), and one for a
     * baseline this server never saw created, which moto would answer with HTTP 500 (it looks the id up
     * unchecked) and which is answered as AWS's delete answers, with the id: the model gives the operation no
     * not-found error.
     */
    synchronized Optional<SsmAnswer> refuseDelete(SsmScope scope, JsonNode request) {
        Optional<SsmAnswer> refused = checkBaselineId(request, "BaselineId");
        if (refused.isPresent()) {
            return refused;
        }
        String id = SsmJson.text(request, "BaselineId");
        Account account = account(scope);
        Stored baseline = account.baselines.get(id);
        if (baseline == null) {
            return Optional.of(SsmAnswer.json(SsmJson.object().put("BaselineId", id)));
        }
        List<String> groups = account.groupsOf(id);
        if (!groups.isEmpty()) {
            return Optional.of(SsmAnswer.error("ResourceInUseException",
                    "Patch baseline " + id + " is registered with patch groups " + groups + "; deregister it first."));
        }
        String os = baseline.content().operatingSystem();
        if (id.equals(account.defaults.get(os))) {
            return Optional.of(SsmAnswer.error("ResourceInUseException",
                    "Patch baseline " + id + " is the default patch baseline for " + os + "; register another default first."));
        }
        return Optional.empty();
    }

    /**
     * Forgets a baseline moto deleted, and completes moto's answer: moto answers {@code {}}, the model's
     * {@code DeletePatchBaselineResult} carries the {@code BaselineId}.
     */
    synchronized SsmAnswer deleted(SsmScope scope, JsonNode request, SsmAnswer moto) {
        if (moto.status() != 200) {
            return moto;
        }
        String id = SsmJson.text(request, "BaselineId");
        account(scope).baselines.remove(id);
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id));
    }

    // --- DescribePatchBaselines (forwarded; filtered, paged and patched here) --------------------------------

    /** Answers a listing request whose filters or page size break the model's constraints. */
    Optional<SsmAnswer> refuseDescribe(JsonNode request) {
        SsmProblems problems = new SsmProblems();
        checkOrchestratorFilters(request, List.of("NAME_PREFIX", "OWNER", "OPERATING_SYSTEM"), problems);
        problems.range("maxResults", request.get("MaxResults"), 1, 100);
        return problems.answer();
    }

    /**
     * Moto's whole listing (asked for without filters or paging, which it handles wrongly: it takes
     * {@code NAME_PREFIX} as an exact name, ignores {@code OWNER} and {@code OPERATING_SYSTEM}, and never pages),
     * patched from this server's copy — name and description as last updated, the operating system AWS
     * defaults to, {@code DefaultBaseline} from the registered defaults — then filtered and paged as AWS does.
     * Moto lists only the account's own baselines, so {@code OWNER: AWS} finds none.
     */
    synchronized SsmAnswer described(SsmScope scope, JsonNode request, SsmAnswer moto) {
        if (moto.status() != 200) {
            return moto;
        }
        Optional<ObjectNode> body = SsmJson.parse(moto.body());
        if (body.isEmpty() || !body.get().path("BaselineIdentities").isArray()) {
            return SsmAnswer.fault("moto answered DescribePatchBaselines with no BaselineIdentities list");
        }
        Account account = account(scope);
        List<ObjectNode> identities = new ArrayList<>();
        for (JsonNode listed : body.get().get("BaselineIdentities")) {
            String id = SsmJson.text(listed, "BaselineId");
            Stored baseline = account.baselines.get(id);
            ObjectNode identity = baseline != null ? identity(account, baseline) : ((ObjectNode) listed.deepCopy());
            if (!identity.has("OperatingSystem")) {
                identity.put("OperatingSystem", PatchBaselineContent.DEFAULT_OPERATING_SYSTEM);
            }
            if (matches(request, identity)) {
                identities.add(identity);
            }
        }
        return page(identities, "DescribePatchBaselines", request, DESCRIBE_PAGE, "BaselineIdentities");
    }

    private static boolean matches(JsonNode request, ObjectNode identity) {
        for (JsonNode filter : request.path("Filters")) {
            List<String> values = SsmJson.texts(filter, "Values");
            String key = SsmJson.text(filter, "Key");
            boolean match = switch (key) {
                case "NAME_PREFIX" -> values.stream().anyMatch(v -> identity.path("BaselineName").asText().startsWith(v));
                case "OPERATING_SYSTEM" -> values.contains(identity.path("OperatingSystem").asText());
                case "OWNER" -> values.stream().anyMatch(v -> v.equalsIgnoreCase("Self") || v.equalsIgnoreCase("All"));
                default -> true;
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    // --- patch groups (served) -------------------------------------------------------------------------------

    /**
     * {@code RegisterPatchBaselineForPatchGroup}, served here: moto creates each new group with the AWS default
     * of every operating system already "registered", so registering a second operating system's baseline with
     * a group answers {@code AlreadyExistsException} there.
     */
    synchronized SsmAnswer registerForGroup(SsmScope scope, JsonNode request) {
        Optional<SsmAnswer> refused = checkGroupRequest(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = SsmJson.text(request, "BaselineId");
        String group = SsmJson.text(request, "PatchGroup");
        Account account = account(scope);
        Stored baseline = account.baselines.get(id);
        if (baseline == null) {
            return SsmAnswer.error("DoesNotExistException", "Patch Baseline " + id + " does not exist.");
        }
        String os = baseline.content().operatingSystem();
        Map<String, String> registered = account.groups.get(group);
        if (registered == null && account.groups.size() >= MAX_PATCH_GROUPS) {
            return SsmAnswer.error("ResourceLimitExceededException",
                    "this emulator keeps at most " + MAX_PATCH_GROUPS + " patch groups per region and account");
        }
        String other = registered == null ? null : registered.get(os);
        if (other != null && !other.equals(id)) {
            return SsmAnswer.error("AlreadyExistsException", "Patch group " + group
                    + " already has a baseline registered for operating system " + os + ": " + other + ".");
        }
        account.groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(os, id);
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id).put("PatchGroup", group));
    }

    /**
     * {@code DeregisterPatchBaselineForPatchGroup}, served here: moto's sets the registration again instead of
     * removing it. A registration that does not exist answers {@code DoesNotExistException}: the model lists only
     * {@code InvalidResourceId} for the operation, but the Terraform AWS provider, run against AWS itself, takes
     * {@code DoesNotExistException} from this call to mean "already deregistered".
     */
    synchronized SsmAnswer deregisterForGroup(SsmScope scope, JsonNode request) {
        Optional<SsmAnswer> refused = checkGroupRequest(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = SsmJson.text(request, "BaselineId");
        String group = SsmJson.text(request, "PatchGroup");
        Account account = account(scope);
        Map<String, String> registered = account.groups.get(group);
        if (registered == null || !registered.containsValue(id)) {
            return SsmAnswer.error("DoesNotExistException", "Patch group " + group + " is not registered with patch baseline " + id + ".");
        }
        registered.values().remove(id);
        if (registered.isEmpty()) {
            account.groups.remove(group);
        }
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id).put("PatchGroup", group));
    }

    /**
     * {@code GetPatchBaselineForPatchGroup}, served here because the registrations live here: the baseline
     * registered with the group for the operating system ({@code WINDOWS} when not given), else that operating
     * system's default baseline, as AWS resolves a group without one. (Moto answers HTTP 500 when the request
     * leaves the operating system out.)
     */
    synchronized SsmAnswer baselineForGroup(SsmScope scope, JsonNode request) {
        SsmProblems problems = new SsmProblems()
                .required("patchGroup", request.get("PatchGroup"))
                .text("patchGroup", request.get("PatchGroup"), 1, 256, PATCH_GROUP)
                .oneOf("operatingSystem", request.get("OperatingSystem"), PatchBaselineContent.OPERATING_SYSTEMS);
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        String group = SsmJson.text(request, "PatchGroup");
        String os = operatingSystem(request);
        String registered = account(scope).groups.getOrDefault(group, Map.of()).get(os);
        Optional<String> id = registered != null ? Optional.of(registered) : defaultOf(scope, os);
        if (id.isEmpty()) {
            return SsmAnswer.fault(awsDefaults.unavailable());
        }
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id.get()).put("PatchGroup", group).put("OperatingSystem", os));
    }

    /**
     * {@code DescribePatchGroups}: one mapping per registration, patch groups in name order; filters
     * {@code NAME_PREFIX} (of the patch group) and {@code OPERATING_SYSTEM}; pages of {@code MaxResults}
     * (1–100; 100 when not given, the model's maximum, as AWS documents no default).
     */
    synchronized SsmAnswer describeGroups(SsmScope scope, JsonNode request) {
        SsmProblems problems = new SsmProblems();
        checkOrchestratorFilters(request, List.of("NAME_PREFIX", "OPERATING_SYSTEM"), problems);
        problems.range("maxResults", request.get("MaxResults"), 1, 100);
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        Account account = account(scope);
        List<ObjectNode> mappings = new ArrayList<>();
        account.groups.forEach((group, byOs) -> byOs.forEach((os, id) -> {
            if (!groupMatches(request, group, os)) {
                return;
            }
            ObjectNode mapping = SsmJson.object().put("PatchGroup", group);
            mapping.set("BaselineIdentity", identity(account, account.baselines.get(id)));
            mappings.add(mapping);
        }));
        return page(mappings, "DescribePatchGroups", request, DESCRIBE_PAGE, "Mappings");
    }

    private static boolean groupMatches(JsonNode request, String group, String os) {
        for (JsonNode filter : request.path("Filters")) {
            List<String> values = SsmJson.texts(filter, "Values");
            boolean match = switch (SsmJson.text(filter, "Key")) {
                case "NAME_PREFIX" -> values.stream().anyMatch(group::startsWith);
                case "OPERATING_SYSTEM" -> values.contains(os);
                default -> true;
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    // --- default baselines (served) --------------------------------------------------------------------------

    /**
     * {@code RegisterDefaultPatchBaseline}: a baseline of this account becomes the default of its operating
     * system; the ARN of an AWS-managed default (of the request's region) makes that one the default again, as
     * AWS documents.
     */
    synchronized SsmAnswer registerDefault(SsmScope scope, JsonNode request) {
        Optional<SsmAnswer> refused = checkBaselineId(request, "BaselineId");
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = SsmJson.text(request, "BaselineId");
        Account account = account(scope);
        Stored baseline = account.baselines.get(id);
        if (baseline != null) {
            account.defaults.put(baseline.content().operatingSystem(), id);
        } else {
            Optional<String> awsOs = awsDefaults.operatingSystemOf(scope.region(), id);
            if (awsOs.isEmpty()) {
                return SsmAnswer.error("DoesNotExistException", "Patch Baseline " + id + " does not exist.");
            }
            account.defaults.remove(awsOs.get());
        }
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id));
    }

    /**
     * {@code GetDefaultPatchBaseline}: the registered default of the operating system ({@code WINDOWS} when not
     * given), else the AWS-managed default's ARN for the request's region.
     */
    synchronized SsmAnswer getDefault(SsmScope scope, JsonNode request) {
        SsmProblems problems = new SsmProblems()
                .oneOf("operatingSystem", request.get("OperatingSystem"), PatchBaselineContent.OPERATING_SYSTEMS);
        if (problems.any()) {
            return problems.answer().orElseThrow();
        }
        String os = operatingSystem(request);
        Optional<String> id = defaultOf(scope, os);
        if (id.isEmpty()) {
            return SsmAnswer.fault(awsDefaults.unavailable().isEmpty()
                    ? "no AWS default patch baseline is known for " + os + " in " + scope.region() : awsDefaults.unavailable());
        }
        return SsmAnswer.json(SsmJson.object().put("BaselineId", id.get()).put("OperatingSystem", os));
    }

    private Optional<String> defaultOf(SsmScope scope, String os) {
        String registered = account(scope).defaults.get(os);
        return registered != null ? Optional.of(registered) : awsDefaults.arn(scope.region(), os);
    }

    // --- tags of baselines (served) ----------------------------------------------------------------------------

    /** Whether a tagging request names a patch baseline: those are served here, every other resource type by moto. */
    static boolean tagsABaseline(JsonNode request) {
        return TAGGED_TYPE.equals(SsmJson.text(request, "ResourceType"));
    }

    /**
     * Answers a tagging request ({@code AddTagsToResource}, {@code RemoveTagsFromResource},
     * {@code ListTagsForResource}) that breaks the model's constraints; empty when it may be served.
     */
    static Optional<SsmAnswer> refuseTagging(String operation, JsonNode request) {
        SsmProblems problems = new SsmProblems()
                .required("resourceType", request.get("ResourceType"))
                .required("resourceId", request.get("ResourceId"))
                .text("resourceId", request.get("ResourceId"), 0, Integer.MAX_VALUE, null);
        if (operation.equals("AddTagsToResource")) {
            checkTags("tags", request.get("Tags"), true, problems);
        } else if (operation.equals("RemoveTagsFromResource")) {
            problems.required("tagKeys", request.get("TagKeys")).size("tagKeys", request.get("TagKeys"), 0, Integer.MAX_VALUE);
        }
        return problems.answer();
    }

    /** {@code AddTagsToResource} on a patch baseline (checked by the caller): each tag set, replacing a key's value. */
    synchronized SsmAnswer addTags(SsmScope scope, JsonNode request) {
        return retag(scope, request, tags -> request.get("Tags").forEach(t -> tags.put(SsmJson.text(t, "Key"), SsmJson.text(t, "Value"))));
    }

    /** {@code RemoveTagsFromResource} on a patch baseline (checked by the caller): keys it does not have are ignored. */
    synchronized SsmAnswer removeTags(SsmScope scope, JsonNode request) {
        return retag(scope, request, tags -> SsmJson.texts(request, "TagKeys").forEach(tags::remove));
    }

    /** {@code ListTagsForResource} on a patch baseline. */
    synchronized SsmAnswer listTags(SsmScope scope, JsonNode request) {
        Stored baseline = account(scope).baselines.get(SsmJson.text(request, "ResourceId"));
        if (baseline == null) {
            return untaggable(request);
        }
        ObjectNode answer = SsmJson.object();
        ArrayNode list = answer.putArray("TagList");
        baseline.tags().forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        return SsmAnswer.json(answer);
    }

    private SsmAnswer retag(SsmScope scope, JsonNode request, Consumer<Map<String, String>> change) {
        Stored baseline = account(scope).baselines.get(SsmJson.text(request, "ResourceId"));
        if (baseline == null) {
            return untaggable(request);
        }
        Map<String, String> tags = new LinkedHashMap<>(baseline.tags());
        change.accept(tags);
        if (tags.size() > MAX_TAGS) {
            return SsmAnswer.error("TooManyTagsError", "A patch baseline has at most " + MAX_TAGS + " tags here.");
        }
        account(scope).baselines.put(baseline.id(), baseline.withTags(tags));
        return SsmAnswer.json(SsmJson.object());
    }

    private static SsmAnswer untaggable(JsonNode request) {
        return SsmAnswer.error("InvalidResourceId", "Patch baseline " + SsmJson.text(request, "ResourceId") + " does not exist.");
    }

    private static void checkTags(String at, JsonNode tags, boolean required, SsmProblems problems) {
        if (required) {
            problems.required(at, tags);
        }
        problems.size(at, tags, 0, MAX_TAGS);
        if (tags == null || !tags.isArray()) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            String t = at + "." + (i + 1) + ".member";
            problems.structure(t, tag)
                    .required(t + ".key", tag.get("Key")).text(t + ".key", tag.get("Key"), 1, 128, TAG)
                    .required(t + ".value", tag.get("Value")).text(t + ".value", tag.get("Value"), 0, 256, TAG);
        }
    }

    // --- shared ----------------------------------------------------------------------------------------------

    /** {@code PatchBaselineIdentity} of a baseline this server keeps. */
    private static ObjectNode identity(Account account, Stored baseline) {
        PatchBaselineContent content = baseline.content();
        ObjectNode identity = SsmJson.object()
                .put("BaselineId", baseline.id())
                .put("BaselineName", content.name())
                .put("OperatingSystem", content.operatingSystem());
        if (content.description() != null) {
            identity.put("BaselineDescription", content.description());
        }
        return identity.put("DefaultBaseline", baseline.id().equals(account.defaults.get(content.operatingSystem())));
    }

    /**
     * A baseline this account does not have: {@code DoesNotExistException}, except for an AWS-managed baseline,
     * which exists but whose content this emulator does not have — a fault, so that no test mistakes it for absent.
     */
    private SsmAnswer missing(SsmScope scope, String id) {
        if (awsDefaults.operatingSystemOf(scope.region(), id).isPresent()) {
            return SsmAnswer.fault("the content of the AWS-managed patch baseline " + id + " is not emulated");
        }
        return SsmAnswer.error("DoesNotExistException", "Patch Baseline " + id + " does not exist.");
    }

    private static SsmAnswer page(List<ObjectNode> items, String operation, JsonNode request, int defaultSize, String listMember) {
        int size = request.path("MaxResults").asInt(defaultSize);
        Optional<SsmJson.Page<ObjectNode>> page = SsmJson.page(items, operation, SsmJson.text(request, "NextToken"), size);
        if (page.isEmpty()) {
            // neither operation models InvalidNextToken: AWS answers a bad token as a bad request
            return SsmAnswer.error("ValidationException", "The NextToken is not valid for " + operation + ".");
        }
        ObjectNode answer = SsmJson.object();
        answer.putArray(listMember).addAll(page.get().items());
        if (page.get().nextToken() != null) {
            answer.put("NextToken", page.get().nextToken());
        }
        return SsmAnswer.json(answer);
    }

    private static void checkOrchestratorFilters(JsonNode request, List<String> keys, SsmProblems problems) {
        JsonNode filters = request.get("Filters");
        problems.size("filters", filters, 0, 5);
        if (filters == null || !filters.isArray()) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            String at = "filters." + (i + 1) + ".member";
            JsonNode filter = filters.get(i);
            problems.structure(at, filter)
                    .required(at + ".key", filter.get("Key"))
                    .text(at + ".key", filter.get("Key"), 1, 128, null)
                    .oneOf(at + ".key", filter.get("Key"), keys)
                    .size(at + ".values", filter.get("Values"), 0, Integer.MAX_VALUE);
        }
    }

    private static Optional<SsmAnswer> checkBaselineId(JsonNode request, String member) {
        return new SsmProblems()
                .required(SsmProblems.member(member), request.get(member))
                .text(SsmProblems.member(member), request.get(member), 20, 128, PatchBaselineContent.BASELINE_ID)
                .answer();
    }

    private static Optional<SsmAnswer> checkGroupRequest(JsonNode request) {
        return new SsmProblems()
                .required("baselineId", request.get("BaselineId"))
                .text("baselineId", request.get("BaselineId"), 20, 128, PatchBaselineContent.BASELINE_ID)
                .required("patchGroup", request.get("PatchGroup"))
                .text("patchGroup", request.get("PatchGroup"), 1, 256, PATCH_GROUP)
                .answer();
    }

    private static String operatingSystem(JsonNode request) {
        String os = SsmJson.text(request, "OperatingSystem");
        return os == null ? PatchBaselineContent.DEFAULT_OPERATING_SYSTEM : os;
    }

    private Account account(SsmScope scope) {
        return accounts.computeIfAbsent(scope, s -> new Account());
    }
}
