package dev.cloudwarden.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Structured logs, one JSON object a line on stdout (which Lambda sends to CloudWatch Logs): one
 * {@code finding} line per finding, so a subscription filter can feed a SIEM finding by finding, then
 * one {@code run} line with the counts.
 */
final class JsonLog {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper TREES = new ObjectMapper();

    private final PrintStream out;

    JsonLog(PrintStream out) {
        this.out = out;
    }

    void report(RunReport report, AuditEvent event) {
        JsonNode json;
        try {
            json = TREES.readTree(ReportJson.toJson(report, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode finding : json.path("findings")) {
            line("INFO", "finding", event, g -> {
                g.writeObjectField("runId", report.runId());
                g.writeFieldName("finding");
                TREES.writeTree(g, finding);
            });
        }
        line(report.complete() ? "INFO" : "ERROR", "run", event, g -> {
            g.writeFieldName("run");
            TREES.writeTree(g, json.path("run"));
            g.writeFieldName("counts");
            TREES.writeTree(g, json.path("counts"));
            g.writeFieldName("apiCalls");
            TREES.writeTree(g, json.path("apiCalls"));
        });
    }

    void rejected(String handler, String reason) {
        line("ERROR", "event-rejected", null, g -> {
            g.writeStringField("handler", handler);
            g.writeStringField("reason", reason);
        });
    }

    private void line(String level, String type, AuditEvent event, Fields fields) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", level);
            g.writeStringField("type", type);
            if (event != null) {
                g.writeStringField("eventId", event.id());
                g.writeStringField("cause", event.cause());
                if (event.errorCode().isPresent()) {
                    g.writeStringField("causeErrorCode", event.errorCode().get());
                }
            }
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(buffer);
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
