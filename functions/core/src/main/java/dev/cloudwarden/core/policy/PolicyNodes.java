package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.IpRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks every section of a policy shares (a mapping with known fields, a list, a number in range,
 * one of a set of words …), each recording a {@link PolicyError} with the field's path and line instead
 * of stopping at the first. A reader returns null for a value it could not read; the caller goes on
 * so that one pass reports every error.
 */
public final class PolicyNodes {
    private static final int MAX_CIDR_LENGTH = 49;
    private static final Pattern AGE = Pattern.compile("(\\d{1,5})([hd])");
    private static final Pattern AGE_IN_WEEKS = Pattern.compile("(\\d{1,5})([hdw])");
    private final FieldLines lines;
    /** Field names still read, with a warning, under their newer names ({@link #renamed}). */
    private static final Set<String> OLD_NAMES = Set.of("case", "protectTag", "maxGroups", "maxResources", "maxDeletions");
    private final List<PolicyError> errors = new ArrayList<>();
    private final List<PolicyError> warnings = new ArrayList<>();

    PolicyNodes(FieldLines lines) {
        this.lines = lines;
    }

    public List<PolicyError> errors() {
        return errors;
    }

    /** What still works but should be written otherwise: deprecated names, each with what to write instead. */
    public List<PolicyError> warnings() {
        return warnings;
    }

    /** A position in the document: the path shown to people and the JSON pointer used for lines. */
    public record Field(String path, String pointer) {
        public static final Field ROOT = new Field("", "");

        public Field child(String name) {
            String shown = shownKey(name);
            return new Field(path.isEmpty() ? shown : path + "." + shown, pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
        }

        public Field index(int i) {
            return new Field(path + "[" + i + "]", pointer + "/" + i);
        }

        public String shown() {
            return path.isEmpty() ? "(top level)" : path;
        }
    }

    /** Reads one list item or map value; null when it is invalid (the error is already recorded). */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(JsonNode node, Field at);
    }

