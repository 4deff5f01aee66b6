package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.tags.TagCompliancePolicy.CreatorTags;
import dev.cloudwarden.core.tags.TagCompliancePolicy.MarkForOp;
import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import dev.cloudwarden.core.policy.TagMatch;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one resource and the policy into a {@link ResourcePlan}: creator tags first (event runs), then
 * the automatic fixes the policy allows, then mark-for-op for what those fixes leave. Pure: the clock's
 * reading is passed in, nothing is called.
 */
public final class TagPlanner {
    public static final String ADD_DEFAULT = "add-default-tag";
    public static final String FIX_CASE = "fix-tag-key-case";
    public static final String TAG_CREATOR = "tag-creator";
    public static final String MARK = "mark-for-op";
    public static final String STOP = "stop-instance";
    public static final String UNMARK = "remove-mark";
    public static final String CREATOR_CHECK = "tags.creator-recorded";
    public static final String MARK_CLEARED_CHECK = "tags.mark-cleared";
    public static final String UNREADABLE_MARK_CHECK = "tags.unreadable-mark";

    private final TagCompliancePolicy policy;
    private final TagEvaluator evaluator;

    public TagPlanner(TagCompliancePolicy policy) {
        this.policy = policy;
        this.evaluator = new TagEvaluator(policy.required());
    }

    public ResourcePlan plan(ResourceRef resource, Optional<Creator> creator, Instant now) {
        Optional<String> exemption = exemption(resource);
        if (exemption.isPresent()) {
            List<Finding> findings = evaluator.evaluate(resource, resource.tags().values()).stream()
                    .map(v -> finding(resource, v, FindingAction.skipped(FindingAction.NONE, exemption.get()))).toList();
            return new ResourcePlan(resource, findings, Map.of(), Set.of(), false, Optional.empty());
        }
        var draft = new Draft(resource);
        creator.ifPresent(c -> policy.creatorTags().ifPresent(keys -> draft.tagCreator(c, keys)));

        List<TagViolation> unresolved = new ArrayList<>();
        for (TagViolation violation : evaluator.evaluate(resource, draft.tags)) {
            Optional<FindingAction> fix = draft.fix(violation);
            if (fix.isPresent()) {
                draft.findings.add(finding(resource, violation, fix.get()));
            } else {
                unresolved.add(violation);
            }
        }
        // the fixes never add a violation (defaults are validated when the policy is read), so what is left is unresolved
        FindingAction verdict = markForOp(resource, unresolved.isEmpty(), now, draft);
        for (TagViolation violation : unresolved) {
            FindingAction action = verdict.kind().equals(FindingAction.NONE)
                    ? FindingAction.skipped(FindingAction.NONE, whyNotFixed(violation) + "; " + verdict.reason())
                    : verdict;
            draft.findings.add(finding(resource, violation, action));
        }
        return draft.toPlan();
    }

    private String whyNotFixed(TagViolation violation) {
        return switch (violation.kind()) {
            case MISSING -> violation.rule().defaultValue().isEmpty() ? "the rule has no default value"
                    : "remediation.addDefaults is off";
            case WRONG_CASE -> !policy.remediation().fixCase() ? "remediation.fixCase is off"
                    : violation.variants().size() + " spellings found: rename by hand";
            case INVALID_VALUE -> "a value that is set is never overwritten";
        };
    }

    private Optional<String> exemption(ResourceRef resource) {
        if (policy.exempt().resourceIds().contains(resource.id())) {
            return Optional.of("exempt: resource id listed in tagCompliance.exempt.resourceIds");
        }
        if (TagMatch.carriesAny(resource.tags().values(), policy.exempt().tags())) {
            return Optional.of("exempt: carries a tag listed in tagCompliance.exempt.tags");
        }
        return Optional.empty();
    }

