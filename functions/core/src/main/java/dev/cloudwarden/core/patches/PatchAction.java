package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.ResourceRef;

/**
 * One change a patch-baselines run plans, tied to the finding that reports it. A baseline the run creates
 * has no id yet: the actions that need it name the baseline, and the applier resolves the name once the
 * create is done.
 */
sealed interface PatchAction {
    String CREATE = "create-baseline";
    String UPDATE = "update-baseline";
    String REGISTER = "register-patch-group";
    String DEREGISTER = "deregister-patch-group";
    String SET_DEFAULT = "set-default-baseline";
    String TAG = "tag-patch-group";
    String SCAN = "start-scan";

    String findingId();

    /** Whether the blast radius counts it as a change (scans are counted apart). */
    default boolean change() {
        return !(this instanceof Scan);
    }

    record Create(String findingId, PatchBaseline content) implements PatchAction {
    }

    record Update(String findingId, String baselineId, PatchBaseline content) implements PatchAction {
    }

    /** @param baselineName the declared baseline: its id is known only once it exists */
    record Register(String findingId, String baselineName, String patchGroup) implements PatchAction {
    }

    record Deregister(String findingId, String baselineId, String patchGroup) implements PatchAction {
    }

    record SetDefault(String findingId, String baselineName) implements PatchAction {
    }

    /** Give a managed instance without a patch group the policy's default group. */
    record TagInstance(String findingId, ResourceRef instance, String key, String group) implements PatchAction {
    }

    /** Scan an overdue instance; the applier sends the scans of one run together, as few commands as the API allows. */
    record Scan(String findingId, String instanceId) implements PatchAction {
    }
}
