package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.Disk;
import dev.cloudwarden.api.Instance;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Snapshot;
import dev.cloudwarden.api.SnapshotOps;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.JobResult;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.CopyTarget;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Plan;
import dev.cloudwarden.core.snapshots.SnapshotLifecyclePolicy.Selection;
import dev.cloudwarden.core.policy.SectionReader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.run.RunPipeline;
import dev.cloudwarden.core.run.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The snapshot lifecycle: every plan's window snapshots taken once, copied to its disaster-recovery
 * regions, and pruned by its retention, as discover → plan → guard → apply → report.
 *
 * <ul>
 *   <li>A <b>sweep</b> (schedule or by hand) does all of it for the region. It may run any number of times
 *       in a window: it takes only what the window still lacks, found by the tags earlier runs wrote.</li>
 *   <li>A <b>snapshot job event</b> (EBS notification) copies the finished snapshots at once, or reports
 *       the failure.</li>
 *   <li>A <b>create event</b> for volumes reports whether some plan covers each new volume.</li>
 * </ul>
 * Dry-run stops after the plan. The guard refuses deletions beyond the blast radius (snapshots are still
 * taken). A deadline (a Lambda invocation's limit) stops the run starting changes; the rest is reported as
 * not started. Every create, copy and delete, planned or done, leaves a finding. One policy file serves the
 * functions of every region: in a copy region, the copies aimed at that region are ignored.
 */
public final class SnapshotLifecycle implements Operation {
    public static final String OPERATION = "snapshot-lifecycle";
    /** This operation as the catalog lists it: its id, its policy section's reader, its constructor. */
    public static final OperationModule<SnapshotLifecyclePolicy> MODULE = new OperationModule<>(OPERATION,
            SectionReader.of(SnapshotLifecyclePolicyReader.SECTION, SnapshotLifecyclePolicy.class, (node, at, context) -> new SnapshotLifecyclePolicyReader(context.nodes(), context.names(), context.now()).read(node, at)),
            SnapshotLifecycle::new);

    private final CloudProvider provider;
    private final SnapshotOps snapshots;
    private final SnapshotLifecyclePolicy policy;
    private final boolean policyDryRun;
    private final SnapshotPlanner planner;
    private final SnapshotGuard guard;
    private final Clock clock;
    private final SnapshotOps.SnapshotFeatures features;

    public SnapshotLifecycle(CloudProvider provider, SnapshotLifecyclePolicy policy, boolean policyDryRun, Clock clock) {
        this.provider = provider;
        this.snapshots = Operation.require(provider.snapshots(), provider, "snapshot capability");
        // one policy file serves every region: a function ignores the copies aimed at its own region
        this.policy = withoutCopiesTo(provider.region(), policy);
        this.features = snapshots.features();
        refuseWhatTheCloudCannotDo(provider.cloud().id(), this.policy, features);
        this.policyDryRun = policyDryRun;
        this.planner = new SnapshotPlanner(this.policy, provider.names());
        this.guard = new SnapshotGuard(this.policy.blastRadius());
        this.clock = clock;
    }

    /**
     * A plan that asks for what this cloud's snapshots cannot do is refused before the first run: taking single snapshots
     * instead of a crash-consistent set, or none instead of a copy, would pass for protection the plan does not have.
     */
    private static void refuseWhatTheCloudCannotDo(String cloud, SnapshotLifecyclePolicy policy, SnapshotOps.SnapshotFeatures features) {
        for (Plan plan : policy.plans()) {
            if (!features.crossRegionCopy() && !plan.copies().isEmpty()) {
                throw new IllegalStateException("snapshot plan " + plan.name() + " copies to " + plan.copies().stream()
                        .map(CopyTarget::region).toList() + ", but " + cloud + " snapshots cannot be copied to another region");
            }
            if ((plan.placement().group().isPresent() && !features.placementGroup())
                    || (!plan.placement().locations().isEmpty() && !features.placementLocations())) {
                throw new IllegalStateException("snapshot plan " + plan.name() + " places its snapshots ("
                        + plan.placement().group().map(g -> "group " + g).orElse("")
                        + (plan.placement().locations().isEmpty() ? "" : "locations " + plan.placement().locations())
                        + "), but " + cloud + " snapshots live where their disk is: leave placement out");
            }
            if (!features.snapshotSets() && plan.selection() instanceof Selection.Instances) {
                throw new IllegalStateException("snapshot plan " + plan.name() + " snapshots instances as crash-consistent sets, but "
                        + cloud + " takes no snapshot sets: select volumes instead");
            }
        }
    }

    private static SnapshotLifecyclePolicy withoutCopiesTo(String region, SnapshotLifecyclePolicy policy) {
        List<Plan> plans = policy.plans().stream().map(p -> new Plan(p.name(), p.schedule(), p.zone(), p.selection(), p.copyTags(),
                p.retain(), p.copies().stream().filter(c -> !c.region().equals(region)).toList(), p.placement())).toList();
        return new SnapshotLifecyclePolicy(plans, policy.unprotectedVolumes(), policy.protectTags(), policy.blastRadius());
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
            case Scope.Region r -> sweep(report, request);
            case Scope.Resources targets -> request.jobResult().isPresent()
                    ? jobFinished(distinct(targets.ids()), request.jobResult().get(), report, request)
                    : volumesCreated(distinct(targets.ids()), report);
        };
    }

    private RunReport sweep(ReportBuilder report, RunRequest request) {
        Estate estate;
        Agenda agenda;
        try {
            estate = discover();
            Instant now = request.now(clock);
            // the window of the firing the run stands for, whenever it was delivered; else the window of now
            agenda = planner.plan(estate, request.firing().orElse(now), now, imagesOf());
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        report.actedOn(agenda.windows());
        int scanned = estate.disks().size() + estate.managedCount();
        String account = account(Stream.concat(estate.snapshots().stream().map(Snapshot::resource),
                estate.instancesByPlan().values().stream().flatMap(List::stream).map(Instance::resource)));
        Set<String> plans = policy.plans().stream().map(Plan::name).collect(Collectors.toSet());
        Verdict verdict = guard.check(agenda, estate.managedBy(plans), true);
        return carryOut(agenda, verdict, report, request, scanned, account);
    }

    /** Region → the snapshots there that an image holds; asked only of a cloud whose images hold snapshots. */
    private Function<String, Map<String, String>> imagesOf() {
        return features.imagesPinSnapshots() ? snapshots::imageSnapshots : region -> Map.of();
    }

    /** Snapshots finished: copy them at once; a failure is reported. */
    private RunReport jobFinished(List<String> ids, JobResult job, ReportBuilder report, RunRequest request) {
        List<Snapshot> found;
        Map<String, List<Snapshot>> copies = new LinkedHashMap<>();
        try {
            found = ids.isEmpty() ? List.of() : snapshots.findSnapshots(provider.region(), ids);
            if (job.succeeded() && job.job() != JobResult.Job.COPY) {
                for (String region : copyRegions(found)) {
                    copies.put(region, snapshots.listSnapshots(region, SnapshotTags.PLAN));
                }
            }
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        String account = account(found.stream().map(Snapshot::resource));
        if (!job.succeeded()) {
            String check = job.job() == JobResult.Job.COPY ? SnapshotFindings.COPY_FAILED : SnapshotFindings.FAILED;
            List<Finding> findings = new ArrayList<>();
            for (String id : ids) {
                Optional<Snapshot> snapshot = found.stream().filter(s -> s.id().equals(id)).findFirst();
                ResourceRef ref = snapshot.map(Snapshot::resource).orElseGet(() -> new ResourceRef(provider.cloud(), account,
                        provider.region(), job.resourceType(), id, "", Tags.NONE));
                findings.add(SnapshotFindings.jobFailed(check, ref, snapshot.flatMap(Managed::of),
                        job.sources().getOrDefault(id, ""), job.cause()));
            }
            return report.finish(RunStatus.COMPLETE, Optional.empty(), ids.size(), account, findings);
        }
        if (job.job() == JobResult.Job.COPY) { // a copy that completed needs nothing more
            return report.finish(RunStatus.COMPLETE, Optional.empty(), found.size(), account, List.of());
        }
        return carryOut(planner.copiesAfterJob(found, copies), Verdict.GO_AHEAD, report, request, found.size(), account);
    }

    /** New volumes: is each covered by some plan? Nothing is changed. */
    private RunReport volumesCreated(List<String> ids, ReportBuilder report) {
        List<Disk> disks;
        Map<String, List<Instance>> instances = new LinkedHashMap<>();
        try {
            disks = ids.isEmpty() ? List.of() : snapshots.findDisks(ids);
            if (disks.stream().anyMatch(d -> !d.attachedTo().isEmpty())) {
                instances = instancesByPlan();
            }
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        String account = account(Stream.concat(disks.stream().map(Disk::resource),
                instances.values().stream().flatMap(List::stream).map(Instance::resource)));
        return report.finish(RunStatus.COMPLETE, Optional.empty(), disks.size(), account, planner.coverage(disks, instances).findings());
    }

    private RunReport carryOut(Agenda agenda, Verdict verdict, ReportBuilder report, RunRequest request, int scanned, String account) {
        return new RunPipeline(report, scanned, account).carryOut(agenda.findings(), agenda.actions(), verdict,
                () -> new SnapshotApplier(snapshots, provider.names(), request.deadline(), clock)
                        .apply(agenda, verdict.refusalOf(SnapshotAction.DELETE)));
    }

    private Estate discover() {
        List<Disk> disks = snapshots.listDisks();
        Map<String, List<Instance>> instances = instancesByPlan();
        List<Snapshot> managed = snapshots.listSnapshots(provider.region(), SnapshotTags.PLAN);
        Map<String, List<Snapshot>> copies = new LinkedHashMap<>();
        for (String region : policy.plans().stream().flatMap(p -> p.copies().stream()).map(CopyTarget::region).distinct().toList()) {
            copies.put(region, snapshots.listSnapshots(region, SnapshotTags.PLAN));
        }
        return new Estate(provider.region(), withAccount(disks, managed), instances, managed, copies);
    }

    private Map<String, List<Instance>> instancesByPlan() {
        Map<String, List<Instance>> instances = new LinkedHashMap<>();
        for (Plan plan : policy.plans()) {
            if (plan.selection() instanceof Selection.Instances selection) {
                instances.put(plan.name(), snapshots.listInstances(selection.tags()));
            }
        }
        return instances;
    }

    /** The copy regions of the plans these snapshots belong to. */
    private List<String> copyRegions(List<Snapshot> found) {
        LinkedHashSet<String> regions = new LinkedHashSet<>();
        found.stream().flatMap(s -> Managed.of(s).stream())
                .forEach(m -> policy.plans().stream().filter(p -> p.name().equals(m.plan()))
                        .forEach(p -> p.copies().forEach(c -> regions.add(c.region()))));
        return List.copyOf(regions);
    }

    /** Volumes carry no owner on AWS: every answer here is about the caller's own account, which the snapshots name. */
    private static List<Disk> withAccount(List<Disk> disks, List<Snapshot> managed) {
        String account = account(managed.stream().map(Snapshot::resource));
        if (account.isEmpty()) {
            return disks;
        }
        return disks.stream().map(d -> !d.resource().account().isEmpty() ? d : new Disk(new ResourceRef(d.resource().cloud(), account,
                d.resource().region(), d.resource().type(), d.id(), d.resource().name(), d.resource().tags()), d.sizeGiB(), d.zone(),
                d.createdAt(), d.attachedTo())).toList();
    }

    private static String account(Stream<ResourceRef> resources) {
        return resources.map(ResourceRef::account).filter(a -> !a.isEmpty()).findFirst().orElse("");
    }

    private static List<String> distinct(List<String> ids) {
        return ids.stream().distinct().toList();
    }
}