    /**
     * Marks, acts on or clears the mark; returns the action the remaining violations' findings carry.
     * A resource outside the mark's types, or a policy without markForOp, is reported only.
     */
    private FindingAction markForOp(ResourceRef resource, boolean compliant, Instant now, Draft draft) {
        Optional<MarkForOp> configured = policy.remediation().markForOp().filter(m -> m.resourceTypes().contains(resource.type()));
        if (configured.isEmpty()) {
            return FindingAction.skipped(FindingAction.NONE, policy.remediation().markForOp().isPresent()
                    ? "markForOp does not cover " + resource.type() : "reported only (no markForOp in the policy)");
        }
        MarkForOp mark = configured.get();
        Optional<String> current = Optional.ofNullable(resource.tags().values().get(mark.tag()));
        if (compliant) {
            current.ifPresent(value -> {
                draft.removeKeys.add(mark.tag());
                draft.findings.add(new Finding(Finding.stableId(MARK_CLEARED_CHECK, resource.id(), mark.tag()), MARK_CLEARED_CHECK,
                        Severity.INFO, label(resource) + " is compliant now: its mark " + mark.tag() + "=" + value + " is removed",
                        resource, Map.of("tag", mark.tag(), "value", value), FindingAction.planned(UNMARK, "remove the mark: the resource complies")));
            });
            return FindingAction.skipped(FindingAction.NONE, "");
        }
        if (current.isEmpty()) {
            Mark pending = Mark.pending(mark.action(), now.plus(mark.after()));
            draft.addTags.put(mark.tag(), pending.value());
            return FindingAction.planned(MARK, "mark " + mark.tag() + "=" + pending.value() + ": " + mark.action().id()
                    + " on " + pending.at() + " unless the tags are fixed");
        }
        Optional<Mark> existing = Mark.parse(current.get());
        if (existing.isEmpty()) {
            draft.findings.add(new Finding(Finding.stableId(UNREADABLE_MARK_CHECK, resource.id(), mark.tag()), UNREADABLE_MARK_CHECK,
                    Severity.LOW, label(resource) + " carries " + mark.tag() + "=" + current.get() + ", which is not a mark this policy can read",
                    resource, Map.of("tag", mark.tag(), "value", current.get(), "expected", "ACTION@INSTANT, such as stop@2026-11-28T10:00:00Z"),
                    FindingAction.skipped(FindingAction.NONE, "never acted on: fix or remove the tag")));
            return FindingAction.skipped(FindingAction.NONE, "the mark " + mark.tag() + " cannot be read: nothing is done");
        }
        Mark found = existing.get();
        if (found.action() != mark.action()) { // the policy changed its mind: a fresh mark and a fresh grace period
            Mark pending = Mark.pending(mark.action(), now.plus(mark.after()));
            draft.addTags.put(mark.tag(), pending.value());
            return FindingAction.planned(MARK, "re-mark " + mark.tag() + "=" + pending.value() + " (was " + found.value()
                    + ", an action the policy no longer names)");
        }
        if (found.done()) {
            return FindingAction.skipped(FindingAction.NONE, "mark-for-op " + found.describe() + "; fix the tags and the mark is removed");
        }
        if (!found.dueBy(now)) {
            return FindingAction.skipped(FindingAction.NONE, "marked: " + found.describe() + " unless the tags are fixed");
        }
        if (mark.action() == MarkForOp.Action.NOTIFY) {
            return FindingAction.skipped(FindingAction.NONE, "overdue: the mark fell due on " + found.at() + " (notify only)");
        }
        draft.stop = true;
        draft.doneMark = Optional.of(Map.entry(mark.tag(), Mark.done(mark.action(), now).value()));
        return FindingAction.planned(STOP, "stop the instance: the mark fell due on " + found.at() + " and the tags are still not fixed");
    }

    private static Finding finding(ResourceRef resource, TagViolation violation, FindingAction action) {
        RequiredTag rule = violation.rule();
        String title = switch (violation.kind()) {
            case MISSING -> label(resource) + " lacks required tag " + rule.key();
            case WRONG_CASE -> label(resource) + " spells tag " + rule.key() + " as " + String.join(", ", violation.variants());
            case INVALID_VALUE -> label(resource) + " has " + rule.key() + "=" + violation.value().orElse("")
                    + ", expected " + rule.values().describe();
        };
        Map<String, Object> ruleJson = new LinkedHashMap<>();
        ruleJson.put("key", rule.key());
        ruleJson.put("otherSpellings", rule.keyCase().id());
        ruleJson.put("accepts", rule.values().describe());
        rule.defaultValue().ifPresent(d -> ruleJson.put("default", d));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", ruleJson);
        if (!violation.variants().isEmpty()) {
            evidence.put("keysFound", violation.variants());
        }
        violation.value().ifPresent(v -> evidence.put("valueFound", v));
        evidence.put("tags", new TreeMap<>(resource.tags().values()));
        Severity severity = violation.kind() == TagViolation.Kind.WRONG_CASE ? Severity.LOW : Severity.MEDIUM;
        return new Finding(Finding.stableId(violation.kind().check(), resource.id(), rule.key()), violation.kind().check(),
                severity, title, resource, evidence, action);
    }

