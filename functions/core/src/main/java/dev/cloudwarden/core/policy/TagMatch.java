package dev.cloudwarden.core.policy;

import java.util.Map;

/** Tag filters as policies write them: {@code {team: "*", env: prod}}, where {@code *} means any value. */
public final class TagMatch {
    public static final String ANY_VALUE = "*";

    private TagMatch() {
    }

    /** True when {@code tags} carries every key of {@code filter} with its value (or any value for {@code *}). */
    public static boolean carriesAll(Map<String, String> tags, Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(f -> matches(tags.get(f.getKey()), f.getValue()));
    }

    /** True when {@code tags} carries at least one of the filter's tags. */
    public static boolean carriesAny(Map<String, String> tags, Map<String, String> filter) {
        return filter.entrySet().stream().anyMatch(f -> matches(tags.get(f.getKey()), f.getValue()));
    }

    private static boolean matches(String actual, String wanted) {
        return actual != null && (wanted.equals(ANY_VALUE) || wanted.equals(actual));
    }
}
