package dev.cloudwarden.core.snapshots;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;

/** The snapshot lifecycle as one registration: its id, its policy section and how it is built. */
public final class SnapshotLifecycleModule implements OperationModule<SnapshotLifecyclePolicy> {
    private static final SectionReader<SnapshotLifecyclePolicy> READER = SectionReader.of(SnapshotLifecyclePolicyReader.SECTION, SnapshotLifecyclePolicy.class,
            (node, at, context) -> new SnapshotLifecyclePolicyReader(context.nodes(), context.names(), context.now()).read(node, at));

    @Override
    public String id() {
        return SnapshotLifecycle.OPERATION;
    }

    @Override
    public SectionReader<SnapshotLifecyclePolicy> reader() {
        return READER;
    }

    @Override
    public Operation create(SnapshotLifecyclePolicy section, boolean policyDryRun, CloudProvider provider, Clock clock) {
        return new SnapshotLifecycle(provider, section, policyDryRun, clock);
    }
}
