package dev.cloudwarden.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFieldOfTheWrongKind_isRefused_namingItsPath() throws Exception {
        JsonNode event = JSON.readTree("{\"id\": \"e-1\", \"blank\": \" \", \"detail\": {\"state\": 3}}");

        assertThat(EventFields.required(event, "id")).isEqualTo("e-1");
        assertThat(EventFields.text(event, "absent")).isEmpty();
        assertThatThrownBy(() -> EventFields.required(event, "absent")).isInstanceOf(UnsupportedEventException.class)
                .hasMessage("event has no 'absent' field");
        assertThatThrownBy(() -> EventFields.required(event, "blank")).hasMessage("event field 'blank' is blank");
        assertThatThrownBy(() -> EventFields.string(event.path("detail"), "state", "detail.state"))
                .hasMessage("event field 'detail.state' is a number, expected a string");
    }

    @Test
    void whatAMessageQuotes_isPrintable_andCutShort() {
        assertThat(EventFields.quote("\u001b[31mred\r\n\u202e")).isEqualTo("'\\u001b[31mred\\r\\n\\u202e'");
        assertThat(EventFields.safe("x".repeat(100))).isEqualTo("x".repeat(64) + "… (100 characters)");
    }
}
