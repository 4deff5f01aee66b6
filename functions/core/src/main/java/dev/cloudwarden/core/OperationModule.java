package dev.cloudwarden.core;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.policy.OperationPolicy;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;

/**
 * One operation as the rest of cloudwarden sees it: its id, the policy section it reads, and how it is built. Each
 * operation's package has one, and the catalog lists each once; nothing else names the operations.
 *
 * @param <P> the operation's policy section
 */
public interface OperationModule<P extends OperationPolicy> {

    /** The id reports, settings and commands use, such as {@code security-group-audit}. */
    String id();

    /** Reads the operation's section of a policy file. */
    SectionReader<P> reader();

    /**
     * The operation wired to {@code provider}.
     *
     * @param policyDryRun the policy's own {@code dryRun}: when true no run changes anything
     * @throws IllegalStateException when the provider lacks a capability the section needs, naming both
     */
    Operation create(P section, boolean policyDryRun, CloudProvider provider, Clock clock);
}
