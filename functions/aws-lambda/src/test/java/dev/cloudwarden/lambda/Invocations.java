package dev.cloudwarden.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.testing.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Invoking a handler as Lambda would, and reading what it returned and logged, for the handler tests. */
final class Invocations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Invocations() {
    }

    /** Invokes {@code handler} with {@code event} (no Lambda context) and returns its report, checked against the schema. */
    static JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        String json = out.toString(StandardCharsets.UTF_8);
        ReportSchema.assertValid(json);
        return JSON.readTree(json);
    }

    /** One structured log line; a line that is not JSON fails the test. */
    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("log line is not JSON: " + line, e);
        }
    }

    /** Every line the function logged. */
    static List<JsonNode> logLines(ByteArrayOutputStream logs) {
        return logs.toString(StandardCharsets.UTF_8).lines().map(Invocations::json).toList();
    }
}
