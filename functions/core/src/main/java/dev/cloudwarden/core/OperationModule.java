package dev.cloudwarden.core;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.policy.OperationPolicy;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;
import java.util.Objects;

/**
 * One operation as the rest of cloudwarden sees it: its id, the reader of its policy section, and how it is built.
 * Each operation's class holds its own ({@code FirewallAudit.MODULE}); the catalog lists each once, and nothing else
 * names the operations.
 *
 * @param id      the id reports, settings and commands use, such as {@code security-group-audit}
 * @param reader  reads the operation's section of a policy file
 * @param factory builds the operation for a provider; throws {@link IllegalStateException} naming the cloud and what it
 *                lacks when the provider offers no capability the section needs
 * @param <P> the operation's policy section
 */
public record OperationModule<P extends OperationPolicy>(String id, SectionReader<P> reader, Factory<P> factory) {
    public OperationModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(factory, "factory");
    }

    /**
     * The operation wired to {@code provider}.
     *
     * @param policyDryRun the policy's own {@code dryRun}: when true no run changes anything
     */
    public Operation create(P section, boolean policyDryRun, CloudProvider provider, Clock clock) {
        return factory.create(provider, section, policyDryRun, clock);
    }

    /** How an operation is built: its constructor, as a rule. */
    @FunctionalInterface
    public interface Factory<P> {
        Operation create(CloudProvider provider, P section, boolean policyDryRun, Clock clock);
    }
}
