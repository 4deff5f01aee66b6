package dev.cloudwarden.cli;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.policy.Policy;
import dev.cloudwarden.core.report.RunReport;
import java.time.Clock;

/** One audit run from the command line: the provider the policy's cloud names, created, used and closed. */
final class LocalAudit {
    private LocalAudit() {
    }

    static RunReport run(Policy policy, ProviderConfig config, RunRequest request) {
        try (CloudProvider provider = Providers.find(policy.cloud()).create(config)) {
            return new FirewallAudit(provider, policy.securityGroupAudit(), policy.dryRun(), Clock.systemUTC()).run(request);
        }
    }
}
