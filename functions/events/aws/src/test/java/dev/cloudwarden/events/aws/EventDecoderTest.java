package dev.cloudwarden.events.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import dev.cloudwarden.emulator.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * What the decoder refuses before it reads a field, and how it says so: one sentence, values from the event made
 * printable and short. Each case here once crashed the decoder or was silently accepted.
 */
class EventDecoderTest {
    private static final String SG = FirewallAudit.OPERATION;
    private static final AwsEventDecoder DECODER = new AwsEventDecoder();

    private static String scheduled() throws IOException {
        return Files.readString(SampleEvents.awsDir().resolve("scheduled-sweep.json"));
    }

    private static String refusal(String event) {
        return refusal(event.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(byte[] event) {
        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                () -> DECODER.read(new ByteArrayInputStream(event), SG));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStackTrace()).as("an expected outcome carries no stack trace").isEmpty();
        return e.getMessage();
    }

    // --- past Jackson's limits: these crashed with a NullPointerException (a null location) ---------------------------

    @Test
    void nestingDeeperThanJacksonsOwnLimit_isRefused_notANullPointer() {
        String deep = "{\"detail\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}";

        assertThat(refusal(deep)).isEqualTo("the event nests objects and arrays deeper than 64 levels: no EventBridge event cloudwarden reads does");
    }

    @Test
    void nestingJustPastTheDecodersLimit_isRefused_andJustWithinItIsRead() throws IOException {
        String within = scheduled().replace("\"detail\": {}", "\"detail\": {\"x\":" + "[".repeat(62) + "]".repeat(62) + "}");
        String beyond = scheduled().replace("\"detail\": {}", "\"detail\": {\"x\":" + "[".repeat(63) + "]".repeat(63) + "}");

        assertThat(AwsEvents.JSON.parse(within.getBytes(StandardCharsets.UTF_8)).path("detail").isObject()).isTrue();
        assertThat(refusal(beyond)).contains("deeper than 64 levels");
    }

    @Test
    void aTwentyMillionCharacterString_isRefusedBySize_afterReadingNoMoreThanTheLimit() {
        CountingInput in = new CountingInput("{\"detail-type\":\"" + "a".repeat(20_000_000) + "\"}");

        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class, () -> AwsEvents.JSON.parse(in));

