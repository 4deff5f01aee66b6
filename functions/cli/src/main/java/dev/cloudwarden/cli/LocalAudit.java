package dev.cloudwarden.cli;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.catalog.Operations;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.RunReport;
import java.time.Clock;

/**
 * One run from the command line: the provider the policy's cloud names, created, used and closed. Public for the tools
 * built on the CLI (tools/aws-demo), whose runs are the runs a user of {@code cloudwarden run} makes.
 */
public final class LocalAudit {
    private LocalAudit() {
    }

    /** Runs {@code operation} (an id from {@link Operations#choose}). */
    public static RunReport run(Policy policy, String operation, ProviderConfig config, RunRequest request) {
        return run(policy, operation, config, request, Clock.systemUTC());
    }

    /** Runs {@code operation} as of {@code clock}'s time: windows, ages and due dates count from it. */
    public static RunReport run(Policy policy, String operation, ProviderConfig config, RunRequest request, Clock clock) {
        try (CloudProvider provider = provider(policy, operation, config)) {
            return run(policy, operation, provider, request, clock);
        }
    }

    /**
     * The provider of the policy's cloud, for {@code operation}'s calls; nothing is called yet.
     *
     * @throws IllegalArgumentException for a config the cloud cannot use (a region that is not one of its names)
     * @throws IllegalStateException    when no provider module for the cloud is on the class path
     */
    static CloudProvider provider(Policy policy, String operation, ProviderConfig config) {
        return Providers.find(policy.cloud()).create(config.forOperation(operation));
    }

    /** Runs {@code operation} with a provider made by {@link #provider}, which the caller closes. */
    static RunReport run(Policy policy, String operation, CloudProvider provider, RunRequest request, Clock clock) {
        return Operations.create(policy, operation, provider, clock).run(request);
    }
}
