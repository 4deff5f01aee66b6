package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.PatchBaseline;
import dev.cloudwarden.api.PatchBaselineOps;
import dev.cloudwarden.api.PatchComplianceOps;
import dev.cloudwarden.api.Rate;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.PatchOrchestratorFilter;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * SSM Patch Manager: the account's own patch baselines, their patch groups and each operating system's
 * default, the managed instances (with their EC2 tags, where the patch group lives) and their patch states,
 * and scans with the AWS-RunPatchBaseline document.
 *
 * <p>Writes are safe to repeat: the SDK gives each CreatePatchBaseline an idempotency token of its own
 * (the model marks ClientToken so) and reuses it on its retries, so a retried request makes one baseline,
 * and a later run finds a baseline by its name before creating one; UpdatePatchBaseline replaces the whole
 * content; a registration that already exists for the same baseline and a deregistration already done are
 * successes. A deterministic token is deliberately not used: a baseline deleted and declared again with
 * the same content would be answered with the deleted one's id for as long as the token is remembered.
 *
 * <p>IAM actions used: ssm:DescribePatchBaselines, ssm:GetPatchBaseline, ssm:CreatePatchBaseline,
 * ssm:UpdatePatchBaseline, ssm:RegisterPatchBaselineForPatchGroup, ssm:DeregisterPatchBaselineForPatchGroup,
 * ssm:GetPatchBaselineForPatchGroup (for a declared group not registered to its baseline), ssm:GetDefaultPatchBaseline,
 * ssm:RegisterDefaultPatchBaseline, ssm:DescribeInstanceInformation, ssm:DescribeInstancePatchStatesForPatchGroup,
 * ssm:SendCommand (on the document AWS-RunPatchBaseline and the instances), ec2:DescribeInstances (tags),
 * ssm:ListTagsForResource (tags of managed nodes outside EC2).
 */
final class AwsPatches implements PatchBaselineOps, PatchComplianceOps {
    static final String RUN_PATCH_BASELINE = "AWS-RunPatchBaseline";
    static final String TYPE = "ssm:patchbaseline";
    /** DescribePatchBaselines answers 100 at most; DescribeInstanceInformation 50; patch states 100. */
    static final int BASELINE_PAGE = 100;
    static final int INSTANCE_PAGE = 50;
    static final int STATE_PAGE = 100;

    private final Supplier<SsmClient> ssm;
    private final Ec2Inventory ec2;
    private final String region;

