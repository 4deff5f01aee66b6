package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.PatchBaselineOps.BaselineSummary;
import dev.cloudwarden.api.PatchBaselineOps.FoundBaseline;
import dev.cloudwarden.api.PatchComplianceOps.ManagedInstance;
import dev.cloudwarden.api.PatchComplianceOps.PatchState;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.Creator;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.patches.PatchBaselinesPolicy.DeclaredBaseline;
import dev.cloudwarden.core.policy.SectionReader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import java.time.Clock;
import java.time.Instant;
import dev.cloudwarden.core.run.RunPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patch baselines kept as declared, and patch compliance reported, as discover → plan → guard → apply → report.
 *
 * <ul>
 *   <li>A <b>sweep</b> reconciles every declared baseline (content, patch groups, default), judges every
 *       managed instance of the declared patch groups, and scans the overdue ones when the policy says so.
 *       A second sweep finds nothing to change and calls nothing that writes.</li>
 *   <li>A <b>change event</b> (someone updated, deleted or deregistered a baseline, or changed a default)
 *       reconciles the baselines at once, and every drift found names who made the change. A change made by
 *       one of the policy's own roles is cloudwarden's own and is not drift.</li>
 *   <li>An <b>instance-started event</b> checks that the instance has a patch group.</li>
 * </ul>
 */
public final class PatchBaselines implements Operation {
    public static final String OPERATION = "patch-baselines";
    /** This operation as the catalog lists it: its id, its policy section's reader, its constructor. */
    public static final OperationModule<PatchBaselinesPolicy> MODULE = new OperationModule<>(OPERATION,
            SectionReader.of(PatchBaselinesPolicyReader.SECTION, PatchBaselinesPolicy.class, (node, at, context) -> new PatchBaselinesPolicyReader(context.nodes(), context.names(), context.now()).read(node, at)),
            PatchBaselines::new);

    private final CloudProvider provider;
    private final PatchBaselineOps patches;
    private final PatchComplianceOps compliance;
    private final PatchBaselinesPolicy policy;
    private final boolean policyDryRun;
    private final PatchPlanner planner;
    private final PatchGuard guard;
    private final Clock clock;

    public PatchBaselines(CloudProvider provider, PatchBaselinesPolicy policy, boolean policyDryRun, Clock clock) {
        this.provider = provider;
        this.patches = Operation.require(provider.patchBaselines(), provider, "patch baselines");
        this.compliance = Operation.require(provider.patchCompliance(), provider, "patch compliance");
        if (policy.compliance().defaultPatchGroup().isPresent() && provider.tags().isEmpty()) {
            throw new IllegalStateException("patchBaselines.compliance.defaultPatchGroup tags instances, but the "
                    + provider.cloud().id() + " provider offers no tag capability");
        }
        this.policy = policy;
        this.policyDryRun = policyDryRun;
        this.planner = new PatchPlanner(policy, patches::baselineResource, patches::idOf, provider.names().patchGroupTags(),
                provider.names().patchAssessment());
        this.guard = new PatchGuard(policy.blastRadius());
        this.clock = clock;
    }

    @Override
    public String id() {
        return OPERATION;
    }

    @Override
    public RunReport run(RunRequest request) {
        boolean dryRun = Operation.dryRun(request, policyDryRun);
        var report = new ReportBuilder(OPERATION, provider, request, dryRun, clock);
        return switch (request.scope()) {
            case Scope.Region r -> sweep(report, request.now(clock));
            // a change someone made names its caller; an instance that started names none
            case Scope.Resources targets -> request.creator().isPresent()
                    ? changed(request.creator().get(), report)
                    : started(targets.ids(), report);
        };
    }

