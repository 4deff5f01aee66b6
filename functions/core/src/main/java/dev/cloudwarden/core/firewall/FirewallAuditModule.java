package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.policy.SectionReader;
import java.time.Clock;

/** The security-group audit as one registration: its id, its policy section and how it is built. */
public final class FirewallAuditModule implements OperationModule<FirewallAuditPolicy> {
    private static final SectionReader<FirewallAuditPolicy> READER = SectionReader.of(FirewallAuditPolicyReader.SECTION, FirewallAuditPolicy.class,
            (node, at, context) -> new FirewallAuditPolicyReader(context.nodes()).read(node, at));

    @Override
    public String id() {
        return FirewallAudit.OPERATION;
    }

    @Override
    public SectionReader<FirewallAuditPolicy> reader() {
        return READER;
    }

    @Override
    public Operation create(FirewallAuditPolicy section, boolean policyDryRun, CloudProvider provider, Clock clock) {
        return new FirewallAudit(provider, section, policyDryRun, clock);
    }
}