    AwsPatches(Supplier<SsmClient> ssm, Ec2Inventory ec2, String region) {
        this.ssm = ssm;
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public ResourceRef baselineResource(String id, String name) {
        return new ResourceRef(CloudId.AWS, "", region, TYPE, id.isEmpty() ? name : id, name, Tags.NONE);
    }

    @Override
    public List<BaselineSummary> listBaselines() {
        List<BaselineSummary> found = new ArrayList<>();
        AwsErrors.run("ssm:DescribePatchBaselines", () -> ssm.get()
                .describePatchBaselinesPaginator(r -> r.maxResults(BASELINE_PAGE)
                        .filters(PatchOrchestratorFilter.builder().key("OWNER").values("Self").build()))
                .baselineIdentities()
                .forEach(b -> found.add(new BaselineSummary(b.baselineId(), b.baselineName(), b.operatingSystemAsString(),
                        Boolean.TRUE.equals(b.defaultBaseline())))));
        return found;
    }

    @Override
    public Optional<FoundBaseline> getBaseline(String baselineId) {
        try {
            var answer = ssm.get().getPatchBaseline(r -> r.baselineId(baselineId));
            return Optional.of(new FoundBaseline(answer.baselineId(), PatchBaselineTranslator.fromSsm(answer), answer.patchGroups()));
        } catch (DoesNotExistException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate("ssm:GetPatchBaseline", e);
        }
    }

    @Override
    public String createBaseline(PatchBaseline content) {
        return AwsErrors.call("ssm:CreatePatchBaseline", () -> ssm.get().createPatchBaseline(r -> r
                .name(content.name()).operatingSystem(content.operatingSystem()).description(blankToNull(content.description()))
                .globalFilters(PatchBaselineTranslator.toSsm(content.globalFilters()))
                .approvalRules(PatchBaselineTranslator.rulesToSsm(content.approvalRules()))
                .approvedPatches(content.approvedPatches())
                .approvedPatchesComplianceLevel(content.approvedPatchesComplianceLevel().name())
                .approvedPatchesEnableNonSecurity(content.approvedPatchesEnableNonSecurity())
                .rejectedPatches(content.rejectedPatches())
                .rejectedPatchesAction(content.rejectedPatchesAction().name())
                .sources(PatchBaselineTranslator.sourcesToSsm(content.sources()))).baselineId());
    }

    @Override
    public void updateBaseline(String baselineId, PatchBaseline content) {
        AwsErrors.run("ssm:UpdatePatchBaseline", () -> ssm.get().updatePatchBaseline(r -> r
                .baselineId(baselineId).replace(true)
                .name(content.name()).description(blankToNull(content.description()))
                .globalFilters(PatchBaselineTranslator.toSsm(content.globalFilters()))
                .approvalRules(PatchBaselineTranslator.rulesToSsm(content.approvalRules()))
                .approvedPatches(content.approvedPatches())
                .approvedPatchesComplianceLevel(content.approvedPatchesComplianceLevel().name())
                .approvedPatchesEnableNonSecurity(content.approvedPatchesEnableNonSecurity())
                .rejectedPatches(content.rejectedPatches())
                .rejectedPatchesAction(content.rejectedPatchesAction().name())
                .sources(PatchBaselineTranslator.sourcesToSsm(content.sources()))));
    }

    @Override
    public void registerPatchGroup(String baselineId, String patchGroup) {
        try {
            ssm.get().registerPatchBaselineForPatchGroup(r -> r.baselineId(baselineId).patchGroup(patchGroup));
        } catch (AlreadyExistsException e) {
            // already this baseline's (a retried run): done; another baseline's: a conflict the finding reports
            String os = AwsErrors.call("ssm:GetPatchBaseline", () -> ssm.get().getPatchBaseline(r -> r.baselineId(baselineId))
                    .operatingSystemAsString());
            String holder = AwsErrors.call("ssm:GetPatchBaselineForPatchGroup", () -> ssm.get()
                    .getPatchBaselineForPatchGroup(r -> r.patchGroup(patchGroup).operatingSystem(os)).baselineId());
            if (!baselineId.equals(holder)) {
                throw AwsErrors.translate("ssm:RegisterPatchBaselineForPatchGroup", e);
            }
        } catch (SdkException e) {
            throw AwsErrors.translate("ssm:RegisterPatchBaselineForPatchGroup", e);
        }
    }

    /**
     * {@inheritDoc} GetPatchBaselineForPatchGroup answers the operating system's default for a group nobody
     * registered: an AWS-owned default comes as an ARN, and any other answer counts only when that baseline
     * lists the group among its own.
     */
    @Override
    public Optional<String> patchGroupBaseline(String patchGroup, String operatingSystem) {
        String holder = AwsErrors.call("ssm:GetPatchBaselineForPatchGroup", () -> ssm.get()
                .getPatchBaselineForPatchGroup(r -> r.patchGroup(patchGroup).operatingSystem(operatingSystem)).baselineId());
        if (holder == null || holder.isBlank() || holder.startsWith("arn:")) {
            return Optional.empty();
        }
        return getBaseline(holder).filter(b -> b.patchGroups().contains(patchGroup)).map(FoundBaseline::id);
    }

    @Override
    public void deregisterPatchGroup(String baselineId, String patchGroup) {
        try {
            ssm.get().deregisterPatchBaselineForPatchGroup(r -> r.baselineId(baselineId).patchGroup(patchGroup));
        } catch (DoesNotExistException e) {
            // already gone: the outcome asked for
        } catch (SdkException e) {
            throw AwsErrors.translate("ssm:DeregisterPatchBaselineForPatchGroup", e);
        }
    }

    @Override
    public String defaultBaseline(String operatingSystem) {
        return AwsErrors.call("ssm:GetDefaultPatchBaseline", () -> ssm.get()
                .getDefaultPatchBaseline(r -> r.operatingSystem(operatingSystem)).baselineId());
    }

    /** {@inheritDoc} A baseline's ARN ends with {@code patchbaseline/} and its id. */
    @Override
    public String idOf(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    @Override
    public void setDefaultBaseline(String baselineId) {
        AwsErrors.run("ssm:RegisterDefaultPatchBaseline", () -> ssm.get().registerDefaultPatchBaseline(r -> r.baselineId(baselineId)));
    }

    /** {@inheritDoc} EC2 instances get their EC2 tags (one DescribeInstances per 200); other managed nodes their SSM tags. */
    @Override
    public List<ManagedInstance> managedInstances() {
        List<InstanceInformation> info = new ArrayList<>();
        AwsErrors.run("ssm:DescribeInstanceInformation", () -> ssm.get()
                .describeInstanceInformationPaginator(r -> r.maxResults(INSTANCE_PAGE)).instanceInformationList().forEach(info::add));
        Map<String, ResourceRef> ec2Instances = new HashMap<>();
        List<String> ec2Ids = info.stream().map(InstanceInformation::instanceId).filter(id -> id.startsWith("i-")).toList();
        if (!ec2Ids.isEmpty()) {
            ec2.byIds(Ec2Type.INSTANCE, ec2Ids).forEach(ref -> ec2Instances.put(ref.id(), ref));
        }
        List<ManagedInstance> managed = new ArrayList<>();
        for (InstanceInformation i : info) {
            ResourceRef ref = ec2Instances.getOrDefault(i.instanceId(), managedNode(i));
            managed.add(new ManagedInstance(ref, i.platformTypeAsString(), i.platformName(), "Online".equals(i.pingStatusAsString()),
                    Optional.ofNullable(i.lastPingDateTime())));
        }
        return managed;
    }

    @Override
    public List<PatchState> patchStates(String patchGroup) {
        List<PatchState> states = new ArrayList<>();
        AwsErrors.run("ssm:DescribeInstancePatchStatesForPatchGroup", () -> ssm.get()
                .describeInstancePatchStatesForPatchGroupPaginator(r -> r.patchGroup(patchGroup).maxResults(STATE_PAGE))
                .instancePatchStates()
                .forEach(s -> states.add(new PatchState(s.instanceId(), s.patchGroup(), s.baselineId(), s.operationAsString(),
                        s.operationEndTime() == null ? Instant.EPOCH : s.operationEndTime(), count(s.installedCount()),
                        count(s.installedPendingRebootCount()), count(s.missingCount()), count(s.failedCount()),
                        count(s.criticalNonCompliantCount()), count(s.securityNonCompliantCount()), count(s.otherNonCompliantCount())))));
        return states;
    }

    @Override
    public String startScan(List<String> instanceIds, Rate maxConcurrency, Rate maxErrors) {
        return AwsErrors.call("ssm:SendCommand", () -> ssm.get().sendCommand(r -> r
                .documentName(RUN_PATCH_BASELINE).instanceIds(instanceIds)
                .parameters(Map.of("Operation", List.of("Scan")))
                .maxConcurrency(maxConcurrency.toString()).maxErrors(maxErrors.toString())
                .comment("cloudwarden: scan of instances overdue for one")).command().commandId());
    }

    /** A managed node outside EC2 (mi-…): its tags are SSM's. */
    private ResourceRef managedNode(InstanceInformation i) {
        Map<String, String> tags = new HashMap<>();
        if (!i.instanceId().startsWith("i-")) {
            AwsErrors.call("ssm:ListTagsForResource", () -> ssm.get()
                    .listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.MANAGED_INSTANCE).resourceId(i.instanceId())))
                    .tagList().forEach(t -> tags.put(t.key(), t.value()));
        }
        return new ResourceRef(CloudId.AWS, "", region, i.instanceId().startsWith("i-") ? Ec2Type.INSTANCE.type() : "ssm:managed-instance",
                i.instanceId(), i.computerName() == null ? "" : i.computerName(), Tags.of(tags));
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