    public IpRange cidr(JsonNode node, Field at) {
        // the longest CIDR block (ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128) has 49 characters; IpRange's
        // address patterns take time quadratic in the length on a long run of colons, so no longer text reaches them
        if (!node.isTextual() || node.textValue().strip().length() > MAX_CIDR_LENGTH) {
            error(at, "expected a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, got " + kind(node));
            return null;
        }
        try {
            return IpRange.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage());
            return null;
        }
    }

    /**
     * A mapping of tag key to value, as in {@code {team: "*", env: prod}}; null when it is not one.
     * Values must be strings: YAML reads {@code true} or {@code 1} as other types, so they must be quoted.
     */
    public Map<String, String> tagMap(JsonNode node, Field at, String meaning) {
        if (!node.isObject()) {
            error(at, "expected a mapping of tag key to " + meaning + ", got " + kind(node));
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        boolean ok = true;
        for (var e : node.properties()) {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().textValue());
            } else {
                error(at.child(e.getKey()), "expected a tag value as a string (quote true, 1 …), got " + kind(e.getValue()));
                ok = false;
            }
        }
        return ok ? tags : null;
    }

    public String nonBlank(JsonNode node, Field at) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            error(at, "expected a non-empty string, got " + kind(node));
            return null;
        }
        return node.textValue();
    }

    public boolean object(JsonNode node, Field at, String... allowed) {
        // the old names still read (renamed) are not offered to someone writing a policy today
        String offered = Arrays.stream(allowed).filter(name -> !OLD_NAMES.contains(name)).collect(Collectors.joining(", "));
        if (node == null || !node.isObject()) {
            error(at, "expected a mapping with fields " + offered + ", got " + kind(node));
            return false;
        }
        Set<String> known = Set.of(allowed);
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                error(at.child(name), "unknown field; expected one of: " + offered);
            }
        });
        return true;
    }

    public <T> List<T> list(JsonNode node, Field at, boolean nonEmpty, ItemReader<T> item) {
        if (!node.isArray()) {
            error(at, "expected a list, got " + kind(node));
            return null;
        }
        if (nonEmpty && node.isEmpty()) {
            error(at, "expected at least one entry (leave the field out for the default)");
            return null;
        }
        List<T> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            T value = item.read(node.get(i), at.index(i));
            ok &= value != null;
            values.add(value);
        }
        return ok ? values : null;
    }

    public Integer integer(JsonNode parent, Field at, boolean required, int min, int max) {
        JsonNode node = parent.get(lastName(at));
        if (node == null) {
            if (required) {
                error(at, "required: expected " + (min == max ? "the number " + min : "a whole number"));
            }
            return null;
        }
        if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
            error(at, "expected " + (min == max ? "the number " + min
                    : max == Integer.MAX_VALUE ? "a whole number >= " + min : "a whole number from " + min + " to " + max)
                    + ", got " + kind(node));
            return null;
        }
        return node.intValue();
    }

    public String text(JsonNode parent, Field at, boolean required) {
        JsonNode node = parent.get(lastName(at));
        if (node == null) {
            if (required) {
                error(at, "required");
            }
            return null;
        }
        return nonBlank(node, at);
    }

    public boolean bool(JsonNode parent, Field at, boolean fallback) {
        JsonNode node = parent.get(lastName(at));
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            error(at, "expected true or false, got " + kind(node));
            return fallback;
        }
        return node.booleanValue();
    }

    /**
     * An age or delay as policies write it: a whole number and a unit, {@code h} (hours), {@code d} (days)
     * and, when {@code weeks}, {@code w}; at least one hour. Null when invalid.
     */
    public Duration age(JsonNode parent, Field at, boolean weeks, String examples) {
        String text = text(parent, at, true);
        if (text == null) {
            return null;
        }
        Matcher m = (weeks ? AGE_IN_WEEKS : AGE).matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            error(at, "expected an age such as " + examples + ", at least 1h, got \"" + text + "\"");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    public <E> E choice(JsonNode parent, Field at, boolean required, E[] values, Function<E, String> id) {
        String valid = Arrays.stream(values).map(id).collect(Collectors.joining(", "));
        JsonNode node = parent.get(lastName(at));
        if (node == null) {
            if (required) {
                error(at, "required: one of " + valid);
            }
            return null;
        }
        if (node.isTextual()) {
            String wanted = node.textValue();
            for (E value : values) {
                if (id.apply(value).equals(wanted)) {
                    return value;
                }
            }
        }
        error(at, "expected one of " + valid + ", got " + kind(node));
        return null;
    }

    /** The field's own name, from its pointer (its shown path may be shortened). */
    private static String lastName(Field at) {
        return at.pointer().substring(at.pointer().lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "\"" + printable(node.textValue()) + "\"";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return printable(node.toString());
    }

    /**
     * A key as a field path shows it: printable, and in quotes when it is empty or begins or ends with white space
     * ({@code ""}, {@code " "}, {@code "dryRun "}), which the path would otherwise hide.
     */
    public static String shownKey(String key) {
        return key.isEmpty() || !key.strip().equals(key) ? "\"" + printable(key) + "\"" : printable(key);
    }

    /** The longest piece of the policy's own text a message repeats. */
    public static final int MAX_SHOWN = 80;

    /**
     * {@code text} as a message may repeat it: at most {@link #MAX_SHOWN} characters (a 200 KB value is not
     * printed back), control characters written as escapes (a key may carry an escaped ESC or NUL, which a
     * terminal must not receive).
     */
    public static String printable(String text) {
        String shown = escaped(text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) : text);
        return text.length() > MAX_SHOWN ? shown + "…" : shown;
    }

    /** {@code text} with control characters, unpaired surrogates and line separators written as {@code \\uXXXX}. */
    public static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public void error(Field at, String problem) {
        errors.add(new PolicyError(at.shown(), problem, lines.lineOf(at.pointer())));
    }

    public void warning(Field at, String problem) {
        warnings.add(new PolicyError(at.shown(), problem, lines.lineOf(at.pointer())));
    }

    /**
     * The name of a field written under its current name or, still accepted with a warning, its old one: the name
     * present in {@code parent}, or {@code current} when neither is (for the field's default). Both at once is an error
     * (null).
     */
    public String renamed(JsonNode parent, Field at, String current, String old, String meaning) {
        boolean hasOld = parent.has(old);
        if (hasOld && parent.has(current)) {
            error(at.child(old), "give " + current + " or its old name " + old + ", not both");
            return null;
        }
        if (hasOld) {
            warning(at.child(old), "deprecated: write " + current + " (" + meaning + "); " + old + " is read the same until the next policy version");
            return old;
        }
        return current;
    }

    /**
     * A {@code blastRadius} mapping: {@code maxChanges} (or its old name {@code oldMaxChanges}, with a warning; null
     * when there is none) and {@code maxPercent}, the same in every operation, beside the operation's own
     * {@code extras}, which the caller reads. Null when invalid.
     */
    public ChangeLimit changeLimit(JsonNode node, Field at, String oldMaxChanges, String meaning, String... extras) {
        List<String> allowed = new ArrayList<>(List.of("maxChanges", "maxPercent"));
        if (oldMaxChanges != null) {
            allowed.add(oldMaxChanges);
        }
        allowed.addAll(List.of(extras));
        if (!object(node, at, allowed.toArray(String[]::new))) {
            return null;
        }
        String name = oldMaxChanges == null ? "maxChanges" : renamed(node, at, "maxChanges", oldMaxChanges, meaning);
        if (name == null) {
            return null;
        }
        Integer maxChanges = integer(node, at.child(name), false, 0, Integer.MAX_VALUE);
        Integer maxPercent = integer(node, at.child("maxPercent"), false, 0, 100);
        if ((node.has(name) && maxChanges == null) || (node.has("maxPercent") && maxPercent == null)) {
            return null;
        }
        return new ChangeLimit(maxChanges == null ? ChangeLimit.DEFAULT_MAX_CHANGES : maxChanges,
                maxPercent == null ? OptionalInt.empty() : OptionalInt.of(maxPercent));
    }
}
