package dev.cloudwarden.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a cloud's decoder, as a provider is found: exactly one per cloud, or an error that says what is there. */
class EventDecodersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A decoder that recognises events carrying its marker field. */
    private record Fake(CloudId cloud, String marker) implements EventDecoder {
        @Override
        public EventJson json() {
            return new EventJson("Test Bus", "a Test Bus event", 1024, 8);
        }

        @Override
        public boolean recognises(JsonNode event) {
            return event.has(marker);
        }

        @Override
        public DecodedEvent decode(JsonNode event, String operation) {
            throw new UnsupportedEventException("not for " + operation);
        }
    }

    private static final Fake AZURE = new Fake(CloudId.AZURE, "eventType");
    private static final Fake GCP = new Fake(CloudId.GCP, "protoPayload");

    @Test
    void theOneDecoderOfTheCloud_isFound() {
        assertThat(EventDecoders.find(CloudId.GCP, List.of(AZURE, GCP))).isSameAs(GCP);
    }

    @Test
    void noDecoderForTheCloud_isAnError_listingThosePresent() {
        assertThatThrownBy(() -> EventDecoders.find(CloudId.AWS, List.of(GCP, AZURE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no event decoding module for cloud 'aws' on the class path (decoders present: azure, gcp)");
        assertThatThrownBy(() -> EventDecoders.find(CloudId.AWS, List.of()))
                .hasMessage("no event decoding module for cloud 'aws' on the class path (decoders present: none)");
    }

    @Test
    void twoDecodersForOneCloud_isAnError_namingBoth() {
        assertThatThrownBy(() -> EventDecoders.find(CloudId.AZURE, List.of(AZURE, new Fake(CloudId.AZURE, "x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("more than one event decoding module for cloud 'azure': ");
    }

    @Test
    void anEventIsRecognisedByItsEnvelope() throws Exception {
        assertThat(EventDecoders.recognising(JSON.readTree("{\"protoPayload\": {}}"), List.of(AZURE, GCP))).isSameAs(GCP);
        assertThatThrownBy(() -> EventDecoders.recognising(JSON.readTree("{\"other\": 1}"), List.of(AZURE, GCP)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("the event is not shaped like an event of any cloud cloudwarden reads here (decoders present: azure, gcp)");
        assertThatThrownBy(() -> EventDecoders.recognising(JSON.readTree("{\"eventType\": 1, \"protoPayload\": {}}"), List.of(AZURE, GCP)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("the event is shaped like an event of more than one cloud (azure, gcp): say which cloud it is from");
    }

    @Test
    void readingThroughADecoder_parsesWithinItsLimits_thenDecodes() {
        assertThatThrownBy(() -> GCP.read(new java.io.ByteArrayInputStream(new byte[2000]), "op"))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("the event is larger than 1 KB (1024 bytes), Test Bus's limit for an event: it is not one");
        assertThatThrownBy(() -> GCP.read(new java.io.ByteArrayInputStream("{}".getBytes()), "op"))
                .isInstanceOf(UnsupportedEventException.class).hasMessage("not for op");
    }
}
