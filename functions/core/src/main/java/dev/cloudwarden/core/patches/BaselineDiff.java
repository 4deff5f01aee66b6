package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaseline.ApprovalRule;
import dev.cloudwarden.api.PatchBaseline.PatchFilter;
import dev.cloudwarden.api.PatchBaseline.PatchSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a baseline found in the cloud differs from the one declared, field by field: a pure function of the
 * two contents. Empty means no drift. Each change shows both sides in the policy's own words, so a dry-run
 * reads as the diff the update would apply.
 */
final class BaselineDiff {
    private BaselineDiff() {
    }

    /** One field that differs. */
    record Change(String field, Object declared, Object found) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("field", field);
            json.put("declared", declared);
            json.put("found", found);
            return json;
        }
    }

    static List<Change> between(PatchBaseline declared, PatchBaseline found) {
        List<Change> changes = new ArrayList<>();
        compare("operatingSystem", declared, found, PatchBaseline::operatingSystem, Object::toString, changes);
        compare("description", declared, found, PatchBaseline::description, Object::toString, changes);
        compare("globalFilters", declared, found, PatchBaseline::globalFilters, BaselineDiff::filters, changes);
        compare("approvalRules", declared, found, PatchBaseline::approvalRules, BaselineDiff::rules, changes);
        compare("approvedPatches", declared, found, PatchBaseline::approvedPatches, Function.identity(), changes);
        compare("approvedPatchesComplianceLevel", declared, found, PatchBaseline::approvedPatchesComplianceLevel, Enum::name, changes);
        compare("approvedPatchesEnableNonSecurity", declared, found, PatchBaseline::approvedPatchesEnableNonSecurity, Function.identity(), changes);
        compare("rejectedPatches", declared, found, PatchBaseline::rejectedPatches, Function.identity(), changes);
        compare("rejectedPatchesAction", declared, found, PatchBaseline::rejectedPatchesAction, Enum::name, changes);
        compare("sources", declared, found, PatchBaseline::sources, BaselineDiff::sources, changes);
        return changes;
    }

    private static <T> void compare(String field, PatchBaseline declared, PatchBaseline found, Function<PatchBaseline, T> get,
                                    Function<? super T, Object> shown, List<Change> changes) {
        T want = get.apply(declared);
        T have = get.apply(found);
        if (!Objects.equals(want, have)) {
            changes.add(new Change(field, shown.apply(want), shown.apply(have)));
        }
    }

    private static Object filters(List<PatchFilter> filters) {
        Map<String, Object> json = new LinkedHashMap<>();
        filters.forEach(f -> json.put(f.key(), f.values()));
        return json;
    }

    private static Object rules(List<ApprovalRule> rules) {
        return rules.stream().map(rule -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("filters", filters(rule.filters()));
            rule.approveAfterDays().ifPresent(days -> json.put("approveAfterDays", days));
            rule.approveUntilDate().ifPresent(date -> json.put("approveUntilDate", date.toString()));
            json.put("complianceLevel", rule.complianceLevel().name());
            json.put("enableNonSecurity", rule.enableNonSecurity());
            return (Object) json;
        }).toList();
    }

    private static Object sources(List<PatchSource> sources) {
        return sources.stream().map(source -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", source.name());
            json.put("products", source.products());
            json.put("configuration", source.configuration());
            return (Object) json;
        }).toList();
    }
}
