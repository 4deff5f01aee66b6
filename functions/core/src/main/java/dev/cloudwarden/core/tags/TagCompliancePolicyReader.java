package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.policy.PolicyNodes;
import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.ValuePattern;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import dev.cloudwarden.core.tags.TagCompliancePolicy.BlastRadius;
import dev.cloudwarden.core.tags.TagCompliancePolicy.CreatorTags;
import dev.cloudwarden.core.tags.TagCompliancePolicy.Exemptions;
import dev.cloudwarden.core.tags.TagCompliancePolicy.KeyCase;
import dev.cloudwarden.core.tags.TagCompliancePolicy.MarkForOp;
import dev.cloudwarden.core.tags.TagCompliancePolicy.Remediation;
import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import dev.cloudwarden.core.tags.TagCompliancePolicy.ValueRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code tagCompliance} section of a policy. */
final class TagCompliancePolicyReader {
    static final String SECTION = "tagCompliance";
    private static final Pattern AFTER = Pattern.compile("(\\d{1,4})([dh])");

    private final PolicyNodes nodes;
    private final CloudNames names;

    /** {@code names} may be null when the policy's own cloud field is invalid; the cloud's naming checks are then skipped. */
    TagCompliancePolicyReader(PolicyNodes nodes, CloudNames names) {
        this.nodes = nodes;
        this.names = names;
    }

    TagCompliancePolicy read(JsonNode node, Field at) {
        if (!nodes.object(node, at, "resourceTypes", "required", "exempt", "remediation", "creatorTags", "notify", "blastRadius")) {
            return null;
        }
        List<String> types = node.has("resourceTypes")
                ? nodes.list(node.get("resourceTypes"), at.child("resourceTypes"), true, nodes::nonBlank) : null;
        if (!node.has("resourceTypes")) {
            nodes.error(at.child("resourceTypes"), "required: the resource types to sweep, such as [ec2:instance, ec2:volume]");
        } else if (types != null) {
            duplicates(types, at.child("resourceTypes"));
        }
        Set<String> scope = types == null ? null : new LinkedHashSet<>(types);
        List<RequiredTag> required = null;
        if (!node.has("required")) {
            nodes.error(at.child("required"), "required: the tags every resource must carry");
        } else {
            required = nodes.list(node.get("required"), at.child("required"), true, (n, f) -> requiredTag(n, f, scope));
            if (required != null) {
                duplicateKeys(required, at.child("required"));
            }
        }
        Exemptions exempt = node.has("exempt") ? exemptions(node.get("exempt"), at.child("exempt")) : Exemptions.NONE;
        Remediation remediation = node.has("remediation")
                ? remediation(node.get("remediation"), at.child("remediation"), scope) : Remediation.REPORT_ONLY;
        Optional<CreatorTags> creator = node.has("creatorTags")
                ? Optional.ofNullable(creatorTags(node.get("creatorTags"), at.child("creatorTags"))) : Optional.empty();
        Optional<String> topic = node.has("notify") ? Optional.ofNullable(notifyTopic(node.get("notify"), at.child("notify"))) : Optional.empty();
        BlastRadius blast = node.has("blastRadius") ? blastRadius(node.get("blastRadius"), at.child("blastRadius")) : BlastRadius.DEFAULT;
        if (types == null || required == null || exempt == null || remediation == null || blast == null
                || (node.has("creatorTags") && creator.isEmpty()) || (node.has("notify") && topic.isEmpty())) {
            return null;
        }
        reservedKeys(required, remediation, at);
        return new TagCompliancePolicy(types, required, exempt, remediation, creator, topic, blast);
    }

    private RequiredTag requiredTag(JsonNode node, Field at, Set<String> scope) {
        if (!nodes.object(node, at, "key", "otherSpellings", "case", "allowed", "pattern", "default", "resourceTypes", "when")) {
            return null;
        }
        String key = tagKey(node, at.child("key"), true);
        KeyCase keyCase = keyCase(node, at);
        ValueRule values = valueRule(node, at);
        Optional<String> defaultValue = Optional.empty();
        if (node.has("default")) {
            String value = tagValue(node.get("default"), at.child("default"));
            if (value != null && values != null && !values.accepts(value)) {
                nodes.error(at.child("default"), "the default \"" + value + "\" is not itself accepted: expected " + values.describe());
            }
            defaultValue = Optional.ofNullable(value);
        }
        Set<String> types = node.has("resourceTypes") ? subset(node.get("resourceTypes"), at.child("resourceTypes"), scope) : Set.of();
        Map<String, String> when = node.has("when")
                ? nodes.tagMap(node.get("when"), at.child("when"), "value (\"*\" for any value)") : Map.of();
        if (key == null || keyCase == null || values == null || types == null || when == null
                || (node.has("default") && defaultValue.isEmpty())) {
            return null;
        }
        return new RequiredTag(key, keyCase, values, defaultValue, types, when);
    }

