package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a patch agenda in the order the calls depend on each other: baselines are created (a new one's
 * id is known only then) and updated, stale patch groups deregistered before groups are registered (a group
 * has one baseline per operating system), defaults set, instances tagged, and scans sent together, at most
 * {@value #SCAN_BATCH} instances a command. Each action ends applied or failed; one failure stops only the
 * actions that depend on it.
 */
final class PatchApplier {
    /** SendCommand takes at most 50 instance ids. */
    static final int SCAN_BATCH = 50;

    private final PatchBaselineOps patches;
    private final PatchComplianceOps compliance;
    private final Optional<TagOps> tags;

    PatchApplier(PatchBaselineOps patches, PatchComplianceOps compliance, Optional<TagOps> tags) {
        this.patches = patches;
        this.compliance = compliance;
        this.tags = tags;
    }

    /**
     * @param existing declared baseline name → id of the baselines that already exist
     * @return the agenda's findings with their outcomes
     */
    List<Finding> apply(Agenda agenda, Map<String, String> existing, PatchBaselinesPolicy.Scan scan) {
        Map<String, String> ids = new HashMap<>(existing);
        Map<String, String> notCreated = new HashMap<>();
        Map<String, FindingAction> outcomes = new HashMap<>();
        for (PatchAction action : agenda.actions()) {
            if (action instanceof PatchAction.Create create) {
                outcomes.put(create.findingId(), attempt(PatchAction.CREATE, () -> {
                    String id = patches.createBaseline(create.content());
                    ids.put(create.content().name(), id);
                    return "created " + id;
                }, failure -> notCreated.put(create.content().name(), failure)));
            }
        }
        for (PatchAction action : agenda.actions()) {
            if (action instanceof PatchAction.Update update) {
                outcomes.put(update.findingId(), attempt(PatchAction.UPDATE, () -> {
                    patches.updateBaseline(update.baselineId(), update.content());
                    return "updated " + update.baselineId() + " to the declared content";
                }, failure -> { }));
            }
        }
        for (PatchAction action : agenda.actions()) {
            if (action instanceof PatchAction.Deregister deregister) {
                outcomes.put(deregister.findingId(), attempt(PatchAction.DEREGISTER, () -> {
                    patches.deregisterPatchGroup(deregister.baselineId(), deregister.patchGroup());
                    return "deregistered " + deregister.patchGroup() + " from " + deregister.baselineId();
                }, failure -> { }));
            }
        }
        for (PatchAction action : agenda.actions()) {
            switch (action) {
                case PatchAction.Register register -> outcomes.put(register.findingId(), withId(register.baselineName(), ids, notCreated,
                        PatchAction.REGISTER, id -> {
                            patches.registerPatchGroup(id, register.patchGroup());
                            return "registered " + register.patchGroup() + " to " + id;
                        }));
                case PatchAction.SetDefault setDefault -> outcomes.put(setDefault.findingId(), withId(setDefault.baselineName(), ids,
                        notCreated, PatchAction.SET_DEFAULT, id -> {
                            patches.setDefaultBaseline(id);
                            return "made " + id + " the default";
                        }));
                default -> {
                }
            }
        }
        tag(agenda, outcomes);
        scan(agenda, scan, outcomes);
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : agenda.findings()) {
            FindingAction outcome = outcomes.get(finding.id());
            findings.add(outcome == null ? finding : finding.withAction(outcome));
        }
        return findings;
    }

    /** Instances are tagged together, one batched write per group. */
    private void tag(Agenda agenda, Map<String, FindingAction> outcomes) {
        Map<Map<String, String>, List<PatchAction.TagInstance>> byTag = new LinkedHashMap<>();
        agenda.actions().stream().filter(a -> a instanceof PatchAction.TagInstance).map(a -> (PatchAction.TagInstance) a)
                .forEach(t -> byTag.computeIfAbsent(Map.of(t.key(), t.group()), k -> new ArrayList<>()).add(t));
        byTag.forEach((tag, actions) -> {
            List<ResourceRef> instances = actions.stream().map(PatchAction.TagInstance::instance).toList();
            TagWriteResult result;
            try {
                result = tags.orElseThrow(() -> new IllegalStateException("the provider cannot tag instances")).addTags(instances, tag);
            } catch (CloudException e) {
                actions.forEach(a -> outcomes.put(a.findingId(), new FindingAction(PatchAction.TAG, Status.FAILED, e.getMessage())));
                return;
            }
            for (PatchAction.TagInstance action : actions) {
                String id = action.instance().id();
                outcomes.put(action.findingId(), result.succeeded(id)
                        ? new FindingAction(PatchAction.TAG, Status.APPLIED, "tagged " + action.key() + "=" + action.group())
                        : new FindingAction(PatchAction.TAG, Status.FAILED, result.failed().get(id).getMessage()));
            }
        });
    }

    private void scan(Agenda agenda, PatchBaselinesPolicy.Scan scan, Map<String, FindingAction> outcomes) {
        List<PatchAction.Scan> scans = agenda.actions().stream().filter(a -> a instanceof PatchAction.Scan).map(a -> (PatchAction.Scan) a).toList();
        for (int from = 0; from < scans.size(); from += SCAN_BATCH) {
            List<PatchAction.Scan> batch = scans.subList(from, Math.min(scans.size(), from + SCAN_BATCH));
            FindingAction outcome;
            try {
                String command = compliance.startScan(batch.stream().map(PatchAction.Scan::instanceId).toList(), scan.maxConcurrency(),
                        scan.maxErrors());
                outcome = new FindingAction(PatchAction.SCAN, Status.APPLIED, "scan started: command " + command);
            } catch (CloudException e) {
                outcome = new FindingAction(PatchAction.SCAN, Status.FAILED, e.getMessage());
            }
            FindingAction result = outcome;
            batch.forEach(s -> outcomes.put(s.findingId(), result));
        }
    }

    private FindingAction withId(String baselineName, Map<String, String> ids, Map<String, String> notCreated, String kind,
                                 Call call) {
        String id = ids.get(baselineName);
        if (id == null) {
            return new FindingAction(kind, Status.FAILED, "baseline " + baselineName + " was not created: "
                    + notCreated.getOrDefault(baselineName, "unknown"));
        }
        return attempt(kind, () -> call.run(id), failure -> { });
    }

    private static FindingAction attempt(String kind, Attempt attempt, java.util.function.Consumer<String> onFailure) {
        try {
            return new FindingAction(kind, Status.APPLIED, attempt.run());
        } catch (CloudException e) {
            String failure = e.getMessage() + (e.requestId().isEmpty() ? "" : " (request " + e.requestId() + ")");
            onFailure.accept(failure);
            return new FindingAction(kind, Status.FAILED, failure);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        String run();
    }

    @FunctionalInterface
    private interface Call {
        String run(String baselineId);
    }
}
