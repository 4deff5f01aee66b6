package dev.cloudwarden.core.tags;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;

/** The tag compliance as one registration: its id, its policy section and how it is built. */
public final class TagComplianceModule implements OperationModule<TagCompliancePolicy> {
    private static final SectionReader<TagCompliancePolicy> READER = SectionReader.of(TagCompliancePolicyReader.SECTION, TagCompliancePolicy.class,
            (node, at, context) -> new TagCompliancePolicyReader(context.nodes(), context.names()).read(node, at));

    @Override
    public String id() {
        return TagCompliance.OPERATION;
    }

    @Override
    public SectionReader<TagCompliancePolicy> reader() {
        return READER;
    }

    @Override
    public Operation create(TagCompliancePolicy section, boolean policyDryRun, CloudProvider provider, Clock clock) {
        return new TagCompliance(provider, section, policyDryRun, clock);
    }
}
