package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudNames;
import dev.cloudwarden.api.ComputeOps;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Carries out plans with as few calls as the APIs allow: resources that need the same tags written go
 * in one batched write (the provider splits it at the API's limit). Order matters for safety:
 * stops first (so a done mark is written only for a stop that happened), then additions, then
 * removals, and a resource whose additions failed keeps its old keys (a renamed value is never lost).
 *
 * <p>Where the cloud's keys are case-insensitive (Azure), changing only the case of a key cannot be an addition and
 * a removal: the addition would update the old tag and the removal then delete it. Such a resource gets one write
 * that replaces its whole set instead, with every other change of its plan in it.
 */
final class TagChangeApplier {
    private final TagOps tags;
    private final Optional<ComputeOps> compute;
    private final CloudNames names;

    TagChangeApplier(TagOps tags, Optional<ComputeOps> compute, CloudNames names) {
        this.tags = tags;
        this.compute = compute;
        this.names = names;
    }

    /** Applies every plan; returns each finding with its action's outcome. */
    List<Finding> apply(List<ResourcePlan> plans) {
        Map<String, String> stopFailures = new HashMap<>();
        Map<ResourceRef, Map<String, String>> additions = new LinkedHashMap<>();
        Map<ResourceRef, Map<String, String>> replacements = new LinkedHashMap<>();
        for (ResourcePlan plan : plans) {
            Map<String, String> add = new LinkedHashMap<>(plan.addTags());
            if (plan.stop()) {
                Optional<String> failure = stop(plan.resource());
                failure.ifPresentOrElse(f -> stopFailures.put(plan.resource().id(), f),
                        () -> plan.doneMark().ifPresent(m -> add.put(m.getKey(), m.getValue())));
            }
            if (names.caseInsensitiveKeys() && changesTheCaseOfAKey(add, plan.removeKeys())) {
                replacements.put(plan.resource(), replaced(plan, add));
            } else if (!add.isEmpty()) {
                additions.put(plan.resource(), Map.copyOf(add));
            }
        }
        Map<String, String> addFailures = write(additions, tags::addTags);
        replacements.forEach((resource, all) -> replace(resource, all).ifPresent(f -> addFailures.put(resource.id(), f)));

        Map<ResourceRef, Set<String>> removals = new LinkedHashMap<>();
        for (ResourcePlan plan : plans) {
            if (!plan.removeKeys().isEmpty() && !addFailures.containsKey(plan.resource().id())
                    && !replacements.containsKey(plan.resource())) {
                removals.put(plan.resource(), plan.removeKeys());
            }
        }
        Map<String, String> removeFailures = write(removals, tags::removeTags);

        List<Finding> outcome = new ArrayList<>();
        for (ResourcePlan plan : plans) {
            String id = plan.resource().id();
            for (Finding finding : plan.findings()) {
                outcome.add(finding.withAction(outcome(finding.action(), stopFailures.get(id), addFailures.get(id),
                        removeFailures.get(id))));
            }
        }
        return outcome;
    }

    private static FindingAction outcome(FindingAction planned, String stopFailure, String addFailure, String removeFailure) {
        if (planned.status() != FindingAction.Status.PLANNED) {
            return planned;
        }
        String kind = planned.kind();
        String failure = switch (kind) {
            case TagPlanner.STOP -> stopFailure;
            case TagPlanner.UNMARK -> addFailure != null ? "not removed: the tag writes for this resource failed first: " + addFailure
                    : removeFailure;
            case TagPlanner.FIX_CASE -> addFailure != null ? addFailure
                    : removeFailure != null ? "the key was renamed but the old spelling could not be removed: " + removeFailure : null;
            default -> addFailure;
        };
        if (failure != null) {
            return new FindingAction(kind, FindingAction.Status.FAILED, failure);
        }
        return new FindingAction(kind, FindingAction.Status.APPLIED, planned.reason());
    }

    private static boolean changesTheCaseOfAKey(Map<String, String> add, Set<String> remove) {
        return remove.stream().anyMatch(old -> add.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(old) && !key.equals(old)));
    }

    /** The resource's whole set after the plan: its tags as read, without the removed spellings, with the additions. */
    private static Map<String, String> replaced(ResourcePlan plan, Map<String, String> add) {
        Map<String, String> all = new LinkedHashMap<>(plan.resource().tags().values());
        all.keySet().removeAll(plan.removeKeys());
        all.putAll(add);
        return Map.copyOf(all);
    }

    private Optional<String> replace(ResourceRef resource, Map<String, String> all) {
        try {
            return tags.replaceTags(resource, all).failed().values().stream().findFirst().map(CloudException::getMessage);
        } catch (CloudException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> stop(ResourceRef instance) {
        if (compute.isEmpty()) {
            return Optional.of("the provider cannot stop instances");
        }
        try {
            compute.get().stop(instance);
            return Optional.empty();
        } catch (CloudException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Groups resources by identical change, writes each group in one batched call; returns failures by resource id. */
    private static <C> Map<String, String> write(Map<ResourceRef, C> changes, BiFunction<List<ResourceRef>, C, TagWriteResult> write) {
        Map<C, List<ResourceRef>> groups = new LinkedHashMap<>();
        changes.forEach((resource, change) -> groups.computeIfAbsent(change, k -> new ArrayList<>()).add(resource));
        Map<String, String> failures = new HashMap<>();
        groups.forEach((change, resources) -> {
            try {
                write.apply(resources, change).failed().forEach((id, e) -> failures.put(id, e.getMessage()));
            } catch (CloudException e) { // a failure the provider could not pin on single resources fails the group
                resources.forEach(r -> failures.put(r.id(), e.getMessage()));
            }
        });
        return failures;
    }
}
