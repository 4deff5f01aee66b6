package dev.cloudwarden.core.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.regex.Matcher;

/**
 * Compiles a policy's {@code pattern} with RE2/J, which matches in time linear in the value: no pattern, whatever
 * its author wrote, can hang a run on a tag value someone crafted (Java's {@code (.*a){20}$} takes minutes on 49
 * characters). What RE2 cannot do in linear time, it does not do: backreferences, lookaround, atomic groups and
 * possessive quantifiers are refused at load, each named. So are patterns whose compiled program would be huge
 * ({@code ((a{1000}){1000}){1000}} fills the heap), and the two Java constructs RE2 would silently read otherwise:
 * a class intersection ({@code [a-z&&[^e]]}) and a nested class ({@code [a-c[x-z]]}), literal characters to RE2.
 */
public final class ValuePattern {
    /** The longest pattern accepted; tag values themselves have at most 256 characters. */
    static final int MAX_LENGTH = 1_000;
    /** The most characters a pattern may stand for once its counted repetitions are written out. */
    static final int MAX_SIZE = 5_000;
    /** Groups nested deeper than this are refused (RE2/J's compiler recurses over them). */
    static final int MAX_GROUP_DEPTH = 50;
    private static final java.util.regex.Pattern REPEAT = java.util.regex.Pattern.compile("\\{(\\d{1,9})(,(\\d{0,9}))?}");

    private ValuePattern() {
    }

    /**
     * @throws IllegalArgumentException with one sentence saying what is not supported, and where
     */
    public static Pattern compile(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a pattern has at most " + MAX_LENGTH + " characters, got " + regex.length());
        }
        long size = size(regex);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("the pattern's counted repetitions ({n}) multiply to more than " + MAX_SIZE
                    + " characters once written out: simplify it (a tag value has at most 256 characters)");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(explain(e));
        }
    }

    /** RE2/J's complaint in words a Java regex author recognises: what is not supported, and why. */
    private static String explain(PatternSyntaxException e) {
        String what = e.getDescription();
        String message = e.getMessage() == null ? "" : e.getMessage();
        int tick = message.indexOf('`');
        String where = tick >= 0 && message.endsWith("`") ? message.substring(tick + 1, message.length() - 1) : "";
        String linear = " (patterns are RE2 syntax, matched in linear time: see the README)";
        if (what.equals("invalid escape sequence") && where.matches("\\\\[1-9]")) {
            return "backreferences such as " + where + " are not supported" + linear;
        }
        if (what.equals("invalid escape sequence") && where.startsWith("\\k")) {
            return "named backreferences (\\k<name>) are not supported" + linear;
        }
        if (where.startsWith("(?=") || where.startsWith("(?!")) {
            return "lookahead " + where + "…) is not supported" + linear;
        }
        if (where.startsWith("(?<=") || where.startsWith("(?<!")) {
            return "lookbehind " + where.substring(0, 4) + "…) is not supported" + linear;
        }
        if (where.startsWith("(?>")) {
            return "atomic groups (?>…) are not supported" + linear;
        }
        if (what.equals("invalid nested repetition operator") && where.length() == 2 && where.charAt(1) == '+') {
            return "possessive quantifiers such as " + where + " are not supported" + linear;
        }
        if (what.equals("invalid or unsupported Perl syntax") && where.startsWith("(?")) {
            return "the group or flag " + where + " is not supported (RE2 knows the flags i, m, s and U, and (?P<name>…) groups)" + linear;
        }
        if (what.equals("invalid escape sequence")) {
            return "the escape " + where + " is not supported" + linear;
        }
        if (what.equals("invalid character class range") && where.startsWith("\\p")) {
            return "the character class " + where + " is not supported (RE2 knows Unicode classes such as \\p{L} and \\p{Greek}, "
                    + "and POSIX classes such as [[:lower:]])" + linear;
        }
        return "not a valid regular expression: " + what + (where.isEmpty() ? "" : ": " + where) + linear;
    }

    /**
     * The number of characters and classes the pattern stands for with each counted repetition written out, as
     * RE2 compiles it ({@code x{3}} is {@code xxx}); a saturating estimate. Refuses Java's class intersection
     * ({@code &&} inside brackets) and groups nested too deep, which the estimate sees in passing.
     */
    static long size(String regex) {
        long[] total = new long[MAX_GROUP_DEPTH + 2]; // the size of each open group so far
        long last = 0; // the size of the last atom, which a repetition applies to
        int depth = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == 'Q') { // \Q...\E: literal
                        int end = regex.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        total[depth] = add(total[depth], stop - i - 2);
                        last = 1;
                        i = end < 0 ? n : end + 2;
                        continue;
                    }
                    i += i + 2 < n && regex.charAt(i + 2) == '{' && "pPx".indexOf(regex.charAt(i + 1)) >= 0
                            ? Math.max(regex.indexOf('}', i + 2), i + 2) + 1 - i : 2;
                    total[depth] = add(total[depth], 1);
                    last = 1;
                    continue;
                }
                case '[' -> {
                    i = endOfClass(regex, i);
                    total[depth] = add(total[depth], 1);
                    last = 1;
                    continue;
                }
                case '(' -> {
                    if (++depth > MAX_GROUP_DEPTH) {
                        throw new IllegalArgumentException("groups nest more than " + MAX_GROUP_DEPTH + " deep");
                    }
                    total[depth] = 0;
                    last = 0;
                }
                case ')' -> {
                    if (depth > 0) {
                        last = add(total[depth], 1);
                        depth--;
                        total[depth] = add(total[depth], last);
                    }
                }
                case '{' -> {
                    Matcher m = REPEAT.matcher(regex).region(i, n);
                    if (m.lookingAt()) {
                        long min = Long.parseLong(m.group(1));
                        long max = m.group(2) == null ? min : m.group(3).isEmpty() ? min + 1 : Long.parseLong(m.group(3));
                        long copies = Math.max(min, max);
                        total[depth] = add(total[depth], multiply(last, Math.max(copies - 1, 0)));
                        last = multiply(last, copies);
                        i = m.end();
                        continue;
                    }
                    total[depth] = add(total[depth], 1);
                    last = 1;
                }
                case '*', '+', '?', '|' -> total[depth] = add(total[depth], 1);
                default -> {
                    total[depth] = add(total[depth], 1);
                    last = 1;
                }
            }
            i++;
        }
        long sum = 0;
        for (int d = 0; d <= depth; d++) {
            sum = add(sum, total[d]);
        }
        return sum;
    }

    /** The index after the class that starts at {@code start} ({@code [}); refuses Java's {@code &&} inside it. */
    private static int endOfClass(String regex, int start) {
        int i = start + 1;
        int n = regex.length();
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') { // a leading ] is a literal
            i++;
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && i + 1 < n && regex.charAt(i + 1) == ':') { // [:alpha:]
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
                continue;
            }
            if (c == '[') {
                throw new IllegalArgumentException("a '[' inside a character class is a nested class in Java ([a-c[x-z]]) "
                        + "but a literal '[' in RE2: write \\[ for the character, or list the ranges in one class");
            }
            if (c == '&' && i + 1 < n && regex.charAt(i + 1) == '&') {
                throw new IllegalArgumentException("character class intersection (&&, as in [a-z&&[^aeiou]]) is Java-only: "
                        + "RE2 would read it as two '&' characters; list the characters instead");
            }
            if (c == ']') {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > Integer.MAX_VALUE / b ? Integer.MAX_VALUE : Math.min(a * b, Integer.MAX_VALUE);
    }
}