    /**
     * {@code otherSpellings: report | accept}: what another spelling of the key is. Its old form, {@code case: exact |
     * insensitive}, read backwards beside {@code fixCase} (a "case-insensitive" tag is the one fixCase never renames),
     * and is read the same with a warning. Null when invalid.
     */
    private KeyCase keyCase(JsonNode node, Field at) {
        String name = nodes.renamed(node, at, "otherSpellings", "case",
                "report: another spelling such as Owner is a finding, which remediation.fixCase renames; accept: it is the tag");
        if (name == null) {
            return null;
        }
        if (!node.has(name)) {
            return KeyCase.EXACT;
        }
        if (name.equals("case")) {
            String[] old = {"exact", "insensitive"};
            String value = nodes.choice(node, at.child("case"), true, old, v -> v);
            return value == null ? null : value.equals("exact") ? KeyCase.EXACT : KeyCase.INSENSITIVE;
        }
        return nodes.choice(node, at.child("otherSpellings"), true, KeyCase.values(), KeyCase::id);
    }

    private ValueRule valueRule(JsonNode node, Field at) {
        if (node.has("allowed") && node.has("pattern")) {
            nodes.error(at.child("pattern"), "give allowed or pattern, not both");
            return null;
        }
        if (node.has("allowed")) {
            List<String> allowed = nodes.list(node.get("allowed"), at.child("allowed"), true, this::tagValue);
            return allowed == null ? null : new ValueRule.OneOf(allowed);
        }
        if (node.has("pattern")) {
            String regex = nodes.text(node, at.child("pattern"), true);
            if (regex == null) {
                return null;
            }
            try {
                return new ValueRule.Matching(ValuePattern.compile(regex));
            } catch (IllegalArgumentException e) {
                nodes.error(at.child("pattern"), e.getMessage());
                return null;
            }
        }
        return new ValueRule.AnyValue();
    }

    private Exemptions exemptions(JsonNode node, Field at) {
        if (!nodes.object(node, at, "resourceIds", "tags")) {
            return null;
        }
        List<String> ids = node.has("resourceIds")
                ? nodes.list(node.get("resourceIds"), at.child("resourceIds"), false, nodes::nonBlank) : List.of();
        Map<String, String> tags = node.has("tags")
                ? nodes.tagMap(node.get("tags"), at.child("tags"), "value (\"*\" for any value)") : Map.of();
        return ids == null || tags == null ? null : new Exemptions(Set.copyOf(ids), tags);
    }

    private Remediation remediation(JsonNode node, Field at, Set<String> scope) {
        if (!nodes.object(node, at, "addDefaults", "fixCase", "markForOp")) {
            return null;
        }
        boolean addDefaults = nodes.bool(node, at.child("addDefaults"), false);
        boolean fixCase = nodes.bool(node, at.child("fixCase"), false);
        if (!node.has("markForOp")) {
            return new Remediation(addDefaults, fixCase, Optional.empty());
        }
        MarkForOp mark = markForOp(node.get("markForOp"), at.child("markForOp"), scope);
        return mark == null ? null : new Remediation(addDefaults, fixCase, Optional.of(mark));
    }

    private MarkForOp markForOp(JsonNode node, Field at, Set<String> scope) {
        if (!nodes.object(node, at, "action", "after", "tag", "resourceTypes")) {
            return null;
        }
        MarkForOp.Action action = nodes.choice(node, at.child("action"), true, MarkForOp.Action.values(), MarkForOp.Action::id);
        Duration after = after(node, at.child("after"));
        String tag = node.has("tag") ? tagKey(node, at.child("tag"), true) : MarkForOp.DEFAULT_TAG;
        Set<String> types = node.has("resourceTypes") ? subset(node.get("resourceTypes"), at.child("resourceTypes"), scope) : null;
        if (action == null || after == null || tag == null || (node.has("resourceTypes") && types == null)) {
            return null;
        }
        String stoppable = names == null ? null : names.instanceType();
        if (types == null) { // stop marks what it can stop; notify marks everything it sweeps
            types = action == MarkForOp.Action.STOP ? Set.of(stoppable == null ? "" : stoppable) : scope == null ? Set.of() : scope;
        }
        if (action == MarkForOp.Action.STOP && stoppable != null) {
            for (String type : types) {
                if (!type.equals(stoppable)) {
                    nodes.error(at.child("resourceTypes"), "action stop can only stop " + stoppable + ", not " + type);
                }
            }
        }
        return new MarkForOp(action, after, tag, types);
    }

