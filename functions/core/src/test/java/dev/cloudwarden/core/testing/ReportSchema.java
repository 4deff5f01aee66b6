package dev.cloudwarden.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The findings schema as a test assertion, for every module whose output is a run report:
 * {@code ReportSchema.assertValid(json)}. Reads {@value #FILE} from the repository, found by walking up
 * from the working directory (surefire runs in the module's directory). Date-time formats are asserted.
 */
public final class ReportSchema {
    public static final String FILE = "schemas/findings.v1.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSchema() {
    }

    /** Fails with every schema violation, and the report, unless {@code reportJson} is a valid report. */
    public static void assertValid(String reportJson) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the report is not JSON: " + e.getOriginalMessage() + "\n" + reportJson, e);
        }
        Set<ValidationMessage> violations = Loaded.SCHEMA.validate(report);
        if (!violations.isEmpty()) {
            throw new AssertionError("the report breaks " + FILE + ":\n  "
                    + violations.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n  "))
                    + "\nreport:\n" + reportJson);
        }
    }

    /** Parsed once, on first use. */
    private static final class Loaded {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            Path file = find(Path.of("").toAbsolutePath());
            try {
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(JSON.readTree(file.toFile()), config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        private static Path find(Path start) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(FILE);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("no " + FILE + " in " + start + " or any directory above it");
        }
    }
}
