package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A policy's text read as exactly one document, YAML or JSON: its tree and the line of every field in it.
 *
 * <p>Text that starts with '{' is read as JSON; when that fails and YAML reads it (a YAML flow mapping such as
 * {@code {version: 1, cloud: aws, ...}} is not JSON), the YAML is taken. One streaming pass comes before the tree
 * and refuses what a tree would silently drop or misread: a second YAML document or anything after the JSON
 * object (a later {@code dryRun: true} must not be ignored while the first runs for real), YAML aliases (the
 * parser hands over the anchor's name, not its value) and nesting deeper than any policy needs.
 */
record PolicyDocument(JsonNode root, FieldLines lines) {
    /** Nesting deeper than this is refused; a policy needs 8 levels. */
    static final int MAX_DEPTH = 64;
    private static final JsonFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern CONSTRAINT = Pattern.compile(", from `[^`]*`");
    private static final Pattern EVENT = Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event(\\([^)]*\\))?>?");
    /** SnakeYAML reads an escape's digits with Integer.parseInt, and the parser passes the failure on by its class name. */
    private static final Pattern TOKENIZE_FAILURE = Pattern.compile("failed to tokenize due to \\((?:[\\w$]+\\.)+[\\w$]+\\): (.*)");
    /** The last line of defence: a JDK or library class named in a parser's message, with its parentheses. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            " ?\\(?\\b(?:java|javax|jdk|sun|com\\.fasterxml|org\\.yaml)\\.(?:[\\w$]+\\.)*[\\w$]+\\)?");
    private static final Pattern COMPLEX_KEY = Pattern.compile("Expected a field name \\(Scalar value in YAML\\), got this instead: "
            + EVENT.pattern());

    /**
     * @throws InvalidPolicyException with the one problem that stopped the reading, on its line
     */
    static PolicyDocument read(String text, String source) {
        Attempt first = attempt(text.stripLeading().startsWith("{") ? JSON : YAML, text);
        if (first.document() != null) {
            return first.document();
        }
        Problem problem = first.problem();
        if (first.factory() == JSON) {
            Attempt yaml = attempt(YAML, text);
            if (yaml.document() != null) {
                return yaml.document();
            }
            // neither reads it: report the reading that got further (a JSON typo late in the file, or a YAML flow mapping)
            if (yaml.problem().isAfter(problem)) {
                problem = yaml.problem();
            }
        }
        throw new InvalidPolicyException(source, List.of(problem.error()));
    }

    /** A document, or the problem that stopped it. */
    private record Attempt(JsonFactory factory, PolicyDocument document, Problem problem) {
    }

    /** What stopped the reading, and where, to tell which of two readings got further. */
    private record Problem(PolicyError error, int line, int column) {
        boolean isAfter(Problem other) {
            return line > other.line || (line == other.line && column > other.column);
        }
    }

    private static Attempt attempt(JsonFactory factory, String text) {
        FieldLines lines = new FieldLines();
        try (JsonParser parser = factory.createParser(text)) {
            Problem problem = scan(parser, factory == YAML, lines);
            if (problem != null) {
                return new Attempt(factory, null, problem);
            }
        } catch (JsonProcessingException e) {
            return new Attempt(factory, null, problemOf(e));
        } catch (IOException e) { // a String has no I/O to fail; kept for the signature
            return new Attempt(factory, null, new Problem(new PolicyError("(syntax)", "cannot be read", 0), 0, 0));
        }
        try (JsonParser parser = factory.createParser(text)) {
            return new Attempt(factory, new PolicyDocument(TREES.readTree(parser), lines), null);
        } catch (JsonProcessingException e) {
            return new Attempt(factory, null, problemOf(e));
        } catch (IOException e) {
            return new Attempt(factory, null, new Problem(new PolicyError("(syntax)", "cannot be read", 0), 0, 0));
        }
    }

    /**
     * Reads the first document to its end, noting the line of every field and element; returns the problem with it,
     * or with what follows it, or null. An empty text is no problem here (the policy's reader says what is missing).
     */
    private static Problem scan(JsonParser parser, boolean yaml, FieldLines lines) throws IOException {
        int depth = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (yaml && ((YAMLParser) parser).isCurrentAlias()) {
                return problemAt(parser.currentTokenLocation(), "(syntax)", "the YAML alias *" + shorten(parser.getText())
                        + " is not supported: write the value out where it is needed");
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else {
                // at a field name the context already points at the field; at an array element, at its index
                lines.put(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        return problemAt(parser.currentTokenLocation(), "(syntax)", "mappings and lists nest more than "
                                + MAX_DEPTH + " levels deep here; a policy needs fewer than 10");
                    }
                }
            }
            if (depth == 0 && token != JsonToken.FIELD_NAME) {
                break; // the first document's root value is complete
            }
        }
        if (token == null) {
            return null;
        }
        JsonLocation after;
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            after = parser.currentTokenLocation();
        } catch (JsonProcessingException e) {
            if (yaml) { // not a second document but a syntax error right after the first value: say that one
                return problemOf(e);
            }
            after = e.getLocation();
        }
        return problemAt(after, "(syntax)", yaml
                ? "a second YAML document follows the first: a policy is exactly one document, and a later one would be ignored (merge them, or remove the --- and what follows)"
                : "content after the end of the JSON object: a policy is exactly one JSON object, and what follows would be ignored");
    }

    private static JsonLocation locationOf(Mark mark) {
        return new JsonLocation(null, -1, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Problem problemAt(JsonLocation at, String field, String message) {
        int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
        return new Problem(new PolicyError(field, message, line), line, column);
    }

    /** The parser's complaint as one plain sentence, on the line where the parser found the problem. */
    private static Problem problemOf(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String problem = marked.getProblem() == null ? "not valid YAML" : firstLine(marked.getProblem());
            String context = marked.getContext() == null ? "" : " (" + firstLine(marked.getContext()) + ")";
            return problemAt(locationOf(marked.getProblemMark()), "(syntax)", plain(problem) + context);
        }
        String message = e.getOriginalMessage() == null ? "not valid" : plain(firstLine(e.getOriginalMessage()));
        if (message.toLowerCase(Locale.ROOT).contains("base64")) {
            message = "a !!binary value that is not valid base64";
        }
        return problemAt(e.getLocation(), fieldAt(e, message), message);
    }

    /** The field the parser was reading when it stopped (a duplicate key knows it), else "(syntax)". */
    private static String fieldAt(JsonProcessingException e, String message) {
        if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (String segment : pointer.substring(1).split("/", -1)) {
                    if (segment.matches("\\d+")) {
                        path.append('[').append(segment).append(']');
                    } else {
                        path.append(path.isEmpty() ? "" : ".").append(PolicyNodes.shownKey(segment.replace("~1", "/").replace("~0", "~")));
                    }
                }
                return path.toString();
            }
        }
        return "(syntax)";
    }

    /** A parser's message without the names of the parser's own classes and settings, which mean nothing to a reader. */
    static String plain(String message) {
        String text = message;
        Matcher complexKey = COMPLEX_KEY.matcher(text);
        if (complexKey.find()) {
            String kind = switch (complexKey.group(1)) {
                case "SequenceStart" -> "a list";
                case "MappingStart" -> "a mapping";
                default -> "a " + complexKey.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            };
            return "a mapping key must be a plain value such as a name, not " + kind;
        }
        Matcher tokenize = TOKENIZE_FAILURE.matcher(text);
        if (tokenize.find()) {
            return tokenize.group(1).contains("radix 16")
                    ? "an escape (\\xXX, \\uXXXX or \\UXXXXXXXX) whose hexadecimal digits name no character"
                    : "a token that cannot be read: " + tokenize.group(1);
        }
        text = SOURCE.matcher(text).replaceAll("line $1, column $2");
        text = CONSTRAINT.matcher(text).replaceAll("");
        text = EVENT.matcher(text).replaceAll("$1");
        return CLASS_NAME.matcher(text).replaceAll("");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
