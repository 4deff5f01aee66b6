package dev.cloudwarden.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.policy.PolicyNodes.Field;

/**
 * Reads one operation's section of a policy file. Each operation brings its own; {@link PolicyReader} reads the top level
 * and hands every section it finds to the reader that names it.
 *
 * @param <P> the section as read
 */
public interface SectionReader<P extends OperationPolicy> {

    /** The section's field at the top level of a policy, such as {@code securityGroupAudit}. */
    String section();

    /** The type the section is read into: {@link Policy#section} finds it by this type. */
    Class<P> type();

    /**
     * Reads the section; every problem is recorded in {@code context.nodes()} with its field.
     *
     * @return the section, or null when a problem was recorded
     */
    P read(JsonNode node, Field at, SectionContext context);

    /** A reader of section {@code section} into {@code type}, reading with {@code read}. */
    static <P extends OperationPolicy> SectionReader<P> of(String section, Class<P> type, Read<P> read) {
        return new SectionReader<>() {
            @Override
            public String section() {
                return section;
            }

            @Override
            public Class<P> type() {
                return type;
            }

            @Override
            public P read(JsonNode node, Field at, SectionContext context) {
                return read.read(node, at, context);
            }
        };
    }

    /** How a section is read; null when a problem was recorded. */
    @FunctionalInterface
    interface Read<P> {
        P read(JsonNode node, Field at, SectionContext context);
    }
}
