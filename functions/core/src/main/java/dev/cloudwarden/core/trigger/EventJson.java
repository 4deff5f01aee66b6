package dev.cloudwarden.core.trigger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads the bytes of one event, as a cloud's event service delivers one, before any field is read: at most
 * {@link #maxBytes()} bytes of UTF-8 without a byte order mark, one JSON object and nothing after it (or one array, for a
 * service that delivers its events in arrays: {@link #inArrays()}), no key twice in one object, nested at most
 * {@link #maxNesting()} deep. Anything else is refused with an
 * {@link UnsupportedEventException} whose message is one sentence saying what is wrong, in the words of the service
 * that delivers the events ({@code EventBridge}, {@code Event Grid}), with what it quotes made printable.
 *
 * <p>The limits are the delivering service's: an event larger than the service ever delivers is not one of its events,
 * and is not read further than that. Each cloud's decoder module holds one instance.
 */
public final class EventJson {
    private final String service;
    private final String oneEvent;
    private final int maxBytes;
    private final int maxNesting;
    private final boolean arrays;
    private final JsonFactory factory;
    private final ObjectMapper json;

    /**
     * @param service    the service that delivers the events, for messages ({@code EventBridge})
     * @param oneEvent   one such event, for messages ({@code an EventBridge event})
     * @param maxBytes   the largest event the service delivers
     * @param maxNesting how deep objects and arrays may nest: the events read nest a few levels; Jackson's own limit is
     *                   1,000, past which it fails in a way that used to crash the decoder
     */
    public EventJson(String service, String oneEvent, int maxBytes, int maxNesting) {
        this(service, oneEvent, maxBytes, maxNesting, false);
    }

    /**
     * {@link #EventJson(String, String, int, int)} for a service that may deliver its events in one JSON array (Event Grid
     * posts an array of events): an array is then read too, as one delivery, and which of its elements are events is the
     * decoder's to say.
     */
    public static EventJson inArrays(String service, String oneEvent, int maxBytes, int maxNesting) {
        return new EventJson(service, oneEvent, maxBytes, maxNesting, true);
    }

    private EventJson(String service, String oneEvent, int maxBytes, int maxNesting, boolean arrays) {
        this.arrays = arrays;
        this.service = Objects.requireNonNull(service, "service");
        this.oneEvent = Objects.requireNonNull(oneEvent, "oneEvent");
        if (maxBytes < 1 || maxNesting < 1) {
            throw new IllegalArgumentException("maxBytes and maxNesting must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxNesting = maxNesting;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNesting).build())
                // a key twice in one object: which one counts differs between readers, so neither does
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.json = new ObjectMapper(factory);
    }

    /** The largest event read, in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /** How deep objects and arrays may nest. */
    public int maxNesting() {
        return maxNesting;
    }

    /** Whether a delivery may be one JSON array of events ({@link #inArrays}). */
    public boolean inArrays() {
        return arrays;
    }

    /** One event, for messages ({@code an EventBridge event}). */
    public String oneEvent() {
        return oneEvent;
    }

    /**
     * Reads one event and decodes it with {@code decoder} for {@code operation}: what every entry point and the CLI's
     * {@code --event} do. Whatever goes wrong, the outcome is a {@link DecodedEvent} or an
     * {@link UnsupportedEventException}: a failure inside a decoder (a defect: the fuzz tests look for them) is
     * reported as an event that could not be decoded, with the defect as its cause.
     */
    public DecodedEvent decode(InputStream in, BiFunction<JsonNode, String, DecodedEvent> decoder, String operation) {
        JsonNode event = parse(in);
        try {
            return decoder.apply(event, operation);
        } catch (UnsupportedEventException e) {
            throw e;
        } catch (RuntimeException defect) {
            throw new UnsupportedEventException("the event could not be decoded: the decoder failed on it, a defect in cloudwarden"
                    + " (please report it with the event); nothing was called", defect);
        }
    }

    /**
     * The event in {@code in} as a JSON object (or array, {@link #inArrays}), read only as far as {@link #maxBytes()};
     * anything that is not one event as the service delivers one is refused (see the class comment).
     */
    public JsonNode parse(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UnsupportedEventException("the event could not be read: " + EventFields.safe(String.valueOf(e.getMessage())));
        }
        return parse(bytes);
    }

    /** {@link #parse(InputStream)} of bytes already read. */
    public JsonNode parse(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new UnsupportedEventException("the event is larger than " + maxBytes / 1024 + " KB (" + maxBytes
                    + " bytes), " + service + "'s limit for an event: it is not one");
        }
        String text = utf8(bytes);
        if (text.isBlank()) {
            throw new UnsupportedEventException("the event is empty: expected " + oneEvent + ", a " + shape());
        }
        try (JsonParser parser = factory.createParser(text)) {
            JsonNode node = json.readTree(parser);
            if (node == null || !(node.isObject() || (arrays && node.isArray()))) {
                throw new UnsupportedEventException("the event is " + EventFields.kind(node) + ", not a " + shape() + ": expected " + oneEvent);
            }
            if (trailing(parser)) {
                JsonLocation at = parser.currentTokenLocation();
                throw new UnsupportedEventException("the event has more after its JSON " + (node.isArray() ? "array" : "object")
                        + " (" + where(at) + "): an event is exactly one " + shape());
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new UnsupportedEventException(beyondLimit(e));
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("the event is not valid JSON (" + where(e.getLocation()) + "): " + jacksonMessage(e));
        } catch (IOException e) { // reading a String fails only in the parser
            throw new UnsupportedEventException("the event could not be read: " + EventFields.safe(String.valueOf(e.getMessage())));
        }
    }

    /** What one delivery is, for messages. */
    private String shape() {
        return arrays ? "JSON object or array" : "JSON object";
    }

    /** Whether anything but white space follows the value the parser has read (something unparseable counts). */
    private static boolean trailing(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    /**
     * The bytes as UTF-8 text, refusing a byte order mark (RFC 8259: JSON sent between systems carries none, and the
     * event services never send one) and any byte sequence that is not UTF-8 (which a lenient decoder would turn into
     * replacement characters, or a UTF-16 text Jackson would detect and read).
     */
    private String utf8(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new UnsupportedEventException("the event starts with a byte order mark: " + service + " events are UTF-8 JSON without"
                    + " one (save the file as UTF-8 without a BOM)");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        try {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                result.throwException();
            }
            decoder.flush(out);
        } catch (CharacterCodingException e) {
            int at = Math.min(in.position(), bytes.length - 1);
            boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xFF) >= 0xFE || bytes[0] == 0 || bytes[1] == 0);
            throw new UnsupportedEventException("the event is not UTF-8 text: byte 0x" + String.format("%02X", bytes[at] & 0xFF)
                    + " at offset " + at + " is not valid UTF-8" + (utf16 ? " (it looks like UTF-16)" : ""));
        }
        return out.flip().toString();
    }

    /** Which of Jackson's limits the event went past (it names them in its messages only, in Java terms). */
    private String beyondLimit(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("nesting depth")) {
            return "the event nests objects and arrays deeper than " + maxNesting + " levels: no " + service + " event cloudwarden reads does";
        }
        if (message.contains("Number value length")) {
            return "the event has a number of more than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        if (message.contains("Name length")) {
            return "the event has a field name of more than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return "the event has a value larger than the decoder reads";
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "position unknown";
        }
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * Jackson's own words for a syntax error, which name what it found and expected, without the location it appends
     * (given separately) and made printable: it quotes the offending characters, control characters included.
     */
    private static String jacksonMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String cut : new String[] {" at [Source", "[Source:", "\n at "}) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at).strip();
            }
        }
        return EventFields.safe(message, 160);
    }
}
