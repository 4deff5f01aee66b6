package dev.cloudwarden.core.patches;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;

/** The patch baselines as one registration: its id, its policy section and how it is built. */
public final class PatchBaselinesModule implements OperationModule<PatchBaselinesPolicy> {
    private static final SectionReader<PatchBaselinesPolicy> READER = SectionReader.of(PatchBaselinesPolicyReader.SECTION, PatchBaselinesPolicy.class,
            (node, at, context) -> new PatchBaselinesPolicyReader(context.nodes(), context.names(), context.now()).read(node, at));

    @Override
    public String id() {
        return PatchBaselines.OPERATION;
    }

    @Override
    public SectionReader<PatchBaselinesPolicy> reader() {
        return READER;
    }

    @Override
    public Operation create(PatchBaselinesPolicy section, boolean policyDryRun, CloudProvider provider, Clock clock) {
        return new PatchBaselines(provider, section, policyDryRun, clock);
    }
}
