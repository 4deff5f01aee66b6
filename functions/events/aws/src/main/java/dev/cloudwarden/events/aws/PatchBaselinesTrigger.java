package dev.cloudwarden.events.aws;

import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.patches.PatchBaselines;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Patch baselines reconciles at once a change someone made to what the policy declares, and checks an instance that
 * has just started for its patch group.
 */
public final class PatchBaselinesTrigger implements AwsTrigger {
    /** Changes to what the patch policy declares, made by someone: reconciled at once. */
    public static final Set<String> PATCH_BASELINE_CALLS = Set.of(
            "UpdatePatchBaseline", "DeletePatchBaseline", "DeregisterPatchBaselineForPatchGroup", "RegisterDefaultPatchBaseline");

    @Override
    public String operation() {
        return PatchBaselines.OPERATION;
    }

    @Override
    public Map<String, Set<String>> calls() {
        return Map.of(AwsEvents.SSM, PATCH_BASELINE_CALLS);
    }

    /**
     * A change to a patch baseline, a patch group's registration or a default, with who made it: the patch
     * function reconciles at once and names the caller. A call that failed changed nothing: no resource, no caller.
     */
    @Override
    public DecodedEvent call(CloudTrailCall call) {
        if (call.failed()) {
            return call.named(List.of(), Optional.empty());
        }
        // the request may name the baseline by id or by ARN (…:patchbaseline/pb-…)
        String baseline = string(call.request(), "baselineId", "detail.requestParameters.baselineId");
        baseline = baseline.substring(baseline.lastIndexOf('/') + 1);
        if (baseline.isBlank()) {
            throw call.namesNo("baseline", "detail.requestParameters.baselineId");
        }
        return call.named(List.of(baseline), Optional.of(call.creator()));
    }

    @Override
    public Set<String> notifications() {
        return Set.of(AwsEvents.INSTANCE_STATE_CHANGE);
    }

    /**
     * EC2's notification that an instance changed state: the patch function checks an instance that is now
     * {@code running} for its patch group. Any other state is refused, so that a rule matching too much is noticed.
     */
    @Override
    public DecodedEvent notification(JsonNode event) {
        String id = text(event, "id");
        String state = string(event.path("detail"), "state", "detail.state");
        if (!state.equals("running")) {
            throw new UnsupportedEventException("instance state-change event " + safe(id) + " is for state " + quote(state)
                    + ": the " + operation() + " function checks instances that are running; match detail.state [\"running\"] in the rule");
        }
        String instance = string(event.path("detail"), "instance-id", "detail.instance-id");
        if (instance.isBlank()) {
            throw new UnsupportedEventException("instance state-change event " + safe(id) + " names no instance: looked for detail.instance-id");
        }
        return new DecodedEvent(id, text(event, "account"), required(event, "region"), Scope.resources(List.of(instance)),
                Optional.empty(), "instance " + instance + " running", Optional.empty());
    }
}
