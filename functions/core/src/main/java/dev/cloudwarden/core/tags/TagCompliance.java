package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.policy.SectionReader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.ReportPublisher;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.run.RunPipeline;
import dev.cloudwarden.core.run.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tag compliance: discover → plan (creator tags, fixes, mark-for-op) → guard → apply → report → notify.
 * Dry-run stops after the plan; a refused plan changes nothing; every violation and every change
 * leaves a finding.
 */
public final class TagCompliance implements Operation {
    public static final String OPERATION = "tag-compliance";
    /** This operation as the catalog lists it: its id, its policy section's reader, its constructor. */
    public static final OperationModule<TagCompliancePolicy> MODULE = new OperationModule<>(OPERATION,
            SectionReader.of(TagCompliancePolicyReader.SECTION, TagCompliancePolicy.class, (node, at, context) -> new TagCompliancePolicyReader(context.nodes(), context.names()).read(node, at)),
            TagCompliance::new);

    private final CloudProvider provider;
    private final TagOps tags;
    private final TagCompliancePolicy policy;
    private final boolean policyDryRun;
    private final TagPlanner planner;
    private final TagGuard guard;
    private final Clock clock;

    public TagCompliance(CloudProvider provider, TagCompliancePolicy policy, boolean policyDryRun, Clock clock) {
        this.provider = provider;
        this.tags = Operation.require(provider.tags(), provider, "tag capability");
        this.policy = policy;
        this.policyDryRun = policyDryRun;
        this.planner = new TagPlanner(policy);
        this.guard = new TagGuard(policy.blastRadius());
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
        Set<String> types = Set.copyOf(policy.resourceTypes());
        List<ResourceRef> resources;
        try {
            resources = switch (request.scope()) {
                case Scope.Region r -> tags.listResources(types);
                case Scope.Resources targets -> targets.ids().isEmpty() ? List.of()
                        : tags.findResources(targets.ids().stream().distinct().toList());
            };
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        resources = distinct(resources.stream().filter(r -> types.contains(r.type())).toList());
        String account = resources.stream().map(ResourceRef::account).filter(a -> !a.isEmpty()).findFirst().orElse("");

        Instant now = request.now(clock);
        List<ResourcePlan> plans = resources.stream().map(r -> planner.plan(r, request.creator(), now)).toList();
        List<Finding> planned = plans.stream().flatMap(p -> p.findings().stream()).toList();
        List<ResourcePlan> changes = plans.stream().filter(ResourcePlan::changesAnything).toList();
        Verdict verdict = guard.check(changes, resources.size(), request.scope().isSweep());
        RunReport done = new RunPipeline(report, resources.size(), account).carryOut(planned, changes, verdict,
                () -> new TagChangeApplier(tags, provider.compute(), provider.names()).apply(plans));
        return dryRun ? done : notify(done, report, resources.size(), account); // a dry-run publishes nothing
    }

    /**
     * Publishes the findings when the policy names a topic. A failed publication makes the run partial:
     * the changes stand, and the report (returned and logged) still says everything.
     */
    private RunReport notify(RunReport done, ReportBuilder report, int scanned, String account) {
        if (policy.notifyTopic().isEmpty() || done.findings().isEmpty()) {
            return done;
        }
        String topic = policy.notifyTopic().get();
        Optional<String> failure;
        try {
            failure = provider.notifications()
                    .map(n -> new ReportPublisher(n).publish(done, topic))
                    .map(sent -> sent.unpublished().isEmpty() ? Optional.<String>empty() : Optional.of(sent.unpublished().size()
                            + " finding(s) larger than one message were left out (" + String.join(", ", sent.unpublished())
                            + "); the others were published"))
                    .orElse(Optional.of("the " + provider.cloud().id() + " provider cannot publish notifications"));
        } catch (CloudException e) {
            failure = Optional.of(e.getMessage());
        }
        // finished again so that apiCalls counts the publication too; the run id stays the same
        if (failure.isEmpty()) {
            return report.finish(done.status(), done.error(), scanned, account, done.findings());
        }
        String error = "findings were not published to " + topic + ": " + failure.get()
                + (done.error().isPresent() ? "; " + done.error().get() : "");
        return report.finish(done.status() == RunStatus.COMPLETE ? RunStatus.PARTIAL : done.status(),
                Optional.of(error), scanned, account, done.findings());
    }

    /** A resource the provider returned twice (an event naming it by id and by ARN) is planned once. */
    private static List<ResourceRef> distinct(List<ResourceRef> resources) {
        Set<String> seen = new HashSet<>();
        return resources.stream().filter(r -> seen.add(r.id())).toList();
    }
}
