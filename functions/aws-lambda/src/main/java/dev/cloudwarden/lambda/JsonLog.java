package dev.cloudwarden.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.core.report.Finding;
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

    private final PrintStream out;

    JsonLog(PrintStream out) {
        this.out = out;
    }

    void report(RunReport report, AuditEvent event) {
        for (Finding finding : report.findings()) {
            line("INFO", "finding", event, g -> {
                g.writeStringField("runId", report.runId());
                g.writeFieldName("finding");
                ReportJson.writeFinding(finding, report.finishedAt(), g);
            });
        }
        line(report.complete() ? "INFO" : "ERROR", "run", event, g -> ReportJson.writeSummaryFields(report, g));
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
