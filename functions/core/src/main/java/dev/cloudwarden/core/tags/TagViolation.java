package dev.cloudwarden.core.tags;

import dev.cloudwarden.core.tags.TagCompliancePolicy.RequiredTag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One way a resource fails one required tag.
 *
 * @param variants with {@link Kind#WRONG_CASE}: the keys that differ from the rule's only in case
 * @param value    the value found (under the rule's key or its one variant), when there is one
 */
public record TagViolation(RequiredTag rule, Kind kind, List<String> variants, Optional<String> value) {
    public TagViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        variants = List.copyOf(variants);
        value = Objects.requireNonNullElse(value, Optional.empty());
    }

    /** The three ways to fail, each its own check in reports. */
    public enum Kind {
        /** No key of that name, in any case the rule accepts. */
        MISSING("tags.missing-required-tag"),
        /** The key is there only in another case ({@code Owner} for {@code owner}) and the rule wants the exact spelling. */
        WRONG_CASE("tags.tag-key-case"),
        /** The key is there but its value is not accepted. */
        INVALID_VALUE("tags.invalid-tag-value");

        private final String check;

        Kind(String check) {
            this.check = check;
        }

        public String check() {
            return check;
        }
    }
}