    private RunReport sweep(ReportBuilder report, Instant now) {
        Baselines baselines;
        List<ManagedInstance> instances;
        List<PatchState> states = new ArrayList<>();
        try {
            baselines = readBaselines();
            instances = compliance.managedInstances();
            for (String group : policy.baselines().stream().flatMap(b -> b.patchGroups().stream()).distinct().toList()) {
                states.addAll(compliance.patchStates(group));
            }
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        Agenda agenda = planner.reconcile(baselines.own(), baselines.found(), baselines.defaults(), baselines.holders(), Optional.empty())
                .plus(planner.compliance(instances, states, now));
        return carryOut(agenda, baselines, report, baselines.own().size() + instances.size(), true, account(instances));
    }

    private RunReport changed(Creator caller, ReportBuilder report) {
        if (policy.isOwn(caller.principal(), provider.names())) { // our own change: there is nothing to revert
            return report.finish(RunStatus.COMPLETE, Optional.empty(), 0, "", List.of());
        }
        Baselines baselines;
        try {
            baselines = readBaselines();
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        Agenda agenda = planner.reconcile(baselines.own(), baselines.found(), baselines.defaults(), baselines.holders(), Optional.of(caller));
        return carryOut(agenda, baselines, report, baselines.own().size(), false, "");
    }

    private RunReport started(List<String> instanceIds, ReportBuilder report) {
        List<ManagedInstance> started;
        try {
            started = instanceIds.isEmpty() ? List.of()
                    : compliance.managedInstances().stream().filter(i -> instanceIds.contains(i.id())).toList();
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        return carryOut(planner.started(started), new Baselines(List.of(), Map.of(), Map.of(), Map.of()), report, started.size(), false,
                account(started));
    }

    private RunReport carryOut(Agenda agenda, Baselines baselines, ReportBuilder report, int scanned, boolean sweep, String account) {
        return new RunPipeline(report, scanned, account).carryOut(agenda.findings(), agenda.actions(), guard.check(agenda, scanned, sweep),
                () -> new PatchApplier(patches, compliance, provider.tags()).apply(agenda, existing(baselines),
                        policy.scan().orElse(PatchBaselinesPolicy.Scan.DEFAULT)));
    }

    /** Each declared name → the baseline it stands for: the one the planner kept in shape, the lowest id. */
    private static Map<String, String> existing(Baselines baselines) {
        Map<String, String> existing = new LinkedHashMap<>();
        baselines.found().values().stream().sorted(Comparator.comparing(FoundBaseline::id))
                .forEach(b -> existing.putIfAbsent(b.content().name(), b.id()));
        return existing;
    }

    /**
     * The account's own baselines; in full, those listed under a declared name and operating system; and the
     * default baseline of each operating system with a declared default.
     */
    private Baselines readBaselines() {
        List<BaselineSummary> own = patches.listBaselines();
        Map<String, FoundBaseline> found = new LinkedHashMap<>();
        for (DeclaredBaseline declared : policy.baselines()) {
            for (BaselineSummary summary : own) {
                if (summary.name().equals(declared.name()) && summary.operatingSystem().equals(declared.content().operatingSystem())) {
                    patches.getBaseline(summary.id()).ifPresent(b -> found.put(b.id(), b));
                }
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> holders = new LinkedHashMap<>();
        // a group held by another declared baseline is that one's stale group: its own reconcile lets it go
        java.util.Set<String> declaredIds = new java.util.HashSet<>();
        found.values().forEach(b -> declaredIds.add(b.id()));
        for (DeclaredBaseline declared : policy.baselines()) {
            String os = declared.content().operatingSystem();
            if (declared.isDefault()) {
                defaults.put(os, patches.defaultBaseline(os));
            }
            // a declared group missing from the baseline may be held by another: asked only then, so a run in shape asks nothing
            Optional<FoundBaseline> managed = found.values().stream()
                    .filter(b -> b.content().name().equals(declared.name()))
                    .min(Comparator.comparing(FoundBaseline::id));
            for (String group : declared.patchGroups()) {
                if (managed.isEmpty() || !managed.get().patchGroups().contains(group)) {
                    patches.patchGroupBaseline(group, os)
                            .filter(holder -> !declaredIds.contains(holder))
                            .ifPresent(holder -> holders.put(PatchPlanner.holderKey(os, group), holder));
                }
            }
        }
        return new Baselines(own, found, defaults, holders);
    }

    /** What a run read of the baselines. */
    private record Baselines(List<BaselineSummary> own, Map<String, FoundBaseline> found, Map<String, String> defaults,
                             Map<String, String> holders) {
    }

    private static String account(List<ManagedInstance> instances) {
        return instances.stream().map(ManagedInstance::resource).map(ResourceRef::account).filter(a -> !a.isEmpty()).findFirst().orElse("");
    }
}
