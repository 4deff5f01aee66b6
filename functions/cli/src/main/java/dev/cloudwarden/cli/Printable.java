package dev.cloudwarden.cli;

/**
 * Text made safe for a terminal before the CLI prints it: whatever came from a user, a file, an event or the cloud
 * (an option's value, an event's field, a resource's name) may hold control characters that move the cursor, recolour
 * the terminal or clear it, and bidirectional or zero-width characters that make text read other than it is. Each
 * is written as an escape instead: a backslash, {@code u} and four hex digits. Line feeds and tabs stay (the CLI's own
 * messages list problems one per line); a carriage return does not (it would overwrite the line).
 */
final class Printable {
    private Printable() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            boolean unsafe = codePoint != '\n' && codePoint != '\t'
                    && (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE);
            if (unsafe) {
                for (char c : Character.toChars(codePoint)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
