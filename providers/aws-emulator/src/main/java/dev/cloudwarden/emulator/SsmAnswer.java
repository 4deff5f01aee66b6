package dev.cloudwarden.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP answer of the gap server, served here or relayed from moto. Served answers speak AWS JSON 1.1 as
 * the SDK parses it: a JSON body, {@code x-amzn-RequestId}, and for errors HTTP 400 with
 * {@code {"__type": code, "Message": text}} — the SDK takes the error code from {@code __type} and the text
 * from {@code message}, {@code Message} or {@code errorMessage}.
 */
record SsmAnswer(int status, Map<String, List<String>> headers, byte[] body) {
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    SsmAnswer {
        headers = Map.copyOf(headers);
    }

    static SsmAnswer json(JsonNode body) {
        return new SsmAnswer(200, jsonHeaders(), bytes(body));
    }

    /**
     * A client error (HTTP 400). The text goes in the member the model declares for that error: {@code Message}
     * for all of this server's errors except {@code InvalidInstanceInformationFilterValue}, whose shape names it
     * {@code message}; errors whose shape has no member ({@code InvalidResourceId}, {@code InvalidCommandId},
     * {@code InvalidFilterKey}) carry it as {@code Message} too, which the SDK reads and the shape ignores.
     */
    static SsmAnswer error(String code, String message) {
        return error(400, code, message);
    }

    /** A server fault (HTTP 500, {@code InternalServerError}): a bug or a missing resource of this server. */
    static SsmAnswer fault(String message) {
        return error(500, "InternalServerError", message);
    }

    private static SsmAnswer error(int status, String code, String message) {
        ObjectNode body = SsmJson.object();
        body.put("__type", code);
        body.put(code.equals("InvalidInstanceInformationFilterValue") ? "message" : "Message", message);
        return new SsmAnswer(status, jsonHeaders(), bytes(body));
    }

    private static Map<String, List<String>> jsonHeaders() {
        return Map.of("Content-Type", List.of(JSON_1_1), "x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return SsmJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not write: " + e.getMessage(), e);
        }
    }
}