    static String label(ResourceRef resource) {
        return resource.id() + (resource.name().isEmpty() || resource.name().equals(resource.id()) ? "" : " (" + resource.name() + ")");
    }

    /** The plan being built: the tags as it would leave them, and the changes that get there. */
    private final class Draft {
        final ResourceRef resource;
        final Map<String, String> tags;
        final Map<String, String> addTags = new LinkedHashMap<>();
        final Set<String> removeKeys = new HashSet<>();
        final List<Finding> findings = new ArrayList<>();
        boolean stop;
        Optional<Map.Entry<String, String>> doneMark = Optional.empty();

        Draft(ResourceRef resource) {
            this.resource = resource;
            this.tags = new LinkedHashMap<>(resource.tags().values());
        }

        /** Creator tags where the resource has none yet: an existing value is never overwritten. */
        void tagCreator(Creator creator, CreatorTags keys) {
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put(keys.principalKey(), creator.principal());
            wanted.put(keys.principalTypeKey(), creator.principalType());
            wanted.put(keys.timeKey(), creator.at().toString());
            Map<String, Object> written = new LinkedHashMap<>();
            List<String> kept = new ArrayList<>();
            wanted.forEach((key, value) -> {
                if (tags.containsKey(key)) {
                    kept.add(key);
                } else {
                    String truncated = value.length() > 256 ? value.substring(0, 256) : value; // AWS's value limit
                    tags.put(key, truncated);
                    addTags.put(key, truncated);
                    written.put(key, truncated);
                }
            });
            if (written.isEmpty()) {
                return;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("principal", creator.principal());
            evidence.put("principalType", creator.principalType());
            evidence.put("createdAt", creator.at().toString());
            evidence.put("tagsWritten", written);
            evidence.put("keysAlreadySet", kept);
            findings.add(new Finding(Finding.stableId(CREATOR_CHECK, resource.id()), CREATOR_CHECK, Severity.INFO,
                    label(resource) + " was created by " + creator.principal(), resource, evidence,
                    FindingAction.planned(TAG_CREATOR, kept.isEmpty() ? "record the creator"
                            : "record the creator; kept existing " + String.join(", ", kept))));
        }

        /** The automatic fix the policy allows for this violation, applied to the draft; empty when there is none. */
        Optional<FindingAction> fix(TagViolation violation) {
            RequiredTag rule = violation.rule();
            return switch (violation.kind()) {
                case MISSING -> {
                    if (rule.defaultValue().isEmpty() || !policy.remediation().addDefaults()) {
                        yield Optional.empty();
                    }
                    tags.put(rule.key(), rule.defaultValue().get());
                    addTags.put(rule.key(), rule.defaultValue().get());
                    yield Optional.of(FindingAction.planned(ADD_DEFAULT, "add " + rule.key() + "=" + rule.defaultValue().get()));
                }
                case WRONG_CASE -> {
                    if (!policy.remediation().fixCase() || violation.variants().size() != 1) {
                        yield Optional.empty();
                    }
                    String variant = violation.variants().getFirst();
                    String value = tags.remove(variant);
                    tags.put(rule.key(), value);
                    addTags.put(rule.key(), value);
                    removeKeys.add(variant);
                    yield Optional.of(FindingAction.planned(FIX_CASE, "rename " + variant + " to " + rule.key() + ", keeping its value"));
                }
                // a wrong value was set by someone on purpose, or by mistake: either way not ours to overwrite
                case INVALID_VALUE -> Optional.empty();
            };
        }

        ResourcePlan toPlan() {
            return new ResourcePlan(resource, findings, addTags, removeKeys, stop, doneMark);
        }
    }
}
