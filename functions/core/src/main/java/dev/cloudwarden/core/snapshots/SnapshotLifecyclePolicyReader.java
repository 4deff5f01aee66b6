package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.core.policy.PolicyNodes;
import dev.cloudwarden.api.SnapshotPlacement;
import dev.cloudwarden.core.policy.ChangeLimit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Retention;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Selection;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.UnprotectedVolumes;
import dev.cloudwarden.core.schedule.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code snapshotLifecycle} section of a policy. */
final class SnapshotLifecyclePolicyReader {
    static final String SECTION = "snapshotLifecycle";
    /** The tag keys cloudwarden writes on its snapshots: a plan may not copy a volume tag onto them. */
    static final String OWN_PREFIX = "cloudwarden:";
    private static final Pattern PLAN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final PolicyNodes nodes;
    private final CloudNames names;
    private final Instant now;

    /**
     * @param names may be null when the policy's own cloud field is invalid; the cloud's naming checks are then skipped
     * @param now   the time the policy is judged at: each schedule must fire within a year of it, and again within a year
     */
    SnapshotLifecyclePolicyReader(PolicyNodes nodes, CloudNames names, Instant now) {
        this.nodes = nodes;
        this.names = names;
        this.now = now;
    }

    SnapshotLifecyclePolicy read(JsonNode node, Field at) {
        if (!nodes.object(node, at, "plans", "unprotectedVolumes", "protectTags", "protectTag", "blastRadius")) {
            return null;
        }
        List<Plan> plans = null;
        if (!node.has("plans")) {
            nodes.error(at.child("plans"), "required: at least one plan (name, schedule, select, retain)");
        } else {
            plans = nodes.list(node.get("plans"), at.child("plans"), true, this::plan);
            uniqueNames(node.get("plans"), at.child("plans")); // also when another plan has errors of its own
        }
        UnprotectedVolumes unprotected = node.has("unprotectedVolumes")
                ? unprotected(node.get("unprotectedVolumes"), at.child("unprotectedVolumes")) : UnprotectedVolumes.REPORT_ALL;
        Map<String, String> protectTags = protectTags(node, at);
        ChangeLimit blast = node.has("blastRadius") ? nodes.changeLimit(node.get("blastRadius"), at.child("blastRadius"), "maxDeletions",
                "the snapshots one run may delete") : ChangeLimit.DEFAULT;
        if (plans == null || unprotected == null || protectTags == null || blast == null) {
            return null;
        }
        return new SnapshotLifecyclePolicy(plans, unprotected, protectTags, blast);
    }

    private Plan plan(JsonNode node, Field at) {
        if (!nodes.object(node, at, "name", "schedule", "timezone", "select", "copyTags", "retain", "copies", "placement")) {
            return null;
        }
        String name = nodes.text(node, at.child("name"), true);
        if (name != null && !PLAN_NAME.matcher(name).matches()) {
            nodes.error(at.child("name"), "expected 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, got \"" + name + "\"");
            name = null;
        }
        ZoneId zone = node.has("timezone") ? zone(node, at.child("timezone")) : ZoneOffset.UTC;
        Schedule schedule = null;
        String expression = nodes.text(node, at.child("schedule"), true);
        if (expression != null && zone != null) {
            try {
                schedule = Schedule.parse(expression, zone);
                schedule.requireFiringWithinAYear(now);
            } catch (IllegalArgumentException e) {
                nodes.error(at.child("schedule"), e.getMessage());
                schedule = null;
            }
        }
        Selection selection = node.has("select") ? selection(node.get("select"), at.child("select")) : null;
        if (!node.has("select")) {
            nodes.error(at.child("select"), "required: volumeTags (each volume on its own) or instanceTags (each instance's volumes as one set)");
        }
        List<String> copyTags = node.has("copyTags") ? copyTags(node.get("copyTags"), at.child("copyTags")) : List.of();
        Retention retain = null;
        if (!node.has("retain")) {
            nodes.error(at.child("retain"), "required: what to keep (count, maxAge, daily, weekly, monthly)");
        } else {
            retain = retention(node.get("retain"), at.child("retain"));
        }
        Retention planRetention = retain;
        List<CopyTarget> copies = node.has("copies")
                ? nodes.list(node.get("copies"), at.child("copies"), true, (n, f) -> copyTarget(n, f, planRetention)) : List.of();
        if (copies != null) {
            uniqueRegions(copies, at.child("copies"));
        }
        SnapshotPlacement placement = node.has("placement") ? placement(node.get("placement"), at.child("placement"))
                : SnapshotPlacement.DEFAULT;
        if (name == null || zone == null || schedule == null || selection == null || copyTags == null || retain == null
                || copies == null || placement == null) {
            return null;
        }
        return new Plan(name, schedule, zone, selection, copyTags, retain, copies, placement);
    }

