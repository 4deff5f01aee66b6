package dev.cloudwarden.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The policy schema ({@value #FILE}) as a test tool: what it says of a policy written in YAML, and the
 * repository's root, found by walking up from the working directory, for the files the tests read.
 */
public final class PolicySchema {
    public static final String FILE = "schemas/policy.v1.schema.json";
    public static final Path ROOT = root(Path.of("").toAbsolutePath());
    private static final JsonSchema SCHEMA = load();

    private PolicySchema() {
    }

    /** Every way the policy breaks the schema; empty when it conforms. */
    public static Set<ValidationMessage> violations(String policyYaml) {
        try {
            return SCHEMA.validate(new YAMLMapper().readTree(policyYaml));
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML: " + policyYaml, e);
        }
    }

    private static JsonSchema load() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(ROOT.resolve(FILE).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    private static Path root(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + FILE + " in " + start + " or any directory above it");
    }
}
