package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.tags.TagCompliancePolicy.KeyCase;
import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which required tags a resource fails, and how: a pure function of its type, its tags and the rules. */
public final class TagEvaluator {
    private final List<RequiredTag> rules;

    public TagEvaluator(List<RequiredTag> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Evaluates {@code tags} (which may differ from {@code resource.tags()}: the tags as a plan leaves them). */
    public List<TagViolation> evaluate(ResourceRef resource, Map<String, String> tags) {
        List<TagViolation> violations = new ArrayList<>();
        for (RequiredTag rule : rules) {
            if (rule.appliesTo(resource)) {
                check(rule, tags).ifPresent(violations::add);
                valueCheck(rule, tags).ifPresent(violations::add);
            }
        }
        return violations;
    }

    /** Presence: the exact key, or for a case-insensitive rule any spelling of it. */
    private static Optional<TagViolation> check(RequiredTag rule, Map<String, String> tags) {
        if (tags.containsKey(rule.key())) {
            return Optional.empty();
        }
        List<String> variants = variants(rule.key(), tags);
        if (variants.isEmpty()) {
            return Optional.of(new TagViolation(rule, TagViolation.Kind.MISSING, List.of(), Optional.empty()));
        }
        if (rule.keyCase() == KeyCase.INSENSITIVE) {
            return Optional.empty();
        }
        Optional<String> value = variants.size() == 1 ? Optional.of(tags.get(variants.getFirst())) : Optional.empty();
        return Optional.of(new TagViolation(rule, TagViolation.Kind.WRONG_CASE, variants, value));
    }

    /** The value under the exact key, else under the only variant; several variants leave nothing to judge. */
    private static Optional<TagViolation> valueCheck(RequiredTag rule, Map<String, String> tags) {
        String value = tags.get(rule.key());
        if (value == null) {
            List<String> variants = variants(rule.key(), tags);
            if (variants.size() != 1) {
                return Optional.empty();
            }
            value = tags.get(variants.getFirst());
        }
        return rule.values().accepts(value) ? Optional.empty()
                : Optional.of(new TagViolation(rule, TagViolation.Kind.INVALID_VALUE, List.of(), Optional.of(value)));
    }

    /** Keys equal to {@code key} ignoring case but not spelled like it, sorted. */
    static List<String> variants(String key, Map<String, String> tags) {
        return tags.keySet().stream().filter(k -> !k.equals(key) && k.equalsIgnoreCase(key)).sorted().toList();
    }
}
