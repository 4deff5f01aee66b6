package dev.cloudwarden.core.patches;

import dev.cloudwarden.core.policy.PolicyNodes;
import dev.cloudwarden.core.policy.ChangeLimit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaseline.ApprovalRule;
import dev.cloudwarden.api.PatchBaseline.ComplianceLevel;
import dev.cloudwarden.api.PatchBaseline.PatchFilter;
import dev.cloudwarden.api.PatchBaseline.PatchSource;
import dev.cloudwarden.api.PatchBaseline.Reboot;
import dev.cloudwarden.api.PatchBaseline.RejectedPatchesAction;
import dev.cloudwarden.api.Rate;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.BlastRadius;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.Compliance;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.Scan;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import dev.cloudwarden.core.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code patchBaselines} section of a policy. */
final class PatchBaselinesPolicyReader {
    static final String SECTION = "patchBaselines";
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,50}");
    private static final Pattern PATCH_GROUP = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,256}");
    private static final String[] BASELINE_FIELDS = {"name", "operatingSystem", "description", "default", "patchGroups",
            "globalFilters", "approvalRules", "approvedPatches", "approvedPatchesComplianceLevel", "approvedPatchesEnableNonSecurity",
            "rejectedPatches", "rejectedPatchesAction", "sources", "reboot", "schedule"};
    private static final String[] RULE_FIELDS = {"filters", "approveAfterDays", "approveUntilDate", "complianceLevel", "enableNonSecurity"};
    private static final int MAX_RULES = 10;
    private static final int MAX_APPROVE_AFTER_DAYS = 360;

    private final PolicyNodes nodes;
    private final CloudNames names;
    private final Instant now;

    /**
     * @param names may be null when the policy's own cloud field is invalid; the cloud's vocabulary is then not checked
     * @param now   a baseline's schedule must fire within a year of it
     */
    PatchBaselinesPolicyReader(PolicyNodes nodes, CloudNames names, Instant now) {
        this.nodes = nodes;
        this.names = names;
        this.now = now;
    }

    PatchBaselinesPolicy read(JsonNode node, Field at) {
        if (!nodes.object(node, at, "baselines", "compliance", "scan", "ownRoles", "blastRadius")) {
            return null;
        }
        List<DeclaredBaseline> baselines = null;
        if (!node.has("baselines")) {
            nodes.error(at.child("baselines"), "required: at least one baseline (name, operatingSystem, approvalRules …)");
        } else {
            baselines = nodes.list(node.get("baselines"), at.child("baselines"), true, this::baseline);
            if (baselines != null) {
                consistent(baselines, at.child("baselines"));
            }
        }
        Compliance compliance = node.has("compliance") ? compliance(node.get("compliance"), at.child("compliance"), baselines)
                : Compliance.DEFAULT;
        Scan scan = node.has("scan") ? scan(node.get("scan"), at.child("scan")) : null;
        List<String> ownRoles = node.has("ownRoles")
                ? nodes.list(node.get("ownRoles"), at.child("ownRoles"), true, nodes::nonBlank) : PatchBaselinesPolicy.DEFAULT_OWN_ROLES;
        BlastRadius blast = node.has("blastRadius") ? blastRadius(node.get("blastRadius"), at.child("blastRadius")) : BlastRadius.DEFAULT;
        if (baselines == null || compliance == null || (node.has("scan") && scan == null) || ownRoles == null || blast == null) {
            return null;
        }
        return new PatchBaselinesPolicy(baselines, compliance, Optional.ofNullable(scan), ownRoles, blast);
    }

    private DeclaredBaseline baseline(JsonNode node, Field at) {
        if (!nodes.object(node, at, BASELINE_FIELDS)) {
            return null;
        }
        boolean kept = keptByTheCloud(node, at, BASELINE_FIELDS); // read on: the rules' own fields are errors too
        String name = nodes.text(node, at.child("name"), true);
        Optional<String> nameProblem = name == null || names == null ? Optional.empty() : names.patchBaselineNameProblem(name);
        if (nameProblem.isPresent()) {
            nodes.error(at.child("name"), nameProblem.get());
            name = null;
        }
        String os = operatingSystem(node, at.child("operatingSystem"));
        String description = node.has("description") ? nodes.text(node, at.child("description"), true) : "";
        if (description != null && description.length() > 1024) {
            nodes.error(at.child("description"), "at most 1024 characters, got " + description.length());
            description = null;
        }
        boolean isDefault = nodes.bool(node, at.child("default"), false);
        List<String> groups = node.has("patchGroups") ? strings(node.get("patchGroups"), at.child("patchGroups"), PATCH_GROUP,
                "a patch group name of 1 to 256 letters, digits, spaces and _.:/=+-@") : List.of();
        List<PatchFilter> global = node.has("globalFilters") ? filters(node.get("globalFilters"), at.child("globalFilters")) : List.of();
        List<ApprovalRule> rules = node.has("approvalRules") ? rules(node.get("approvalRules"), at.child("approvalRules")) : List.of();
        List<String> approved = node.has("approvedPatches")
                ? nodes.list(node.get("approvedPatches"), at.child("approvedPatches"), false, nodes::nonBlank) : List.of();
        ComplianceLevel approvedLevel = node.has("approvedPatchesComplianceLevel")
                ? nodes.choice(node, at.child("approvedPatchesComplianceLevel"), true, ComplianceLevel.values(), Enum::name)
                : ComplianceLevel.UNSPECIFIED;
        boolean approvedNonSecurity = nodes.bool(node, at.child("approvedPatchesEnableNonSecurity"), false);
        List<String> rejected = node.has("rejectedPatches")
                ? nodes.list(node.get("rejectedPatches"), at.child("rejectedPatches"), false, nodes::nonBlank) : List.of();
        RejectedPatchesAction rejectedAction = node.has("rejectedPatchesAction")
                ? nodes.choice(node, at.child("rejectedPatchesAction"), true, RejectedPatchesAction.values(), Enum::name)
                : RejectedPatchesAction.ALLOW_AS_DEPENDENCY;
        List<PatchSource> sources = node.has("sources")
                ? nodes.list(node.get("sources"), at.child("sources"), true, this::source) : List.of();
        Reboot reboot = node.has("reboot") ? nodes.choice(node, at.child("reboot"), true, Reboot.values(), Enum::name) : Reboot.IF_REQUIRED;
        String schedule = node.has("schedule") ? schedule(node, at.child("schedule")) : "";
        if (rules != null && approved != null && rules.isEmpty() && approved.isEmpty()) {
            nodes.error(at, "a baseline approves something: give approvalRules or approvedPatches");
            return null;
        }
        if (name == null || os == null || description == null || groups == null || global == null || rules == null
                || approved == null || approvedLevel == null || rejected == null || rejectedAction == null || sources == null
                || reboot == null || schedule == null || !kept) {
            return null;
        }
        return new DeclaredBaseline(new PatchBaseline(name, os, description, global, rules, approved, approvedLevel,
                approvedNonSecurity, rejected, rejectedAction, sources, reboot, Optional.of(schedule).filter(text -> !text.isEmpty())),
                groups, isDefault);
    }

    /**
     * Whether every field given is one the cloud's patch service keeps ({@code CloudNames.patchFields()}): SSM's approval
     * delays and compliance levels mean nothing to Update Manager, and an SSM baseline keeps no reboot setting. Each field
     * it does not keep is an error at that field.
     */
    private boolean keptByTheCloud(JsonNode node, Field at, String... known) {
        if (names == null) {
            return true;
        }
        boolean kept = true;
        for (String field : node.properties().stream().map(Map.Entry::getKey).toList()) {
            if (List.of(known).contains(field) && !names.patchFields().contains(field)) { // an unknown one is already an error
                nodes.error(at.child(field), "not on " + names.cloud().id() + ": its patch service keeps no " + field);
                kept = false;
            }
        }
        return kept;
    }

    /** When installs run: a schedule as plans spell them, in UTC, that fires within a year. */
    private String schedule(JsonNode parent, Field at) {
        String expression = nodes.text(parent, at, true);
        if (expression == null) {
            return null;
        }
        try {
            Schedule.parse(expression, ZoneOffset.UTC).requireFiringWithinAYear(now);
            return expression.strip();
        } catch (IllegalArgumentException e) {
            nodes.error(at, e.getMessage());
            return null;
        }
    }

    private String operatingSystem(JsonNode parent, Field at) {
        String os = nodes.text(parent, at, true);
        List<String> known = names == null ? List.of() : names.patchOperatingSystems();
        if (os != null && !known.isEmpty() && !known.contains(os)) {
            nodes.error(at, "expected one of " + String.join(", ", known) + ", got \"" + os + "\"");
            return null;
        }
        return os;
    }

    /** {@code {CLASSIFICATION: [Security], SEVERITY: [Critical, Important]}}: one filter per key. */
    private List<PatchFilter> filters(JsonNode node, Field at) {
        if (!node.isObject() || node.isEmpty()) {
            nodes.error(at, "expected a mapping of filter key to values, such as {CLASSIFICATION: [Security]}, got " + PolicyNodes.kind(node));
            return null;
        }
        List<PatchFilter> filters = new ArrayList<>();
        boolean ok = true;
        for (var e : node.properties()) {
            Field keyAt = at.child(e.getKey());
            Set<String> known = names == null ? Set.of() : names.patchFilterKeys();
            if (!known.isEmpty() && !known.contains(e.getKey())) {
                nodes.error(keyAt, "unknown patch filter key; expected one of " + String.join(", ", known.stream().sorted().toList()));
                ok = false;
                continue;
            }
            List<String> values = nodes.list(e.getValue(), keyAt, true, nodes::nonBlank);
            if (values == null) {
                ok = false;
            } else {
                filters.add(new PatchFilter(e.getKey(), values));
            }
        }
        return ok ? filters : null;
    }

    private List<ApprovalRule> rules(JsonNode node, Field at) {
        List<ApprovalRule> rules = nodes.list(node, at, true, this::rule);
        if (rules != null && rules.size() > MAX_RULES) {
            nodes.error(at, "at most " + MAX_RULES + " approval rules per baseline, got " + rules.size());
            return null;
        }
        return rules;
    }

    private ApprovalRule rule(JsonNode node, Field at) {
        if (!nodes.object(node, at, RULE_FIELDS)) {
            return null;
        }
        boolean kept = keptByTheCloud(node, at, RULE_FIELDS);
        List<PatchFilter> filters = null;
        if (!node.has("filters")) {
            nodes.error(at.child("filters"), "required: the patches the rule approves, such as {CLASSIFICATION: [Security]}");
        } else {
            filters = filters(node.get("filters"), at.child("filters"));
        }
        OptionalInt after = OptionalInt.empty();
        Optional<LocalDate> until = Optional.empty();
        boolean delayed = names == null || names.patchFields().contains("approveAfterDays");
        if (delayed && node.has("approveAfterDays") == node.has("approveUntilDate")) {
            nodes.error(at, "give approveAfterDays (0 to " + MAX_APPROVE_AFTER_DAYS + ") or approveUntilDate (YYYY-MM-DD), exactly one");
            return null;
        }
        if (!delayed) {
            // the cloud installs what the rule selects as soon as it is released: no delay to read
        } else if (node.has("approveAfterDays")) {
            Integer days = nodes.integer(node, at.child("approveAfterDays"), true, 0, MAX_APPROVE_AFTER_DAYS);
            if (days == null) {
                return null;
            }
            after = OptionalInt.of(days);
        } else {
            JsonNode date = node.get("approveUntilDate");
            try {
                until = Optional.of(LocalDate.parse(date.isTextual() ? date.textValue() : ""));
            } catch (DateTimeParseException e) {
                nodes.error(at.child("approveUntilDate"), "expected a date such as 2026-12-31, got " + PolicyNodes.kind(node.get("approveUntilDate")));
                return null;
            }
        }
        ComplianceLevel level = node.has("complianceLevel")
                ? nodes.choice(node, at.child("complianceLevel"), true, ComplianceLevel.values(), Enum::name) : ComplianceLevel.UNSPECIFIED;
        boolean nonSecurity = nodes.bool(node, at.child("enableNonSecurity"), false);
        if (filters == null || level == null || !kept) {
            return null;
        }
        return new ApprovalRule(filters, level, after, until, nonSecurity);
    }

    private PatchSource source(JsonNode node, Field at) {
        if (!nodes.object(node, at, "name", "products", "configuration")) {
            return null;
        }
        String name = nodes.text(node, at.child("name"), true);
        if (name != null && !SOURCE_NAME.matcher(name).matches()) {
            nodes.error(at.child("name"), "expected 1 to 50 letters, digits, '.', '_' or '-', got \"" + name + "\"");
            name = null;
        }
        List<String> products = null;
        if (!node.has("products")) {
            nodes.error(at.child("products"), "required: the products this repository serves, such as [AmazonLinux2023]");
        } else {
            products = nodes.list(node.get("products"), at.child("products"), true, nodes::nonBlank);
        }
        String configuration = nodes.text(node, at.child("configuration"), true);
        if (name == null || products == null || configuration == null) {
            return null;
        }
        return new PatchSource(name, products, configuration);
    }

    private Compliance compliance(JsonNode node, Field at, List<DeclaredBaseline> baselines) {
        if (!nodes.object(node, at, "scanMaxAge", "patchGroupTag", "defaultPatchGroup")) {
            return null;
        }
        Duration maxAge = node.has("scanMaxAge") ? nodes.age(node, at.child("scanMaxAge"), false, "7d or 36h")
                : Compliance.DEFAULT_SCAN_MAX_AGE;
        List<String> readable = names == null ? List.of() : names.patchGroupTags();
        String tag = node.has("patchGroupTag") ? nodes.text(node, at.child("patchGroupTag"), true)
                : readable.isEmpty() ? Compliance.DEFAULT_PATCH_GROUP_TAG : readable.getFirst();
        if (tag != null && !readable.isEmpty() && !readable.contains(tag)) {
            nodes.error(at.child("patchGroupTag"), "the patch service of " + names.cloud().id() + " reads an instance's patch group from the tag "
                    + String.join(" or ", readable.stream().map(t -> "\"" + t + "\"").toList()) + ", got \"" + tag + "\"");
            tag = null;
        }
        Optional<String> defaultGroup = Optional.ofNullable(node.has("defaultPatchGroup") ? nodes.text(node, at.child("defaultPatchGroup"), true) : null);
        if (defaultGroup.isPresent() && baselines != null
                && baselines.stream().noneMatch(b -> b.patchGroups().contains(defaultGroup.get()))) {
            nodes.error(at.child("defaultPatchGroup"), "\"" + defaultGroup.get() + "\" is the patchGroups of no baseline: an instance tagged with it would be judged by the default baseline");
            return null;
        }
        if (maxAge == null || tag == null || (node.has("defaultPatchGroup") && defaultGroup.isEmpty())) {
            return null;
        }
        return new Compliance(maxAge, tag, defaultGroup);
    }

    private Scan scan(JsonNode node, Field at) {
        if (!nodes.object(node, at, "maxConcurrency", "maxErrors")) {
            return null;
        }
        Rate concurrency = node.has("maxConcurrency") ? rate(node, at.child("maxConcurrency"), 1, "10 or 10%")
                : Scan.DEFAULT.maxConcurrency();
        Rate errors = node.has("maxErrors") ? rate(node, at.child("maxErrors"), 0, "0, 10 or 10%") : Scan.DEFAULT.maxErrors();
        return concurrency == null || errors == null ? null : new Scan(concurrency, errors);
    }

    /** A count of at least {@code least}, or a percentage from {@code least} to 100. */
    private Rate rate(JsonNode parent, Field at, int least, String example) {
        JsonNode node = parent.get(at.path().substring(at.path().lastIndexOf('.') + 1));
        String text = node.isInt() ? Integer.toString(node.intValue()) : node.isTextual() ? node.textValue() : "";
        Optional<Rate> rate = Rate.parse(text).filter(r -> r.value() >= least);
        if (rate.isEmpty()) {
            nodes.error(at, "expected a count or a percentage such as " + example + ", got " + PolicyNodes.kind(node));
            return null;
        }
        return rate.get();
    }

    private BlastRadius blastRadius(JsonNode node, Field at) {
        // maxChanges has always been this section's name: no old name to accept
        ChangeLimit changes = nodes.changeLimit(node, at, null, "", "maxScans");
        if (changes == null) {
            return null;
        }
        Integer scans = nodes.integer(node, at.child("maxScans"), false, 0, Integer.MAX_VALUE);
        if (node.has("maxScans") && scans == null) {
            return null;
        }
        return new BlastRadius(changes, scans == null ? BlastRadius.DEFAULT_MAX_SCANS : scans);
    }

    private List<String> strings(JsonNode node, Field at, Pattern pattern, String expected) {
        return nodes.list(node, at, true, (n, f) -> {
            String value = nodes.nonBlank(n, f);
            if (value != null && !pattern.matcher(value).matches()) {
                nodes.error(f, "expected " + expected + ", got \"" + value + "\"");
                return null;
            }
            return value;
        });
    }

    /**
     * Names are unique; an operating system has one default; a patch group has one baseline per operating
     * system (SSM refuses a second registration).
     */
    private void consistent(List<DeclaredBaseline> baselines, Field at) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> defaults = new HashMap<>();
        Map<String, Integer> groups = new HashMap<>();
        for (int i = 0; i < baselines.size(); i++) {
            DeclaredBaseline b = baselines.get(i);
            Integer earlier = names.putIfAbsent(b.name(), i);
            if (earlier != null) {
                nodes.error(at.index(i).child("name"), "\"" + b.name() + "\" is already the name of baselines[" + earlier + "]");
            }
            if (b.isDefault()) {
                Integer other = defaults.putIfAbsent(b.content().operatingSystem(), i);
                if (other != null) {
                    nodes.error(at.index(i).child("default"), "baselines[" + other + "] is already the default for "
                            + b.content().operatingSystem() + ": an operating system has one default baseline");
                }
            }
            for (String group : b.patchGroups()) {
                Integer other = groups.putIfAbsent(b.content().operatingSystem() + "\u0000" + group, i);
                if (other != null) {
                    nodes.error(at.index(i).child("patchGroups"), "patch group \"" + group + "\" already has baselines[" + other
                            + "] for " + b.content().operatingSystem() + ": a group has one baseline per operating system");
                }
            }
        }
    }
}
