package dev.cloudwarden.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.core.policy.PolicyError;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.ReportJson;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.SecurityFindingsExport;
import dev.cloudwarden.core.trigger.DecodedEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Structured logs, one JSON object a line on stdout (which the platform sends to its log service: CloudWatch Logs on
 * Lambda): one {@code finding} line per finding, so a subscription filter can feed a SIEM finding by finding, then
 * one {@code run} line with the counts; with the findings export on, then one line of the platform's export type
 * ({@code security-hub-export} on AWS; {@code ERROR} when something was not exported, each failure with its reason).
 */
final class JsonLog {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Failures listed one by one in an export line; the count says how many there were in all. */
    static final int MAX_LISTED_FAILURES = 20;

    private final PrintStream out;

    JsonLog(PrintStream out) {
        this.out = out;
    }

    void report(RunReport report, DecodedEvent event) {
        for (Finding finding : report.findings()) {
            line("INFO", "finding", event, g -> {
                g.writeStringField("runId", report.runId());
                g.writeFieldName("finding");
                ReportJson.writeFinding(finding, report.finishedAt(), g);
            });
        }
        line(report.complete() ? "INFO" : "ERROR", "run", event, g -> ReportJson.writeSummaryFields(report, g));
    }

    void exported(String type, RunReport report, SecurityFindingsExport.Result result, ApiCalls calls, DecodedEvent event) {
        line(result.complete() ? "INFO" : "ERROR", type, event, g -> {
            g.writeStringField("runId", report.runId());
            g.writeNumberField("imported", result.imported());
            g.writeNumberField("archived", result.archived());
            g.writeNumberField("failed", result.failed().size());
            if (result.error().isPresent()) {
                g.writeStringField("error", result.error().get());
            }
            g.writeArrayFieldStart("failures");
            for (Map.Entry<String, CloudException> failure : result.failed().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).limit(MAX_LISTED_FAILURES).toList()) {
                CloudException e = failure.getValue();
                g.writeStartObject();
                g.writeStringField("id", failure.getKey());
                g.writeStringField("operation", e.operation());
                g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringField("code", e.nativeCode());
                g.writeStringField("requestId", e.requestId());
                g.writeStringField("reason", e.getMessage());
                g.writeEndObject();
            }
            g.writeEndArray();
            ReportJson.writeApiCalls(calls, g);
        });
    }

    /** The function's settings cannot be used: it stops at start (each problem one sentence). */
    void initFailed(java.util.List<String> problems) {
        line("ERROR", "settings-invalid", null, g -> {
            g.writeArrayFieldStart("problems");
            for (String problem : problems) {
                g.writeString(problem);
            }
            g.writeEndArray();
        });
    }

    /** The policy still works but says something in a deprecated way: one line at start, each warning with its field and line. */
    void policyWarnings(java.util.List<PolicyError> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        line("WARN", "policy-warning", null, g -> {
            g.writeArrayFieldStart("warnings");
            for (PolicyError warning : warnings) {
                g.writeStartObject();
                g.writeStringField("field", warning.field());
                g.writeNumberField("line", warning.line());
                g.writeStringField("warning", warning.problem());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    void rejected(String handler, String reason) {
        line("ERROR", "event-rejected", null, g -> {
            g.writeStringField("handler", handler);
            g.writeStringField("reason", reason);
        });
    }

    /** An accepted event the function does not act on, and why. */
    void skipped(String handler, DecodedEvent event, String reason) {
        line("INFO", "event-skipped", event, g -> {
            g.writeStringField("handler", handler);
            g.writeStringField("reason", reason);
        });
    }

    private void line(String level, String type, DecodedEvent event, Fields fields) {
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
