package dev.cloudwarden.core;

import dev.cloudwarden.core.report.RunReport.Trigger;
import java.util.Objects;
import java.util.Optional;

/**
 * What an entry point asks of the engine, decoded from a cron tick, a cloud event or a command line.
 *
 * @param target the one resource to evaluate (an event run); empty for a sweep of the whole region
 * @param dryRun plan and report only; the policy's own {@code dryRun: true} also forces this
 */
public record RunRequest(Trigger trigger, Optional<String> target, boolean dryRun) {
    public RunRequest {
        Objects.requireNonNull(trigger, "trigger");
        target = Objects.requireNonNullElse(target, Optional.empty());
    }

    public static RunRequest sweep(Trigger trigger, boolean dryRun) {
        return new RunRequest(trigger, Optional.empty(), dryRun);
    }

    public static RunRequest single(Trigger trigger, String resourceId, boolean dryRun) {
        return new RunRequest(trigger, Optional.of(resourceId), dryRun);
    }
}
