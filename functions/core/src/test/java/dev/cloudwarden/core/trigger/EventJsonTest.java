package dev.cloudwarden.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The bounded reading of one event, in the words of the service that delivers it. (functions/events/aws
 * EventDecoderTest goes through every refusal with EventBridge's limits and real events.)
 */
class EventJsonTest {
    private static final EventJson GRID = new EventJson("Event Grid", "an Event Grid event", 1024, 4);

    private static String refusal(String event) {
        UnsupportedEventException e = catchThrowableOfType(UnsupportedEventException.class,
                () -> GRID.parse(event.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStackTrace()).as("an expected outcome carries no stack trace").isEmpty();
        return e.getMessage();
    }

    @Test
    void theServicesLimitsAndName_areInTheRefusals() {
        assertThat(refusal("{\"a\": \"" + "x".repeat(1024) + "\"}"))
                .isEqualTo("the event is larger than 1 KB (1024 bytes), Event Grid's limit for an event: it is not one");
        assertThat(refusal("{\"a\":[[[[[]]]]]}")).isEqualTo("the event nests objects and arrays deeper than 4 levels: no Event Grid event"
                + " cloudwarden reads does");
        assertThat(refusal("[]")).isEqualTo("the event is an array, not a JSON object: expected an Event Grid event");
        assertThat(refusal("  ")).isEqualTo("the event is empty: expected an Event Grid event, a JSON object");
        assertThat(refusal("\uFEFF{}")).startsWith("the event starts with a byte order mark: Event Grid events are UTF-8 JSON");
    }

    @Test
    void oneObject_andNothingAfterIt() {
        assertThat(GRID.parse("{\"a\": [1, {\"b\": 2}]} \n".getBytes(StandardCharsets.UTF_8)).path("a").size()).isEqualTo(2);
        assertThat(refusal("{} {}")).isEqualTo("the event has more after its JSON object (line 1, column 4): an event is exactly one JSON object");
        assertThat(refusal("{\"a\": 1, \"a\": 2}")).contains("Duplicate field 'a'");
    }

    @Test
    void aServiceThatDeliversArrays_hasOneArrayRead_andNothingElseMore() {
        EventJson arrays = EventJson.inArrays("Event Grid", "an Event Grid event", 1024, 4);

        assertThat(arrays.inArrays()).isTrue();
        assertThat(GRID.inArrays()).isFalse();
        assertThat(arrays.parse("[{\"a\": 1}, 2] ".getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(2);
        assertThat(arrays.parse("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)).isObject()).isTrue();
        assertThatThrownBy(() -> arrays.parse("[{}] [{}]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the event has more after its JSON array (line 1, column 6): an event is exactly one JSON object or array");
        assertThatThrownBy(() -> arrays.parse("\"x\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the event is a string, not a JSON object or array: expected an Event Grid event");
        assertThatThrownBy(() -> arrays.parse(" ".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the event is empty: expected an Event Grid event, a JSON object or array");
        assertThatThrownBy(() -> arrays.parse("[[[[[]]]]]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the event nests objects and arrays deeper than 4 levels");
    }

    @Test
    void aDefectInADecoder_isARefusal_keepingTheDefectAsItsCause() {
        BiFunction<JsonNode, String, DecodedEvent> broken = (event, operation) -> {
            throw new IllegalStateException("a defect");
        };

        assertThatThrownBy(() -> GRID.decode(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), broken, "op"))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("the event could not be decoded: the decoder failed on it, a defect in cloudwarden (please report it with the"
                        + " event); nothing was called")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