    /**
     * {@code {group: rg-backups}} (Azure: the resource group the snapshots are created in) or {@code {locations: [eu]}}
     * (GCP: where their data is stored). Whether the cloud takes it is the provider's to say when the plan is run.
     */
    private SnapshotPlacement placement(JsonNode node, Field at) {
        if (!nodes.object(node, at, "group", "locations")) {
            return null;
        }
        String group = node.has("group") ? nodes.nonBlank(node.get("group"), at.child("group")) : "";
        List<String> locations = node.has("locations")
                ? nodes.list(node.get("locations"), at.child("locations"), true, nodes::nonBlank) : List.of();
        if (group == null || locations == null) {
            return null;
        }
        if (group.isEmpty() && locations.isEmpty()) {
            nodes.error(at, "expected group (an Azure resource group) or locations (GCP storage locations), got neither");
            return null;
        }
        return new SnapshotPlacement(Optional.of(group).filter(g -> !g.isEmpty()), locations);
    }

    private ZoneId zone(JsonNode parent, Field at) {
        String id = nodes.text(parent, at, true);
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            nodes.error(at, "expected an IANA time zone such as UTC or Europe/Berlin, got \"" + id + "\"");
            return null;
        }
    }

    private Selection selection(JsonNode node, Field at) {
        if (!nodes.object(node, at, "volumeTags", "instanceTags", "excludeRootVolume")) {
            return null;
        }
        boolean byVolume = node.has("volumeTags");
        boolean byInstance = node.has("instanceTags");
        if (byVolume == byInstance) {
            nodes.error(at, byVolume ? "give volumeTags or instanceTags, not both: a plan snapshots volumes one by one or instances' volumes as sets"
                    : "required: volumeTags (each volume on its own) or instanceTags (each instance's volumes as one set)");
            return null;
        }
        if (byVolume && node.has("excludeRootVolume")) {
            nodes.error(at.child("excludeRootVolume"), "only with instanceTags: a volume selected by its own tags is taken whatever it is attached as");
            return null;
        }
        Field tagsAt = at.child(byVolume ? "volumeTags" : "instanceTags");
        Map<String, String> tags = nodes.tagMap(node.get(byVolume ? "volumeTags" : "instanceTags"), tagsAt, "value (\"*\" for any value)");
        if (tags != null && tags.isEmpty()) {
            nodes.error(tagsAt, "expected at least one tag: a selection by no tag would snapshot every " + (byVolume ? "volume" : "instance"));
            return null;
        }
        boolean excludeRoot = nodes.bool(node, at.child("excludeRootVolume"), false);
        if (tags == null) {
            return null;
        }
        return byVolume ? new Selection.Volumes(tags) : new Selection.Instances(tags, excludeRoot);
    }

    private List<String> copyTags(JsonNode node, Field at) {
        List<String> keys = nodes.list(node, at, true, (n, f) -> {
            String key = nodes.nonBlank(n, f);
            if (key == null) {
                return null;
            }
            if (key.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX)) {
                nodes.error(f, "\"" + key + "\" is one of cloudwarden's own tags, which it writes itself");
                return null;
            }
            if (names != null && names.reservedKey(key)) {
                nodes.error(f, "\"" + key + "\" is reserved by the cloud, which writes it itself: it cannot be set on a snapshot");
                return null;
            }
            return key;
        });
        if (keys != null && keys.contains(Plan.ALL_TAGS) && keys.size() > 1) {
            nodes.error(at, "\"*\" already copies every tag: list keys, or \"*\" alone");
            return null;
        }
        return keys;
    }

    private Retention retention(JsonNode node, Field at) {
        if (!nodes.object(node, at, "count", "maxAge", "daily", "weekly", "monthly")) {
            return null;
        }
        OptionalInt count = optionalCount(node, at.child("count"));
        OptionalInt daily = optionalCount(node, at.child("daily"));
        OptionalInt weekly = optionalCount(node, at.child("weekly"));
        OptionalInt monthly = optionalCount(node, at.child("monthly"));
        Optional<Duration> maxAge = Optional.empty();
        if (node.has("maxAge")) {
            Duration age = nodes.age(node, at.child("maxAge"), true, "36h, 30d or 12w (hours, days, weeks)");
            if (age == null) {
                return null;
            }
            maxAge = Optional.of(age);
        }
        if (count == null || daily == null || weekly == null || monthly == null) {
            return null;
        }
        if (count.isEmpty() && maxAge.isEmpty() && daily.isEmpty() && weekly.isEmpty() && monthly.isEmpty()) {
            nodes.error(at, "expected at least one of count, maxAge, daily, weekly, monthly: a retention that keeps nothing would delete everything");
            return null;
        }
        return new Retention(count, maxAge, daily, weekly, monthly);
    }

    /** An absent field is empty; an invalid one is null (its error recorded). */
    private OptionalInt optionalCount(JsonNode parent, Field at) {
        if (!parent.has(lastName(at))) {
            return OptionalInt.empty();
        }
        Integer n = nodes.integer(parent, at, true, 1, 100_000);
        return n == null ? null : OptionalInt.of(n);
    }

    private CopyTarget copyTarget(JsonNode node, Field at, Retention planRetention) {
        if (!nodes.object(node, at, "region", "kmsKeyId", "retain")) {
            return null;
        }
        String region = nodes.text(node, at.child("region"), true);
        Optional<String> problem = region == null || names == null ? Optional.empty() : names.regionProblem(region);
        if (problem.isPresent()) {
            nodes.error(at.child("region"), problem.get());
            region = null;
        }
        Optional<String> key = Optional.empty();
        if (node.has("kmsKeyId")) {
            String id = nodes.text(node, at.child("kmsKeyId"), true);
            if (id == null) {
                return null;
            }
            key = Optional.of(id);
        }
        // without its own rules a copy keeps what the plan keeps of the originals
        Retention retain = node.has("retain") ? retention(node.get("retain"), at.child("retain")) : planRetention;
        if (region == null || retain == null) {
            return null;
        }
        return new CopyTarget(region, key, retain);
    }

    private UnprotectedVolumes unprotected(JsonNode node, Field at) {
        if (!nodes.object(node, at, "report", "ignore")) {
            return null;
        }
        boolean report = nodes.bool(node, at.child("report"), true);
        if (!node.has("ignore")) {
            return new UnprotectedVolumes(report, Set.of(), Map.of());
        }
        JsonNode ignore = node.get("ignore");
        Field ignoreAt = at.child("ignore");
        if (!nodes.object(ignore, ignoreAt, "volumeIds", "tags")) {
            return null;
        }
        List<String> ids = ignore.has("volumeIds")
                ? nodes.list(ignore.get("volumeIds"), ignoreAt.child("volumeIds"), false, nodes::nonBlank) : List.of();
        Map<String, String> tags = ignore.has("tags")
                ? nodes.tagMap(ignore.get("tags"), ignoreAt.child("tags"), "value (\"*\" for any value)") : Map.of();
        return ids == null || tags == null ? null : new UnprotectedVolumes(report, Set.copyOf(ids), tags);
    }


    /**
     * {@code protectTags}, a mapping of tag key to value ({@code *}: any value) as every other tag filter takes; or its
     * old form {@code protectTag}, one key (any value), read the same with a warning. Null when invalid.
     */
    private Map<String, String> protectTags(JsonNode node, Field at) {
        String name = nodes.renamed(node, at, "protectTags", "protectTag",
                "a mapping of tag key to value, \"*\" for any value, as every other tag filter takes: {\"cloudwarden:protect\": \"*\"}");
        if (name == null) {
            return null;
        }
        if (!node.has(name)) {
            return SnapshotLifecyclePolicy.DEFAULT_PROTECT_TAGS;
        }
        if (name.equals("protectTag")) {
            String key = tagKey(node.get(name), at.child(name));
            return key == null ? null : Map.of(key, "*");
        }
        Map<String, String> tags = nodes.tagMap(node.get(name), at.child(name), "value (\"*\" for any value)");
        if (tags == null) {
            return null;
        }
        boolean ok = true;
        for (String key : tags.keySet()) {
            ok &= ownKey(key, at.child(name).child(key)) != null;
        }
        return ok ? tags : null;
    }

    private String tagKey(JsonNode node, Field at) {
        String key = nodes.nonBlank(node, at);
        return key == null ? null : ownKey(key, at);
    }

    /** {@code key}, unless the cloud reserves it (null, the error recorded). */
    private String ownKey(String key, Field at) {
        Optional<String> problem = names == null ? Optional.empty() : names.tagKeyProblem(key);
        if (problem.isPresent()) {
            nodes.error(at, problem.get());
            return null;
        }
        return key;
    }

    /** Read from the document itself, so that a duplicate is reported even when some plan is invalid otherwise. */
    private void uniqueNames(JsonNode plans, Field at) {
        if (!plans.isArray()) {
            return;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            JsonNode name = plans.get(i).path("name");
            if (!name.isTextual()) {
                continue;
            }
            Integer earlier = first.putIfAbsent(name.textValue(), i);
            if (earlier != null) {
                nodes.error(at.index(i).child("name"), "\"" + name.textValue() + "\" is already the name of plans[" + earlier
                        + "]: a plan's name marks the snapshots it owns, so each plan needs its own");
            }
        }
    }

    private void uniqueRegions(List<CopyTarget> copies, Field at) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copies.size(); i++) {
            if (!seen.add(copies.get(i).region())) {
                nodes.error(at.index(i).child("region"), "\"" + copies.get(i).region() + "\" is listed twice");
            }
        }
    }

    private static String lastName(Field at) {
        return at.path().substring(at.path().lastIndexOf('.') + 1);
    }
}
