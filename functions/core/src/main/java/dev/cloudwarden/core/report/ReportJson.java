package dev.cloudwarden.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunReport} as JSON, field by field with a streaming generator: no reflection, so
 * nothing to warm up on a cold start, and the field names are visibly the schema's.
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    public static String toJson(RunReport report, boolean pretty) {
        StringWriter out = new StringWriter();
        write(report, out, pretty);
        return out.toString();
    }

    public static void write(RunReport report, OutputStream out, boolean pretty) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(report, json, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(RunReport report, Writer out, boolean pretty) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(report, json, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(RunReport r, JsonGenerator json, boolean pretty) throws IOException {
        if (pretty) {
            json.useDefaultPrettyPrinter();
        }
        json.writeStartObject();
        json.writeStringField("schemaVersion", RunReport.SCHEMA_VERSION);
        writeSummaryFields(r, json);
        json.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            writeFinding(f, r.finishedAt(), json);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The {@code run}, {@code counts} and {@code apiCalls} fields, into an object the caller has opened. */
    public static void writeSummaryFields(RunReport r, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("run");
        json.writeStringField("id", r.runId());
        json.writeStringField("operation", r.operation());
        json.writeStringField("cloud", r.cloud().id());
        json.writeStringField("account", r.account());
        json.writeStringField("region", r.region());
        json.writeStringField("trigger", r.trigger().id());
        if (r.scope() instanceof Scope.Resources resources) {
            json.writeArrayFieldStart("targets");
            for (String id : resources.ids()) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
        json.writeStringField("mode", r.dryRun() ? "dry-run" : "apply");
        json.writeStringField("startedAt", r.startedAt().toString());
        json.writeStringField("finishedAt", r.finishedAt().toString());
        json.writeStringField("status", r.status().id());
        if (r.error().isPresent()) {
            json.writeStringField("error", r.error().get());
        }
        if (r.asOf().isPresent()) {
            json.writeStringField("asOf", r.asOf().get().toString());
        }
        if (!r.windows().isEmpty()) {
            json.writeArrayFieldStart("windows");
            for (PlanWindow window : r.windows()) {
                json.writeStartObject();
                json.writeStringField("plan", window.plan());
                json.writeStringField("start", window.start().toString());
                if (!window.end().equals(Instant.MAX)) {
                    json.writeStringField("end", window.end().toString());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();

        json.writeObjectFieldStart("counts");
        json.writeNumberField("resourcesScanned", r.resourcesScanned());
        json.writeNumberField("findings", r.findings().size());
        json.writeObjectFieldStart("bySeverity");
        for (Severity s : Severity.values()) {
            json.writeNumberField(s.id(), r.findingsBySeverity().getOrDefault(s, 0));
        }
        json.writeEndObject();
        json.writeObjectFieldStart("actions");
        for (var e : r.actionsByStatus().entrySet()) {
            json.writeNumberField(e.getKey().id(), e.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();

        writeApiCalls(r.apiCalls(), json);
    }

    /** An {@code apiCalls} field: the total and the count by IAM action name. */
    public static void writeApiCalls(ApiCalls calls, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("apiCalls");
        json.writeNumberField("total", calls.total());
        json.writeObjectFieldStart("byOperation");
        for (var e : calls.sorted().entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** One finding alone, as {@link #writeFinding} writes it. */
    public static String findingJson(Finding finding, Instant observedAt) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeFinding(finding, observedAt, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A finding's evidence alone, as compact JSON, exactly as it stands in the finding's {@code evidence}. */
    public static String evidenceJson(Map<String, Object> evidence) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            value(evidence, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One finding as a JSON object, exactly as it stands in the report's {@code findings}. */
    public static void writeFinding(Finding f, Instant observedAt, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", f.id());
        json.writeStringField("check", f.check());
        json.writeStringField("severity", f.severity().id());
        json.writeStringField("title", f.title());
        json.writeStringField("observedAt", observedAt.toString());
        resource(f.resource(), json);
        json.writeFieldName("evidence");
        value(f.evidence(), json);
        json.writeObjectFieldStart("action");
        json.writeStringField("kind", f.action().kind());
        json.writeStringField("status", f.action().status().id());
        json.writeStringField("reason", f.action().reason());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void resource(ResourceRef r, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("resource");
        json.writeStringField("cloud", r.cloud().id());
        json.writeStringField("account", r.account());
        json.writeStringField("region", r.region());
        json.writeStringField("type", r.type());
        json.writeStringField("id", r.id());
        json.writeStringField("name", r.name());
        json.writeObjectFieldStart("tags");
        for (var tag : r.tags().values().entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void value(Object value, JsonGenerator json) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String s -> json.writeString(s);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Boolean b -> json.writeBoolean(b);
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (var e : map.entrySet()) {
                    json.writeFieldName(e.getKey().toString());
                    value(e.getValue(), json);
                }
                json.writeEndObject();
            }
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    value(item, json);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }
}
