package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a policy file (YAML, or JSON) and validates all of it before anything runs: every error is
 * collected with its field path, what was expected and its line. Unknown fields are errors (a typo
 * must not silently turn a check off). The top level is read here; each operation's section by the
 * {@link SectionReader} that names it. See {@code schemas/policy.v1.schema.json} for the same rules as
 * a JSON Schema, for editors.
 *
 * <p>Whatever the input, the outcome is a {@link Policy} or an {@link InvalidPolicyException} saying what is
 * wrong in plain words: a policy is at most {@value #MAX_BYTES} bytes of UTF-8 (read no further,
 * so /dev/zero or an endless FIFO stop there), one document, and its schedules must fire; see
 * {@link PolicyText} and {@link PolicyDocument}.
 */
public final class PolicyReader {
    /** The most a policy may weigh, in bytes of UTF-8: 256 KiB. */
    public static final int MAX_BYTES = PolicyText.MAX_BYTES;
    private static final List<String> TOP_LEVEL = List.of("version", "cloud", "region", "account", "dryRun");

    private final List<SectionReader<?>> sections;

    /** @param sections one reader per operation, in the order the policy's sections are kept */
    public PolicyReader(List<SectionReader<?>> sections) {
        this.sections = List.copyOf(sections);
    }

    /**
     * @param clock the time the policy is judged at: a schedule must fire within a year of it (and again
     *              within a year after that)
     */
    public Policy load(Path file, Clock clock) {
        return parse(PolicyText.read(file), file.toString(), clock);
    }

    /** Parses policy text; JSON when it starts with '{' (or YAML, when only YAML reads it), YAML otherwise. */
    public Policy parse(String text, String sourceName, Clock clock) {
        PolicyText.checkSize(text, sourceName);
        return read(text, sourceName, clock.instant());
    }

    /** Parses the bytes of a policy file, which must be UTF-8 (a leading byte-order mark is allowed). */
    public Policy parse(byte[] bytes, String sourceName, Clock clock) {
        return read(PolicyText.decode(bytes, sourceName), sourceName, clock.instant());
    }

    private Policy read(String text, String sourceName, Instant now) {
        PolicyDocument document = PolicyDocument.read(PolicyText.checkCharacters(text, sourceName), sourceName);
        TopLevel reader = new TopLevel(document.lines(), now);
        Policy policy = reader.policy(document.root());
        if (!reader.nodes.errors().isEmpty()) {
            throw new InvalidPolicyException(sourceName, reader.nodes.errors());
        }
        return policy;
    }

    /** Reads the top level and hands each operation's section to its own reader. */
    private final class TopLevel {
        private final PolicyNodes nodes;
        private final Instant now;

        TopLevel(FieldLines lines, Instant now) {
            this.nodes = new PolicyNodes(lines);
            this.now = now;
        }

        Policy policy(JsonNode root) {
            List<String> operations = sections.stream().map(SectionReader::section).toList();
            if (root == null || root.isMissingNode()) {
                nodes.error(Field.ROOT, "the policy is empty: expected a mapping with version, cloud and at least one of "
                        + String.join(", ", operations));
                return null;
            }
            List<String> allowed = new ArrayList<>(TOP_LEVEL);
            allowed.addAll(operations);
            if (!nodes.object(root, Field.ROOT, allowed.toArray(String[]::new))) {
                return null;
            }
            Integer version = nodes.integer(root, Field.ROOT.child("version"), true, 1, 1);
            CloudId cloud = nodes.choice(root, Field.ROOT.child("cloud"), true, CloudId.values(), CloudId::id);
            CloudNames names = cloud == null ? null : names(cloud);
            Optional<String> region = Optional.ofNullable(nodes.text(root, Field.ROOT.child("region"), false));
            Optional<String> account = Optional.ofNullable(nodes.text(root, Field.ROOT.child("account"), false));
            boolean dryRun = nodes.bool(root, Field.ROOT.child("dryRun"), false);
            SectionContext context = new SectionContext(nodes, names, now);
            List<OperationPolicy> read = new ArrayList<>();
            for (SectionReader<?> section : sections) {
                JsonNode node = root.get(section.section());
                if (node != null) {
                    Optional.ofNullable(section.read(node, Field.ROOT.child(section.section()), context)).ifPresent(read::add);
                }
            }
            if (operations.stream().noneMatch(root::has)) {
                nodes.error(Field.ROOT, "the policy declares no operation: expected at least one of " + String.join(", ", operations));
            }
            if (!nodes.errors().isEmpty()) {
                return null;
            }
            return new Policy(version, cloud, region, account, dryRun, read, nodes.warnings());
        }

        /**
         * The naming rules of the policy's cloud, from its provider module; null (and an error at {@code cloud}) when this
         * build has none, since a policy for a cloud that cannot be reached must not pass for checked.
         */
        private CloudNames names(CloudId cloud) {
            try {
                return Providers.find(cloud).names();
            } catch (IllegalStateException e) {
                nodes.error(Field.ROOT.child("cloud"), "this build cannot run a policy for " + cloud.id() + ": " + e.getMessage());
                return null;
            }
        }
    }
}