    private Duration after(JsonNode parent, Field at) {
        String text = nodes.text(parent, at, true);
        if (text == null) {
            return null;
        }
        Matcher m = AFTER.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            nodes.error(at, "expected a delay such as 3d (days) or 12h (hours), at least 1h, got \"" + text + "\"");
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    }

    private CreatorTags creatorTags(JsonNode node, Field at) {
        if (!nodes.object(node, at, "principal", "principalType", "time")) {
            return null;
        }
        CreatorTags defaults = CreatorTags.DEFAULT;
        String principal = node.has("principal") ? tagKey(node, at.child("principal"), true) : defaults.principalKey();
        String type = node.has("principalType") ? tagKey(node, at.child("principalType"), true) : defaults.principalTypeKey();
        String time = node.has("time") ? tagKey(node, at.child("time"), true) : defaults.timeKey();
        if (principal == null || type == null || time == null) {
            return null;
        }
        if (new java.util.HashSet<>(List.of(principal, type, time)).size() < 3) {
            nodes.error(at, "principal, principalType and time need three different keys, got " + principal + ", " + type + ", " + time);
            return null;
        }
        return new CreatorTags(principal, type, time);
    }

    private String notifyTopic(JsonNode node, Field at) {
        if (!nodes.object(node, at, "topic")) {
            return null;
        }
        String topic = nodes.text(node, at.child("topic"), true);
        Optional<String> problem = topic == null || names == null ? Optional.empty() : names.topicProblem(topic);
        if (problem.isPresent()) {
            nodes.error(at.child("topic"), problem.get());
            return null;
        }
        return topic;
    }

    private BlastRadius blastRadius(JsonNode node, Field at) {
        ChangeLimit changes = nodes.changeLimit(node, at, "maxResources", "the resources one run may retag or stop", "maxStops");
        if (changes == null) {
            return null;
        }
        Integer maxStops = nodes.integer(node, at.child("maxStops"), false, 0, Integer.MAX_VALUE);
        if (node.has("maxStops") && maxStops == null) {
            return null;
        }
        return new BlastRadius(changes, maxStops == null ? BlastRadius.DEFAULT_MAX_STOPS : maxStops);
    }

    // --- keys, values and types ---

    private String tagKey(JsonNode parent, Field at, boolean required) {
        String key = nodes.text(parent, at, required);
        if (key == null) {
            return null;
        }
        Optional<String> problem = names == null ? Optional.empty() : names.tagKeyProblem(key);
        if (problem.isPresent()) {
            nodes.error(at, problem.get());
            return null;
        }
        return key;
    }

    private String tagValue(JsonNode node, Field at) {
        if (!node.isTextual()) {
            nodes.error(at, "expected a tag value as a string (quote true, 1 …), got " + PolicyNodes.kind(node));
            return null;
        }
        Optional<String> problem = names == null ? Optional.empty() : names.tagValueProblem(node.textValue());
        if (problem.isPresent()) {
            nodes.error(at, problem.get());
            return null;
        }
        return node.textValue();
    }

    /** A list of types, each one the policy sweeps; null when invalid. */
    private Set<String> subset(JsonNode node, Field at, Set<String> scope) {
        List<String> types = nodes.list(node, at, true, nodes::nonBlank);
        if (types == null) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < types.size(); i++) {
            if (scope != null && !scope.contains(types.get(i))) {
                nodes.error(at.index(i), "\"" + types.get(i) + "\" is not swept: it must also be listed in tagCompliance.resourceTypes");
                ok = false;
            }
        }
        return ok ? Set.copyOf(types) : null;
    }

    private void duplicates(List<String> values, Field at) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                nodes.error(at.index(i), "\"" + values.get(i) + "\" is listed twice");
            }
        }
    }

    /** Two rules for one key (in any case) would contradict each other on the same resource. */
    private void duplicateKeys(List<RequiredTag> rules, Field at) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer earlier = first.putIfAbsent(rules.get(i).key().toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                nodes.error(at.index(i).child("key"), "\"" + rules.get(i).key() + "\" is already required by required["
                        + earlier + "]: give each key one rule (use resourceTypes and when to scope it)");
            }
        }
    }

    /** The mark is the operation's own tag: a rule that required it would fight the operation. */
    private void reservedKeys(List<RequiredTag> rules, Remediation remediation, Field at) {
        remediation.markForOp().ifPresent(mark -> {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).key().equalsIgnoreCase(mark.tag())) {
                    nodes.error(at.child("required").index(i).child("key"), "\"" + rules.get(i).key()
                            + "\" is remediation.markForOp.tag: cloudwarden writes that tag itself");
                }
            }
        });
    }
}
