package dev.cloudwarden.core.firewall;

import static dev.cloudwarden.core.testing.AuditPolicies.revoke;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static dev.cloudwarden.core.testing.Firewalls.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule.Control;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit over groups that stand on each other's way (Azure's subnet and NIC NSGs) and over rules that are not the
 * customer's to change: what is exposed is judged across the groups, and what cannot be changed is reported, never
 * revoked.
 */
class FirewallAuditLayersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:15:30Z"), ZoneOffset.UTC);

    private static FirewallGroup subnetNsg() {
        return group("nsg-subnet").everyGroupAllows()
                .rules(rule("allow-ssh").priority(100).tcp(22).fromTag("Internet"),
                        rule("DenyAllInBound").priority(65500).deny().fromTag("*").control(Control.CLOUD_DEFAULT))
                .attachedTo("nic-open", "nsg-subnet").attachedTo("nic-closed", "nsg-subnet", "nsg-nic").build();
    }

    /** The NIC's NSG lets only its default rules decide: nothing from the internet gets past it. */
    private static FirewallGroup nicNsg() {
        return group("nsg-nic").everyGroupAllows()
                .rules(rule("DenyAllInBound").priority(65500).deny().fromTag("*").control(Control.CLOUD_DEFAULT)).build();
    }

    private RunReport run(InMemoryCloud cloud, RunRequest request) {
        return new FirewallAudit(cloud, revoke(), false, CLOCK).run(request);
    }

    @Test
    void anEventForOneNsg_readsTheNsgsOnItsWay_andNamesOnlyTheAttachmentThroughWhichTheInternetGetsIn() {
        InMemoryCloud cloud = InMemoryCloud.holding(subnetNsg(), nicNsg());

        RunReport report = run(cloud, RunRequest.single(Trigger.EVENT, "nsg-subnet", true));

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.title()).endsWith("through rule allow-ssh, at nic-open");
            assertThat(finding.evidence().get("attachments")).isEqualTo(List.of(
                    Map.of("target", "nic-open", "type", "network-interface", "path", List.of("nsg-subnet"))));
        });
        assertThat(cloud.calls(InMemoryCloud.FIND_GROUP)).isEqualTo(2); // the NSG of the event, then the NIC's on its way
    }

    @Test
    void aRuleTheCloudOwnsIsReported_neverRevoked_andCountsAgainstNoLimit() {
        InMemoryCloud cloud = InMemoryCloud.holding(group("nsg-legacy").everyGroupAllows()
                .rules(rule("AllowInternetSsh").priority(65010).tcp(22).fromTag("Internet").control(Control.CLOUD_DEFAULT)).build());

        RunReport report = run(cloud, RunRequest.sweep(Trigger.SCHEDULE, false));

        Finding finding = report.findings().getFirst();
        assertThat(finding.action().status()).isEqualTo(Status.SKIPPED);
        assertThat(finding.action().reason()).isEqualTo("kept: a default rule of the cloud, which cannot be changed");
        assertThat(finding.evidence()).extractingByKey("rule").asString().contains("control=cloud-default");
        assertThat(ruleIds(cloud.group("nsg-legacy"))).containsExactly("AllowInternetSsh");
        assertThat(cloud.calls(InMemoryCloud.REVOKE_INGRESS)).isZero();
        assertThat(report.status()).isEqualTo(RunReport.RunStatus.COMPLETE);
    }

    @Test
    void aSweepRevokesTheSubnetAllow_theOnlyRuleThroughWhichTheInternetGetsIn() {
        InMemoryCloud cloud = InMemoryCloud.holding(subnetNsg(), nicNsg());

        RunReport report = run(cloud, RunRequest.sweep(Trigger.SCHEDULE, false));

        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.action().status()).isEqualTo(Status.APPLIED));
        assertThat(ruleIds(cloud.group("nsg-subnet"))).containsExactly("DenyAllInBound");
        assertThat(cloud.calls(InMemoryCloud.FIND_GROUP)).as("every group on the way was listed").isZero();
    }
}
