package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a policy file (YAML, or JSON) and validates all of it before anything runs: every error is
 * collected with its field path, what was expected and its line. Unknown fields are errors (a typo
 * must not silently turn a check off). See {@code schemas/policy.v1.schema.json} for the same rules as
 * a JSON Schema, for editors.
 */
public final class PolicyLoader {
    private static final JsonFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper TREES = new ObjectMapper();

    private PolicyLoader() {
    }

    public static Policy load(Path file) {
        return load(file, Clock.systemUTC());
    }

    /**
     * @param clock the time the policy is judged at: a schedule must fire within a year of it (and again
     *              within a year after that)
     */
    public static Policy load(Path file, Clock clock) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException(file.toString(), List.of(new PolicyError("(file)", "no such file", 0)));
        } catch (IOException e) {
            throw new InvalidPolicyException(file.toString(), List.of(new PolicyError("(file)", "cannot be read: " + e.getMessage(), 0)));
        }
        return parse(text, file.toString(), clock);
    }

    /** Parses policy text; JSON when it starts with '{', YAML otherwise. */
    public static Policy parse(String text, String sourceName) {
        return parse(text, sourceName, Clock.systemUTC());
    }

    public static Policy parse(String text, String sourceName, Clock clock) {
        JsonFactory factory = text.stripLeading().startsWith("{") ? JSON : YAML;
        JsonNode root;
        FieldLines lines;
        try (JsonParser treeParser = factory.createParser(text); JsonParser lineParser = factory.createParser(text)) {
            root = TREES.readTree(treeParser);
            lines = FieldLines.read(lineParser);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidPolicyException(sourceName, List.of(new PolicyError(fieldAt(e), e.getOriginalMessage(), line)));
        } catch (IOException e) {
            throw new InvalidPolicyException(sourceName, List.of(new PolicyError("(file)", e.getMessage(), 0)));
        }
        Reader reader = new Reader(lines, clock.instant());
        Policy policy = reader.policy(root);
        if (!reader.nodes.errors().isEmpty()) {
            throw new InvalidPolicyException(sourceName, reader.nodes.errors());
        }
        return policy;
    }

    /** The field the parser was reading when it stopped (a duplicate key knows it), else "(syntax)". */
    private static String fieldAt(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty() && e.getOriginalMessage().startsWith("Duplicate field")) {
                return pointer.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.')
                        .replace("~1", "/").replace("~0", "~");
            }
        }
        return "(syntax)";
    }

    /** Reads the top level and hands each operation's section to its own reader. */
    private static final class Reader {
        private static final String[] TOP_LEVEL = {"version", "cloud", "region", "dryRun",
                FirewallAuditPolicyReader.SECTION, TagCompliancePolicyReader.SECTION, SnapshotLifecyclePolicyReader.SECTION,
                PatchBaselinesPolicyReader.SECTION};
        private static final List<String> OPERATIONS = List.of(FirewallAuditPolicyReader.SECTION, TagCompliancePolicyReader.SECTION,
                SnapshotLifecyclePolicyReader.SECTION, PatchBaselinesPolicyReader.SECTION);

        private final PolicyNodes nodes;
        private final Instant now;

        Reader(FieldLines lines, Instant now) {
            this.nodes = new PolicyNodes(lines);
            this.now = now;
        }

        Policy policy(JsonNode root) {
            if (!nodes.object(root, Field.ROOT, TOP_LEVEL)) {
                return null;
            }
            Integer version = nodes.integer(root, Field.ROOT.child("version"), true, 1, 1);
            CloudId cloud = nodes.choice(root, Field.ROOT.child("cloud"), true, CloudId.values(), CloudId::id);
            Optional<String> region = Optional.ofNullable(nodes.text(root, Field.ROOT.child("region"), false));
            boolean dryRun = nodes.bool(root, Field.ROOT.child("dryRun"), false);
            Optional<FirewallAuditPolicy> firewall = section(root, FirewallAuditPolicyReader.SECTION,
                    (node, at) -> new FirewallAuditPolicyReader(nodes).read(node, at));
            Optional<TagCompliancePolicy> tags = section(root, TagCompliancePolicyReader.SECTION,
                    (node, at) -> new TagCompliancePolicyReader(nodes, cloud).read(node, at));
            Optional<SnapshotLifecyclePolicy> snapshots = section(root, SnapshotLifecyclePolicyReader.SECTION,
                    (node, at) -> new SnapshotLifecyclePolicyReader(nodes, cloud, now).read(node, at));
            Optional<PatchBaselinesPolicy> patches = section(root, PatchBaselinesPolicyReader.SECTION,
                    (node, at) -> new PatchBaselinesPolicyReader(nodes, cloud).read(node, at));
            if (OPERATIONS.stream().noneMatch(root::has)) {
                nodes.error(Field.ROOT, "the policy declares no operation: expected at least one of " + String.join(", ", OPERATIONS));
            }
            if (!nodes.errors().isEmpty()) {
                return null;
            }
            return new Policy(version, cloud, region, dryRun, firewall, tags, snapshots, patches);
        }

        private <T> Optional<T> section(JsonNode root, String name, PolicyNodes.ItemReader<T> reader) {
            JsonNode node = root.get(name);
            return node == null ? Optional.empty() : Optional.ofNullable(reader.read(node, Field.ROOT.child(name)));
        }
    }
}
