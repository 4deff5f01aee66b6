package dev.cloudwarden.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.cloudwarden.api.CloudNames;
import java.util.Optional;

/**
 * Reading fields of an event, and quoting what it holds in a message, the same way for every cloud: a field of the
 * wrong kind is refused with an {@link UnsupportedEventException} naming its path, and every value a message quotes
 * from the event is made printable and cut short first ({@link #safe}), because whoever can send the function an event
 * can choose those values.
 */
public final class EventFields {
    /** How much of a value from the event a message quotes. */
    public static final int MAX_QUOTED = 64;

    private EventFields() {
    }

    /** A non-blank string field of the event's top level: a missing, null or blank one is refused, saying which. */
    public static String required(JsonNode event, String field) {
        String value = text(event, field);
        if (value.isBlank()) {
            throw new UnsupportedEventException(event.path(field).isMissingNode() || event.path(field).isNull()
                    ? "event has no '" + field + "' field" : "event field '" + field + "' is blank");
        }
        return value;
    }

    /** A string field of the event's top level: empty when missing or null, refused when it is anything but a string. */
    public static String text(JsonNode event, String field) {
        return string(event, field, field);
    }

    /**
     * A string field of {@code parent}: empty when missing or null, refused when it is anything but a string.
     *
     * @param path where the field sits in the event, for the message ({@code detail.eventName})
     */
    public static String string(JsonNode parent, String field, String path) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new UnsupportedEventException("event field '" + path + "' is " + kind(value) + ", expected a string");
        }
        return value.textValue();
    }

    /** What a JSON value is, for messages ({@code an array}, {@code nothing} for a missing one). */
    public static String kind(JsonNode node) {
        JsonNodeType type = node == null ? JsonNodeType.MISSING : node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY, POJO -> "a value of another kind";
            case MISSING -> "nothing";
        };
    }

    /**
     * Why {@code region}, a value from outside (an event's field, a setting), is not a region name of the cloud whose
     * names these are: the cloud's own answer ({@link CloudNames#regionProblem}), or empty when it is one. The cloud is
     * asked about the value as a message may show it ({@link #safe}), since its answer quotes the value: what safe
     * changes (a control character, more than {@value #MAX_QUOTED} characters) is no cloud's region name, before or after.
     */
    public static Optional<String> regionProblem(CloudNames names, String region) {
        return names.regionProblem(safe(region));
    }

    /** A value from the event, quoted for a message: {@code 'value'}, made printable and cut short ({@link #safe}). */
    public static String quote(String value) {
        return "'" + safe(value) + "'";
    }

    /** {@link #safe(String, int)} cut at {@value #MAX_QUOTED} characters. */
    public static String safe(String value) {
        return safe(value, MAX_QUOTED);
    }

    /**
     * A value from the event made safe to print: control characters (C0, DEL, C1), line and paragraph separators,
     * format characters (bidirectional overrides, zero-width characters), unassigned code points and lone surrogates
     * are written as escapes (a backslash and {@code n}, or a backslash, {@code u} and four hex digits), so that an
     * event cannot move a terminal's cursor, recolour it or fake a line of its own; and what is longer than {@code max}
     * code points is cut, saying how long it was.
     */
    public static String safe(String value, int max) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int shown = 0;
        while (i < value.length() && shown < max) {
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (codePoint == '\n') {
                out.append("\\n");
            } else if (codePoint == '\r') {
                out.append("\\r");
            } else if (codePoint == '\t') {
                out.append("\\t");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                for (char c : Character.toChars(codePoint)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
            shown++;
        }
        if (i < value.length()) {
            out.append("… (").append(value.codePointCount(0, value.length())).append(" characters)");
        }
        return out.toString();
    }
}
