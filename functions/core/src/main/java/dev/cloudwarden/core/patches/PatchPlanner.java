package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.PatchBaselineOps.BaselineSummary;
import dev.cloudwarden.api.PatchBaselineOps.FoundBaseline;
import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Turns what a run read into findings and actions. Pure: the clock's reading is passed in, nothing is called.
 *
 * <p><b>Reconcile</b>: each declared baseline must exist (by name and operating system) with exactly the
 * declared content, be registered for exactly its patch groups, and be its operating system's default when
 * declared so. A second baseline of the same name is reported and left alone. <b>Compliance</b>: each
 * managed instance of a declared patch group is judged by its last patch state; one never scanned, or not
 * within {@code scanMaxAge}, is overdue (and scanned when the policy says so); a managed instance without a
 * patch group is reported (and given the default group when the policy names one).
 */
final class PatchPlanner {
    private final PatchBaselinesPolicy policy;
    private final BiFunction<String, String, ResourceRef> baselineRef;
    private final UnaryOperator<String> idOf;
    private final List<String> groupTags;
    private final String assessment;

    /**
     * @param baselineRef the provider's reference for a baseline id (empty: not created yet) and name
     * @param idOf        the id of the baseline a reference the cloud answered with names (SSM names a default by ARN)
     * @param groupTags   the tag keys the cloud's patch service reads a patch group from: the policy's key is read first
     * @param assessment  how the cloud's assessment is named in a finding, such as {@code AWS-RunPatchBaseline (Operation=Scan)}
     */
    PatchPlanner(PatchBaselinesPolicy policy, BiFunction<String, String, ResourceRef> baselineRef, UnaryOperator<String> idOf,
                 List<String> groupTags, String assessment) {
        this.policy = policy;
        this.baselineRef = baselineRef;
        this.idOf = idOf;
        this.groupTags = List.copyOf(groupTags);
        this.assessment = assessment;
    }

