package dev.cloudwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model's constraints on a served request, checked all at once and answered as AWS answers a constraint
 * violation: one {@code ValidationException} naming every broken member ("2 validation errors detected: Value
 * 'x' at 'maxResults' failed to satisfy constraint: …"). Members are named by their path in the request, in
 * lower camel case, list elements as {@code member.N} counted from 1.
 */
final class SsmProblems {
    private final List<String> problems = new ArrayList<>();

    /** The member must be present. */
    SsmProblems required(String path, JsonNode value) {
        if (value == null || value.isNull()) {
            problems.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** When present, a string of {@code min..max} characters matching {@code pattern} (null: any). */
    SsmProblems text(String path, JsonNode value, int min, int max, Pattern pattern) {
        if (value == null || value.isNull()) {
            return this;
        }
        if (!value.isTextual()) {
            problems.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must be a string");
            return this;
        }
        String text = value.asText();
        if (text.length() < min) {
            problems.add(violation(text, path, "Member must have length greater than or equal to " + min));
        } else if (text.length() > max) {
            problems.add(violation(text, path, "Member must have length less than or equal to " + max));
        } else if (pattern != null && !pattern.matcher(text).find()) {
            problems.add(violation(text, path, "Member must satisfy regular expression pattern: " + pattern.pattern()));
        }
        return this;
    }

    /** When present, one of {@code allowed}. */
    SsmProblems oneOf(String path, JsonNode value, Collection<String> allowed) {
        if (value != null && !value.isNull() && !allowed.contains(value.asText())) {
            problems.add(violation(value.asText(), path, "Member must satisfy enum value set: " + allowed));
        }
        return this;
    }

    /** When present, an integer in {@code min..max}. */
    SsmProblems range(String path, JsonNode value, int min, int max) {
        if (value == null || value.isNull()) {
            return this;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            problems.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must be an integer");
        } else if (value.asInt() < min) {
            problems.add(violation(value.asText(), path, "Member must have value greater than or equal to " + min));
        } else if (value.asInt() > max) {
            problems.add(violation(value.asText(), path, "Member must have value less than or equal to " + max));
        }
        return this;
    }

    /** When present, a boolean. */
    SsmProblems bool(String path, JsonNode value) {
        if (value != null && !value.isNull() && !value.isBoolean()) {
            problems.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must be a boolean");
        }
        return this;
    }

    /** When present, a list of {@code min..max} elements. */
    SsmProblems size(String path, JsonNode value, int min, int max) {
        if (value == null || value.isNull()) {
            return this;
        }
        if (!value.isArray()) {
            problems.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must be a list");
        } else if (value.size() < min) {
            problems.add("Value '" + value + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        } else if (value.size() > max) {
            problems.add("Value '" + value + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** When present, an object (a structure member). */
    SsmProblems structure(String path, JsonNode value) {
        if (value != null && !value.isNull() && !value.isObject()) {
            problems.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must be a structure");
        }
        return this;
    }

    /** A problem the constraints above cannot say, in the same form. */
    SsmProblems add(String problem) {
        problems.add(problem);
        return this;
    }

    boolean any() {
        return !problems.isEmpty();
    }

    /** The {@code ValidationException} naming every problem found, or empty when there is none. */
    Optional<SsmAnswer> answer() {
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String count = problems.size() == 1 ? "1 validation error detected: " : problems.size() + " validation errors detected: ";
        return Optional.of(SsmAnswer.error("ValidationException", count + String.join("; ", problems)));
    }

    /** {@code ApprovalRules} → {@code approvalRules}: how AWS names a member in its messages. */
    static String member(String modelName) {
        return Character.toLowerCase(modelName.charAt(0)) + modelName.substring(1);
    }

    private static String violation(String value, String path, String constraint) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint;
    }
}
