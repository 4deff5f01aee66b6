package dev.cloudwarden.core;

import dev.cloudwarden.core.report.RunReport.Trigger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an entry point asks of the engine, decoded from a cron tick, a cloud event or a command line.
 *
 * @param scope   the whole region, or the resources an event names
 * @param creator who created the event's resources, for operations that record it (create events only)
 * @param dryRun  plan and report only; the policy's own {@code dryRun: true} also forces this
 */
public record RunRequest(Trigger trigger, Scope scope, Optional<Creator> creator, boolean dryRun) {
    public RunRequest {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(scope, "scope");
        creator = Objects.requireNonNullElse(creator, Optional.empty());
    }

    public static RunRequest sweep(Trigger trigger, boolean dryRun) {
        return new RunRequest(trigger, Scope.REGION, Optional.empty(), dryRun);
    }

    public static RunRequest single(Trigger trigger, String resourceId, boolean dryRun) {
        return new RunRequest(trigger, Scope.resources(List.of(resourceId)), Optional.empty(), dryRun);
    }

    /** The resources of one event, with their creator when the event is a create call. */
    public static RunRequest resources(Trigger trigger, List<String> ids, Optional<Creator> creator, boolean dryRun) {
        return new RunRequest(trigger, Scope.resources(ids), creator, dryRun);
    }
}
