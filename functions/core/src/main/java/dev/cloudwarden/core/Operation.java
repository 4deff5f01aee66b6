package dev.cloudwarden.core;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.report.RunReport;
import java.util.Optional;

/** One of cloudwarden's jobs (the security-group audit, tag compliance …), run once per request. */
public interface Operation {
    /** The id reports and settings use, such as {@code security-group-audit}. */
    String id();

    /** Runs to the end and says what happened; cloud failures end up in the report, never thrown. */
    RunReport run(RunRequest request);

    /**
     * The capability an operation needs of its provider, or, at construction (a start-up misconfiguration), an error
     * naming the cloud and what it lacks: {@code require(provider.firewalls(), provider, "firewall capability")}.
     */
    static <T> T require(Optional<T> capability, CloudProvider provider, String what) {
        return capability.orElseThrow(() -> new IllegalStateException("the " + provider.cloud().id() + " provider offers no " + what));
    }

    /** A run is a dry-run when its request says so or its policy does ({@code dryRun: true} wins over any request). */
    static boolean dryRun(RunRequest request, boolean policyDryRun) {
        return request.dryRun() || policyDryRun;
    }
}
