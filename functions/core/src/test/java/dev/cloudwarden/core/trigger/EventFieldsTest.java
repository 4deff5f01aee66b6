package dev.cloudwarden.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.testing.InMemoryNames;
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

    @Test
    void aRegionFromOutside_isTheClouds_toJudge_andItsAnswerQuotesItPrintable() {
        InMemoryNames names = new InMemoryNames(CloudId.AWS);

        assertThat(EventFields.regionProblem(names, "us-west-2")).isEmpty();
        assertThat(EventFields.regionProblem(names, "us east 1")).contains("expected a region such as us-west-2 or europe-west1, got \"us east 1\"");
        assertThat(EventFields.regionProblem(names, "us-west-2\u001b[2J")).contains(
                "expected a region such as us-west-2 or europe-west1, got \"us-west-2\\u001b[2J\"");
        assertThat(EventFields.regionProblem(names, "us-west-" + "2".repeat(100))).hasValueSatisfying(problem ->
                assertThat(problem).endsWith("… (108 characters)\"").hasSizeLessThan(150));
    }
}
