package dev.cloudwarden.core.testing;

import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import dev.cloudwarden.core.catalog.PolicyLoader;

/**
 * Security-group audit policies for tests, written as the {@code securityGroupAudit} section of a policy
 * file, so a test's policy reads like the one an operator deploys: {@code audit("remediation: {action: revoke}")}.
 * Sensitive ports and everything left out take the loader's defaults (ssh 22 high, rdp 3389 critical …).
 */
public final class AuditPolicies {
    private AuditPolicies() {
    }

    public static FirewallAuditPolicy audit(String securityGroupAuditYaml) {
        String section = securityGroupAuditYaml.isBlank() ? " {}\n" : "\n" + securityGroupAuditYaml.indent(2);
        return PolicyLoader.parse("version: 1\ncloud: aws\nsecurityGroupAudit:" + section, "test policy").section(FirewallAuditPolicy.class).orElseThrow();
    }

    public static FirewallAuditPolicy revoke() {
        return audit("remediation: {action: revoke}");
    }
}