    /**
     * @param found     the baselines read in full: those listed under a declared name
     * @param defaults  operating system → its default baseline id, for the operating systems with a declared default
     * @param holders   each declared patch group missing from its baseline (by OS and group, {@link #holderKey}) → the
     *                  other baseline it is registered to: it is moved back
     * @param changedBy who made the change an event reports: every drift found is attributed to it
     */
    Agenda reconcile(List<BaselineSummary> own, Map<String, FoundBaseline> found, Map<String, String> defaults,
                     Map<String, String> holders, Optional<Creator> changedBy) {
        Agenda.Builder agenda = new Agenda.Builder();
        for (DeclaredBaseline declared : policy.baselines()) {
            String os = declared.content().operatingSystem();
            List<BaselineSummary> named = own.stream()
                    .filter(b -> b.name().equals(declared.name()) && b.operatingSystem().equals(os))
                    .sorted(Comparator.comparing(BaselineSummary::id)).toList();
            Optional<FoundBaseline> current = named.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(named.getFirst().id()));
            named.stream().skip(1).forEach(other -> agenda.finding(PatchFindings.duplicate(
                    baselineRef.apply(other.id(), other.name()), named.getFirst().id())));
            if (current.isEmpty()) {
                create(declared, holders, changedBy, agenda);
                continue;
            }
            FoundBaseline baseline = current.get();
            ResourceRef ref = baselineRef.apply(baseline.id(), declared.name());
            List<BaselineDiff.Change> changes = BaselineDiff.between(declared.content(), baseline.content());
            if (!changes.isEmpty()) {
                Finding finding = PatchFindings.baselineDrift(ref, changes, changedBy, FindingAction.planned(PatchAction.UPDATE,
                        "update " + baseline.id() + " to the declared content (" + changes.size() + " field"
                                + (changes.size() == 1 ? ")" : "s)")));
                agenda.add(finding, new PatchAction.Update(finding.id(), baseline.id(), declared.content()));
            }
            for (String group : baseline.patchGroups()) {
                if (!declared.patchGroups().contains(group)) {
                    Finding finding = PatchFindings.groupStale(ref, group, changedBy, FindingAction.planned(PatchAction.DEREGISTER,
                            "deregister " + group + " from " + baseline.id()));
                    agenda.add(finding, new PatchAction.Deregister(finding.id(), baseline.id(), group));
                }
            }
            for (String group : declared.patchGroups()) {
                if (!baseline.patchGroups().contains(group)) {
                    reclaim(ref, declared, group, holders, changedBy, agenda);
                    register(ref, declared, group, changedBy, agenda);
                }
            }
            String currentDefault = defaults.getOrDefault(os, "");
            if (declared.isDefault() && !idOf.apply(currentDefault).equals(baseline.id())) {
                Finding finding = PatchFindings.defaultDrift(ref, os, currentDefault.isEmpty() ? "unknown" : currentDefault, changedBy,
                        FindingAction.planned(PatchAction.SET_DEFAULT, "make " + baseline.id() + " the default of " + os));
                agenda.add(finding, new PatchAction.SetDefault(finding.id(), declared.name()));
            }
        }
        return agenda.build();
    }

    /**
     * @param states the patch states of every declared patch group's instances
     */
    Agenda compliance(List<ManagedInstance> instances, List<PatchState> states, Instant now) {
        Agenda.Builder agenda = new Agenda.Builder();
        List<String> groups = policy.baselines().stream().flatMap(b -> b.patchGroups().stream()).distinct().toList();
        for (ManagedInstance instance : instances) {
            Optional<String> group = patchGroup(instance);
            if (group.isEmpty()) {
                noPatchGroup(instance, agenda);
                continue;
            }
            if (!groups.contains(group.get())) {
                continue; // another team's group, judged by a baseline this policy does not declare
            }
            Optional<PatchState> state = states.stream().filter(s -> s.instanceId().equals(instance.id())).findFirst();
            state.ifPresent(s -> PatchFindings.compliance(instance, s).forEach(agenda::finding));
            boolean overdue = state.isEmpty() || state.get().operationEnd().isBefore(now.minus(policy.compliance().scanMaxAge()));
            if (overdue) {
                scanOverdue(instance, group.get(), state, now, agenda);
            }
        }
        return agenda.build();
    }

    /** An instance that just started (an event): has it a patch group? */
    Agenda started(List<ManagedInstance> instances) {
        Agenda.Builder agenda = new Agenda.Builder();
        instances.stream().filter(i -> patchGroup(i).isEmpty()).forEach(i -> noPatchGroup(i, agenda));
        return agenda.build();
    }

    private void create(DeclaredBaseline declared, Map<String, String> holders, Optional<Creator> changedBy, Agenda.Builder agenda) {
        ResourceRef ref = baselineRef.apply("", declared.name());
        String os = declared.content().operatingSystem();
        Finding finding = PatchFindings.baselineMissing(ref, os, changedBy, FindingAction.planned(PatchAction.CREATE,
                "create " + declared.name() + " for " + os));
        agenda.add(finding, new PatchAction.Create(finding.id(), declared.content()));
        declared.patchGroups().forEach(group -> {
            reclaim(ref, declared, group, holders, changedBy, agenda);
            register(ref, declared, group, changedBy, agenda);
        });
        if (declared.isDefault()) {
            Finding isDefault = PatchFindings.defaultDrift(ref, os, "another baseline", changedBy,
                    FindingAction.planned(PatchAction.SET_DEFAULT, "make " + declared.name() + " the default of " + os + " once created"));
            agenda.add(isDefault, new PatchAction.SetDefault(isDefault.id(), declared.name()));
        }
    }

    /** A declared group registered to another baseline of its OS cannot be registered before it is taken back. */
    private void reclaim(ResourceRef ref, DeclaredBaseline declared, String group, Map<String, String> holders,
                         Optional<Creator> changedBy, Agenda.Builder agenda) {
        String holder = holders.get(holderKey(declared.content().operatingSystem(), group));
        if (holder == null) {
            return;
        }
        Finding finding = PatchFindings.groupTaken(ref, group, holder, changedBy, FindingAction.planned(PatchAction.DEREGISTER,
                "deregister " + group + " from " + holder + ", so that it can be registered to " + declared.name() + " again"));
        agenda.add(finding, new PatchAction.Deregister(finding.id(), holder, group));
    }

    /** How {@code holders} is keyed: a patch group has one baseline per operating system. */
    static String holderKey(String operatingSystem, String group) {
        return operatingSystem + "/" + group;
    }

    private static void register(ResourceRef ref, DeclaredBaseline declared, String group, Optional<Creator> changedBy, Agenda.Builder agenda) {
        Finding finding = PatchFindings.groupUnregistered(ref, group, changedBy, FindingAction.planned(PatchAction.REGISTER,
                "register " + group + " to " + declared.name()));
        agenda.add(finding, new PatchAction.Register(finding.id(), declared.name(), group));
    }

    private void noPatchGroup(ManagedInstance instance, Agenda.Builder agenda) {
        String key = policy.compliance().patchGroupTag();
        Optional<String> group = policy.compliance().defaultPatchGroup();
        if (group.isEmpty()) {
            agenda.finding(PatchFindings.noPatchGroup(instance, key, FindingAction.skipped(FindingAction.NONE,
                    "reported only: compliance.defaultPatchGroup is not set")));
            return;
        }
        Finding finding = PatchFindings.noPatchGroup(instance, key, FindingAction.planned(PatchAction.TAG,
                "tag " + key + "=" + group.get()));
        agenda.add(finding, new PatchAction.TagInstance(finding.id(), instance.resource(), key, group.get()));
    }

    private void scanOverdue(ManagedInstance instance, String group, Optional<PatchState> state, Instant now, Agenda.Builder agenda) {
        if (policy.scan().isEmpty() || !instance.online()) {
            agenda.finding(PatchFindings.scanOverdue(instance, group, state, policy.compliance().scanMaxAge(), now,
                    FindingAction.skipped(FindingAction.NONE, policy.scan().isEmpty() ? "reported only: the policy has no scan section"
                            : "its agent is not online: a scan would fail")));
            return;
        }
        Finding finding = PatchFindings.scanOverdue(instance, group, state, policy.compliance().scanMaxAge(), now,
                FindingAction.planned(PatchAction.SCAN, "scan with " + assessment));
        agenda.add(finding, new PatchAction.Scan(finding.id(), instance.id()));
    }

    /** The instance's patch group: under the policy's tag key, or another the cloud's patch service reads it from. */
    private Optional<String> patchGroup(ManagedInstance instance) {
        var tags = instance.resource().tags();
        String key = policy.compliance().patchGroupTag();
        Optional<String> group = tags.get(key);
        for (String other : groupTags) {
            group = group.or(() -> tags.get(other));
        }
        return group.filter(v -> !v.isBlank());
    }
}