        assertThat(e.getMessage()).isEqualTo("the event is larger than 256 KB (262144 bytes), EventBridge's limit for an event: it is not one");
        assertThat(in.read).isEqualTo(AwsEvents.MAX_EVENT_BYTES + 1);
    }

    @Test
    void anEventOfExactlyTheLimit_isRead() throws IOException {
        String event = scheduled().replace("\"detail\": {}", "\"detail\": {\"pad\": \"\"}");
        String padded = event.replace("\"pad\": \"\"", "\"pad\": \"" + "p".repeat(AwsEvents.MAX_EVENT_BYTES - event.length()) + "\"");
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(AwsEvents.MAX_EVENT_BYTES);

        assertThat(DECODER.read(new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)), SG)
                .scope().isSweep()).isTrue();
        assertThat(refusal(padded.replace("\"pad\": \"", "\"pad\": \"p"))).contains("larger than 256 KB");
    }

    // --- one event, one object -----------------------------------------------------------------------------------------

    @Test
    void anythingAfterTheFirstObject_isRefused() throws IOException {
        assertThat(refusal(scheduled() + scheduled())).startsWith("the event has more after its JSON object (line 14, column 1)")
                .endsWith("an event is exactly one JSON object");
        assertThat(refusal(scheduled() + " x")).contains("has more after its JSON object");
        assertThat(refusal(scheduled() + "]")).contains("has more after its JSON object");
        assertThat(AwsEvents.JSON.parse((scheduled() + " \n\t ").getBytes(StandardCharsets.UTF_8)).isObject()).as("white space is not content").isTrue();
    }

    @Test
    void aKeyTwiceInOneObject_isRefused_atTheTopAndInside() throws IOException {
        assertThat(refusal(scheduled().replace("\"region\": \"us-east-1\"", "\"region\": \"us-east-1\", \"region\": \"eu-west-1\"")))
                .isEqualTo("the event is not valid JSON (line 8, column 34): Duplicate field 'region'");
        assertThat(refusal(scheduled().replace("\"detail\": {}", "\"detail\": {\"a\": 1, \"a\": 2}"))).contains("Duplicate field 'a'");
    }

    @Test
    void whatIsNotAJsonObject_isSaidSo() {
        assertThat(refusal("[]")).isEqualTo("the event is an array, not a JSON object: expected an EventBridge event");
        assertThat(refusal("\"Scheduled Event\"")).isEqualTo("the event is a string, not a JSON object: expected an EventBridge event");
        assertThat(refusal(" \n ")).isEqualTo("the event is empty: expected an EventBridge event, a JSON object");
        assertThat(refusal("not json")).startsWith("the event is not valid JSON (line 1, column 1): Unrecognized token 'not'");
        assertThat(refusal("{\"a\":")).startsWith("the event is not valid JSON (").doesNotContain("Source").doesNotContain("StreamReadFeature");
    }

    // --- bytes that are not UTF-8 JSON ---------------------------------------------------------------------------------

    @Test
    void aByteOrderMark_isRefused() throws IOException {
        byte[] json = scheduled().getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[json.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, bom, 3, json.length);

        assertThat(refusal(bom)).isEqualTo("the event starts with a byte order mark: EventBridge events are UTF-8 JSON without one"
                + " (save the file as UTF-8 without a BOM)");
    }

    @Test
    void bytesThatAreNotUtf8_areRefused_namingTheFirst() throws IOException {
        byte[] latin1 = scheduled().replace("Scheduled Event", "Scheduled Évent").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refusal(latin1)).isEqualTo("the event is not UTF-8 text: byte 0xC9 at offset 96 is not valid UTF-8");
        assertThat(refusal(scheduled().getBytes(StandardCharsets.UTF_16))).contains("is not UTF-8 text").endsWith("(it looks like UTF-16)");
    }

    // --- the envelope --------------------------------------------------------------------------------------------------

    @Test
    void eachEnvelopeFieldIsRequired_andMustBeAString() throws IOException {
        String event = scheduled();
        assertThat(refusal(event.replace("\"detail-type\": \"Scheduled Event\",", ""))).isEqualTo("event has no 'detail-type' field");
        assertThat(refusal(event.replace("\"detail-type\": \"Scheduled Event\"", "\"detail-type\": \" \""))).isEqualTo("event field 'detail-type' is blank");
        assertThat(refusal(event.replace("\"source\": \"aws.events\"", "\"source\": null"))).isEqualTo("event has no 'source' field");
        assertThat(refusal(event.replace("\"region\": \"us-east-1\"", "\"region\": 1"))).isEqualTo("event field 'region' is a number, expected a string");
        assertThat(refusal(event.replace("\"detail-type\": \"Scheduled Event\"", "\"detail-type\": {\"x\": 1}")))
                .isEqualTo("event field 'detail-type' is an object, expected a string");
        assertThat(refusal(event.replace("\"detail\": {}", "\"detail\": []"))).isEqualTo("event field 'detail' is an array, expected an object");
        assertThat(refusal(event.replace("\"account\": \"123456789012\",", ""))).isEqualTo("event has no 'account' field");
    }

    @Test
    void aRegionTheSdkCannotUse_isRefused_beforeAnyClientExists() throws IOException {
        assertThat(refusal(scheduled().replace("\"region\": \"us-east-1\"", "\"region\": \"../../etc\"")))
                .isEqualTo("event field 'region': expected an AWS region such as us-east-1 or eu-west-2, got \"../../etc\"");
        assertThat(refusal(scheduled().replace("\"region\": \"us-east-1\"", "\"region\": \"us east 1\""))).contains("\"us east 1\"");
        assertThat(refusal(scheduled().replace("\"region\": \"us-east-1\"", "\"region\": \"us-east-1\\u001b[2J\"")))
                .endsWith("got \"us-east-1\\u001b[2J\"");
    }

    @Test
    void anAccountThatIsNotTwelveDigits_isRefused() throws IOException {
        assertThat(refusal(scheduled().replace("\"account\": \"123456789012\"", "\"account\": \"12345\"")))
                .isEqualTo("event field 'account' is not an AWS account id (12 digits): '12345'");
    }

    @Test
    void aWrongTypeInsideTheDetail_isRefused() throws IOException {
        String call = Files.readString(SampleEvents.awsDir().resolve("cloudtrail-authorize-ingress-ipv4.json"));

        assertThat(refusal(call.replace("\"eventName\": \"AuthorizeSecurityGroupIngress\"", "\"eventName\": [\"AuthorizeSecurityGroupIngress\"]")))
                .isEqualTo("event field 'detail.eventName' is an array, expected a string");
    }

    // --- what a message quotes -----------------------------------------------------------------------------------------

    @Test
    void controlCharactersFromTheEvent_areEscapedInTheMessage() throws IOException {
        String message = refusal(scheduled().replace("\"Scheduled Event\"", "\"\\u001b[31mred\\u001b[0m\\r\\n\\u202e\""));

        assertThat(message).startsWith("unsupported event: detail-type '\\u001b[31mred\\u001b[0m\\r\\n\\u202e' from source 'aws.events'");
        assertThat(message.chars()).noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    @Test
    void aLongValue_isCutShortInTheMessage() throws IOException {
        String message = refusal(scheduled().replace("\"Scheduled Event\"", "\"" + "x".repeat(10_000) + "\""));

        assertThat(message).contains("'" + "x".repeat(64) + "… (10000 characters)'").hasSizeLessThan(300);
    }

    // --- whatever goes wrong inside a decoder ----------------------------------------------------------------------------

    @Test
    void aDefectInADecoder_isAnUnsupportedEvent_keepingTheDefectAsItsCause() throws IOException {
        BiFunction<JsonNode, String, DecodedEvent> broken = (event, operation) -> {
            ((ObjectNode) event).put("oops", (String) null);
            throw new NullPointerException("a defect");
        };

        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                () -> AwsEvents.JSON.decode(new ByteArrayInputStream(scheduled().getBytes(StandardCharsets.UTF_8)), broken, SG));

        assertThat(e.getMessage()).isEqualTo("the event could not be decoded: the decoder failed on it, a defect in cloudwarden"
                + " (please report it with the event); nothing was called");
        assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
    }

    /** Counts what is read from it, so that a test sees the decoder stop early. */
    private static final class CountingInput extends InputStream {
        private final byte[] bytes;
        private int position;
        int read;

        CountingInput(String text) {
            this.bytes = text.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            if (position >= bytes.length) {
                return -1;
            }
            read++;
            return bytes[position++];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            read += n;
            return n;
        }
    }
}
