package dev.cloudwarden.core.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The line of every field and array element of a parsed document, keyed by JSON pointer, so that a
 * validation error found on the tree can still name its line. Filled in the one streaming pass that
 * {@link PolicyDocument} makes over the document before the tree is built.
 */
final class FieldLines {
    private final Map<String, Integer> lines = new HashMap<>();

    void put(String pointer, int line) {
        lines.putIfAbsent(pointer, line);
    }

    /** The line of the field at {@code pointer}, or of its nearest ancestor that has one; 0 if none. */
    int lineOf(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }
}
