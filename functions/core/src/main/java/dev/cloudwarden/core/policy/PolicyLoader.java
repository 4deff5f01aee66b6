package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.BlastRadius;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.Exemptions;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.Remediation;
import dev.cloudwarden.core.policy.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException(file.toString(), List.of(new PolicyError("(file)", "no such file", 0)));
        } catch (IOException e) {
            throw new InvalidPolicyException(file.toString(), List.of(new PolicyError("(file)", "cannot be read: " + e.getMessage(), 0)));
        }
        return parse(text, file.toString());
    }

    /** Parses policy text; JSON when it starts with '{', YAML otherwise. */
    public static Policy parse(String text, String sourceName) {
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
        Reader reader = new Reader(lines);
        Policy policy = reader.policy(root);
        if (!reader.errors.isEmpty()) {
            throw new InvalidPolicyException(sourceName, reader.errors);
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

    /** A position in the document: the path shown to people and the JSON pointer used for lines. */
    private record Field(String path, String pointer) {
        static final Field ROOT = new Field("", "");

        Field child(String name) {
            return new Field(path.isEmpty() ? name : path + "." + name, pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
        }

        Field index(int i) {
            return new Field(path + "[" + i + "]", pointer + "/" + i);
        }

        String shown() {
            return path.isEmpty() ? "(top level)" : path;
        }
    }

    /** Walks the tree once, building the policy and collecting every error on the way. */
    private static final class Reader {
        private final FieldLines lines;
        private final List<PolicyError> errors = new ArrayList<>();

        Reader(FieldLines lines) {
            this.lines = lines;
        }

        Policy policy(JsonNode root) {
            if (!object(root, Field.ROOT, "version", "cloud", "region", "dryRun", "securityGroupAudit")) {
                return null;
            }
            Integer version = integer(root, Field.ROOT.child("version"), true, 1, 1);
            CloudId cloud = choice(root, Field.ROOT.child("cloud"), true, CloudId.values(), CloudId::id);
            Optional<String> region = Optional.ofNullable(text(root, Field.ROOT.child("region"), false));
            boolean dryRun = bool(root, Field.ROOT.child("dryRun"), false);
            Field auditField = Field.ROOT.child("securityGroupAudit");
            JsonNode audit = root.get("securityGroupAudit");
            FirewallAuditPolicy firewall = null;
            if (audit == null) {
                error(auditField, "required: the policy declares no operation (expected: securityGroupAudit)");
            } else {
                firewall = firewallAudit(audit, auditField);
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new Policy(version, cloud, region, dryRun, firewall);
        }

        private FirewallAuditPolicy firewallAudit(JsonNode node, Field at) {
            if (!object(node, at, "sensitivePorts", "publicCidrs", "exempt", "remediation", "blastRadius")) {
                return null;
            }
            List<SensitivePort> ports = node.has("sensitivePorts")
                    ? list(node.get("sensitivePorts"), at.child("sensitivePorts"), true, this::sensitivePort)
                    : DefaultSensitivePorts.PORTS;
            List<IpRange> publicCidrs = node.has("publicCidrs")
                    ? list(node.get("publicCidrs"), at.child("publicCidrs"), false, this::cidr) : List.of();
            Exemptions exempt = node.has("exempt") ? exemptions(node.get("exempt"), at.child("exempt")) : Exemptions.NONE;
            Remediation remediation = node.has("remediation")
                    ? remediation(node.get("remediation"), at.child("remediation"),
                            new PublicAddressSpace(publicCidrs == null ? List.of() : publicCidrs))
                    : Remediation.REPORT_ONLY;
            BlastRadius blast = node.has("blastRadius")
                    ? blastRadius(node.get("blastRadius"), at.child("blastRadius")) : BlastRadius.DEFAULT;
            if (ports == null || publicCidrs == null || exempt == null || remediation == null || blast == null) {
                return null;
            }
            return new FirewallAuditPolicy(ports, publicCidrs, exempt, remediation, blast);
        }

        private SensitivePort sensitivePort(JsonNode node, Field at) {
            if (!object(node, at, "ports", "service", "severity")) {
                return null;
            }
            PortRange ports = portRange(node.get("ports"), at.child("ports"));
            String service = text(node, at.child("service"), false);
            Severity severity = choice(node, at.child("severity"), true, Severity.values(), Severity::id);
            return ports == null || severity == null ? null : new SensitivePort(ports, service, severity);
        }

        private PortRange portRange(JsonNode node, Field at) {
            if (node == null) {
                error(at, "required: a port (22) or a port range (\"20-23\")");
                return null;
            }
            if (!node.isInt() && !node.isTextual()) {
                error(at, "expected a port (22) or a port range (\"20-23\"), got " + kind(node));
                return null;
            }
            try {
                return node.isInt() ? PortRange.single(node.intValue()) : PortRange.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                error(at, e.getMessage());
                return null;
            }
        }

        private Exemptions exemptions(JsonNode node, Field at) {
            if (!object(node, at, "groupIds", "tags")) {
                return null;
            }
            List<String> ids = node.has("groupIds")
                    ? list(node.get("groupIds"), at.child("groupIds"), false, this::nonBlank) : List.of();
            Map<String, String> tags = new LinkedHashMap<>();
            Field tagsAt = at.child("tags");
            JsonNode tagNode = node.get("tags");
            if (tagNode != null) {
                if (!tagNode.isObject()) {
                    error(tagsAt, "expected a mapping of tag key to value (\"*\" for any value), got " + kind(tagNode));
                } else {
                    tagNode.properties().forEach(e -> {
                        if (e.getValue().isTextual()) {
                            tags.put(e.getKey(), e.getValue().textValue());
                        } else {
                            error(tagsAt.child(e.getKey()), "expected a tag value as a string (quote true, 1 …), got " + kind(e.getValue()));
                        }
                    });
                }
            }
            return ids == null ? null : new Exemptions(new LinkedHashSet<>(ids), tags);
        }

        private Remediation remediation(JsonNode node, Field at, PublicAddressSpace internet) {
            if (!object(node, at, "action", "narrowTo")) {
                return null;
            }
            Remediation.Action action = choice(node, at.child("action"), true, Remediation.Action.values(), Remediation.Action::id);
            List<IpRange> narrowTo = node.has("narrowTo")
                    ? list(node.get("narrowTo"), at.child("narrowTo"), true, this::cidr) : List.of();
            if (action == null || narrowTo == null) {
                return null;
            }
            if (action == Remediation.Action.NARROW && narrowTo.isEmpty()) {
                error(at.child("narrowTo"), "required when action is narrow: the CIDRs that replace the internet as source");
                return null;
            }
            if (action != Remediation.Action.NARROW && !narrowTo.isEmpty()) {
                error(at.child("narrowTo"), "only allowed when action is narrow (action is " + action.id() + ")");
                return null;
            }
            for (int i = 0; i < narrowTo.size(); i++) {
                if (internet.includes(narrowTo.get(i))) {
                    error(at.child("narrowTo").index(i), "narrowing to " + narrowTo.get(i) + " would keep the rule open to the internet");
                }
            }
            return new Remediation(action, narrowTo);
        }

        private BlastRadius blastRadius(JsonNode node, Field at) {
            if (!object(node, at, "maxGroups", "maxPercent")) {
                return null;
            }
            Integer maxGroups = integer(node, at.child("maxGroups"), false, 0, Integer.MAX_VALUE);
            Integer maxPercent = integer(node, at.child("maxPercent"), false, 0, 100);
            // leaving maxGroups out keeps the default: only an explicit number changes the limit
            return new BlastRadius(OptionalInt.of(maxGroups == null ? BlastRadius.DEFAULT_MAX_GROUPS : maxGroups),
                    maxPercent == null ? OptionalInt.empty() : OptionalInt.of(maxPercent));
        }

        private IpRange cidr(JsonNode node, Field at) {
            if (!node.isTextual()) {
                error(at, "expected a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, got " + kind(node));
                return null;
            }
            try {
                return IpRange.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                error(at, e.getMessage());
                return null;
            }
        }

        private String nonBlank(JsonNode node, Field at) {
            if (!node.isTextual() || node.textValue().isBlank()) {
                error(at, "expected a non-empty string, got " + kind(node));
                return null;
            }
            return node.textValue();
        }

        // --- generic checks ---

        private boolean object(JsonNode node, Field at, String... allowed) {
            if (node == null || !node.isObject()) {
                error(at, "expected a mapping with fields " + String.join(", ", allowed) + ", got " + kind(node));
                return false;
            }
            Set<String> known = Set.of(allowed);
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    error(at.child(name), "unknown field; expected one of: " + String.join(", ", allowed));
                }
            });
            return true;
        }

        private <T> List<T> list(JsonNode node, Field at, boolean nonEmpty, ItemReader<T> item) {
            if (!node.isArray()) {
                error(at, "expected a list, got " + kind(node));
                return null;
            }
            if (nonEmpty && node.isEmpty()) {
                error(at, "expected at least one entry (leave the field out for the default)");
                return null;
            }
            List<T> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                T value = item.read(node.get(i), at.index(i));
                ok &= value != null;
                values.add(value);
            }
            return ok ? values : null;
        }

        private Integer integer(JsonNode parent, Field at, boolean required, int min, int max) {
            JsonNode node = parent.get(lastName(at));
            if (node == null) {
                if (required) {
                    error(at, "required: expected " + (min == max ? "the number " + min : "a whole number"));
                }
                return null;
            }
            if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
                error(at, "expected " + (min == max ? "the number " + min
                        : max == Integer.MAX_VALUE ? "a whole number >= " + min : "a whole number from " + min + " to " + max)
                        + ", got " + kind(node));
                return null;
            }
            return node.intValue();
        }

        private String text(JsonNode parent, Field at, boolean required) {
            JsonNode node = parent.get(lastName(at));
            if (node == null) {
                if (required) {
                    error(at, "required");
                }
                return null;
            }
            return nonBlank(node, at);
        }

        private boolean bool(JsonNode parent, Field at, boolean fallback) {
            JsonNode node = parent.get(lastName(at));
            if (node == null) {
                return fallback;
            }
            if (!node.isBoolean()) {
                error(at, "expected true or false, got " + kind(node));
                return fallback;
            }
            return node.booleanValue();
        }

        private <E> E choice(JsonNode parent, Field at, boolean required, E[] values, Function<E, String> id) {
            String valid = Arrays.stream(values).map(id).collect(Collectors.joining(", "));
            JsonNode node = parent.get(lastName(at));
            if (node == null) {
                if (required) {
                    error(at, "required: one of " + valid);
                }
                return null;
            }
            if (node.isTextual()) {
                String wanted = node.textValue();
                for (E value : values) {
                    if (id.apply(value).equals(wanted)) {
                        return value;
                    }
                }
            }
            error(at, "expected one of " + valid + ", got " + kind(node));
            return null;
        }

        private static String lastName(Field at) {
            return at.path().substring(at.path().lastIndexOf('.') + 1);
        }

        private static String kind(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "nothing";
            }
            if (node.isTextual()) {
                return "\"" + node.textValue() + "\"";
            }
            if (node.isNull()) {
                return "null";
            }
            if (node.isObject()) {
                return "a mapping";
            }
            if (node.isArray()) {
                return "a list";
            }
            return node.toString();
        }

        private void error(Field at, String problem) {
            errors.add(new PolicyError(at.shown(), problem, lines.lineOf(at.pointer())));
        }
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonNode node, Field at);
    }
}
