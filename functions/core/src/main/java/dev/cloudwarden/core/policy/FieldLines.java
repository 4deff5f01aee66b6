package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every field and array element of a parsed document, keyed by JSON pointer, so that a
 * validation error found on the tree can still name its line. Built in one streaming pass.
 */
final class FieldLines {
    private final Map<String, Integer> lines = new HashMap<>();

    static FieldLines read(JsonParser parser) throws IOException {
        FieldLines index = new FieldLines();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                continue;
            }
            // at a field name the context already points at the field; at an array element, at its index
            index.lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                    parser.currentTokenLocation().getLineNr());
        }
        return index;
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
