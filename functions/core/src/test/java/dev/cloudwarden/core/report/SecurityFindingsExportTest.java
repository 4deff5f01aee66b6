package dev.cloudwarden.core.report;

import static dev.cloudwarden.core.testing.AuditPolicies.audit;
import static dev.cloudwarden.core.testing.AuditPolicies.revoke;
import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.FindingImportResult;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.SecurityFinding;
import dev.cloudwarden.api.SecurityFinding.Category;
import dev.cloudwarden.api.SecurityFinding.Compliance;
import dev.cloudwarden.api.SecurityFinding.State;
import dev.cloudwarden.api.SecurityFindingsOps;
import dev.cloudwarden.api.Tags;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a run's report becomes in a security findings service, over a fake service that keeps what it is given:
 * one exported finding per report finding, and, for sweeps only, the archival of what is no longer found.
 */
class SecurityFindingsExportTest {
    private static final Instant FIRST = Instant.parse("2026-06-02T10:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-06-02T11:00:00Z");
    private static final String PREFIX = "cloudwarden/123456789012/eu-west-1/security-group-audit/";
    private static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);

    private final FakeSecurityHub hub = new FakeSecurityHub();
    private final SecurityFindingsExport export = new SecurityFindingsExport(hub);

    /** SSH open on a tagged web group, RDP open on a database group. */
    private static InMemoryCloud estate() {
        return InMemoryCloud.holding(
                group("sg-web").named("web").tag("env", "prod").rules(rule("sgr-ssh").tcp(22).from(ANYWHERE)).build(),
                group("sg-db").rules(rule("sgr-rdp").tcp(3389).from(ANYWHERE)).build());
    }

    private static RunReport run(InMemoryCloud cloud, FirewallAuditPolicy policy, RunRequest request, Instant at) {
        return new FirewallAudit(cloud, policy, false, Clock.fixed(at, ZoneOffset.UTC)).run(request);
    }

    @Test
    void aDryRunSweep_exportsEachFinding_failingCompliance_underIdsUniquePerAccountAndRegion() {
        RunReport report = run(estate(), revoke(), RunRequest.sweep(Trigger.SCHEDULE, true), FIRST);

        SecurityFindingsExport.Result result = export.export(report);

        assertThat(result.complete()).isTrue();
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.archived()).isZero();
        Finding ssh = report.findings().stream().filter(f -> f.resource().id().equals("sg-web")).findFirst().orElseThrow();
        assertThat(hub.held).containsOnlyKeys(PREFIX + ssh.id(), PREFIX + report.findings().get(1).id());
        SecurityFinding exported = hub.held.get(PREFIX + ssh.id());
        assertThat(exported.generator()).isEqualTo("cloudwarden/firewall.ingress-open-to-internet");
        assertThat(exported.severity()).isEqualTo(SecurityFinding.Severity.HIGH);
        assertThat(exported.category()).isEqualTo(Category.NETWORK_REACHABILITY);
        assertThat(exported.title()).isEqualTo(ssh.title());
        assertThat(exported.description()).startsWith(ssh.title() + ". Check firewall.ingress-open-to-internet, severity high. "
                + "Action revoke-ingress-rule: planned (dry-run: nothing is changed). Evidence: {\"rule\":{\"id\":\"sgr-ssh\"");
        assertThat(exported.resource()).isEqualTo(ssh.resource());
        assertThat(exported.createdAt()).isEqualTo(FIRST);
        assertThat(exported.updatedAt()).isEqualTo(FIRST);
        assertThat(exported.compliance()).isEqualTo(Compliance.FAILED);
        assertThat(exported.state()).isEqualTo(State.ACTIVE);
        assertThat(exported.properties()).containsEntry("cloudwarden/operation", "security-group-audit")
                .containsEntry("cloudwarden/check", "firewall.ingress-open-to-internet")
                .containsEntry("cloudwarden/findingId", ssh.id())
                .containsEntry("cloudwarden/runId", report.runId())
                .containsEntry("cloudwarden/trigger", "schedule")
                .containsEntry("cloudwarden/dryRun", "true")
                .containsEntry("cloudwarden/action/kind", "revoke-ingress-rule")
                .containsEntry("cloudwarden/action/status", "planned");
        assertThat(hub.held.values()).extracting(SecurityFinding::severity)
                .containsExactlyInAnyOrder(SecurityFinding.Severity.HIGH, SecurityFinding.Severity.CRITICAL);
    }

    @Test
    void aFindingWhoseFixWasApplied_passes_andOneOnlyReported_fails() {
        SecurityFindingsExport.Result applied = export.export(run(estate(), revoke(), SWEEP, FIRST));
        assertThat(applied.imported()).isEqualTo(2);
        assertThat(hub.held.values()).allSatisfy(f -> {
            assertThat(f.compliance()).isEqualTo(Compliance.PASSED);
            assertThat(f.properties()).containsEntry("cloudwarden/action/status", "applied");
        });

        hub.held.clear();
        export.export(run(estate(), audit(""), SWEEP, FIRST));
        assertThat(hub.held.values()).allSatisfy(f -> {
            assertThat(f.compliance()).isEqualTo(Compliance.FAILED);
            assertThat(f.properties()).containsEntry("cloudwarden/action/kind", "none");
            assertThat(f.description()).contains(". No action (policy remediation.action is report: finding only). Evidence: ");
        });
    }

    @Test
    void aLaterSweep_archivesWhatItNoLongerFinds_andKeepsWhenTheOthersWereFirstSeen() {
        InMemoryCloud cloud = estate();
        RunReport first = run(cloud, audit(""), SWEEP, FIRST);
        export.export(first);
        String dbId = PREFIX + first.findings().stream().filter(f -> f.resource().id().equals("sg-db")).findFirst().orElseThrow().id();
        String webId = PREFIX + first.findings().stream().filter(f -> f.resource().id().equals("sg-web")).findFirst().orElseThrow().id();
        cloud.put(group("sg-db").build()); // someone removed the RDP rule

        RunReport second = run(cloud, audit(""), SWEEP, SECOND);
        SecurityFindingsExport.Result result = export.export(second);

        assertThat(result.complete()).isTrue();
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.archived()).isEqualTo(1);
        SecurityFinding gone = hub.held.get(dbId);
        assertThat(gone.state()).isEqualTo(State.ARCHIVED);
        assertThat(gone.compliance()).isEqualTo(Compliance.PASSED);
        assertThat(gone.createdAt()).isEqualTo(FIRST);
        assertThat(gone.updatedAt()).isEqualTo(SECOND);
        assertThat(gone.title()).isEqualTo(first.findings().stream().filter(f -> f.resource().id().equals("sg-db"))
                .findFirst().orElseThrow().title());
        assertThat(gone.properties()).containsEntry("cloudwarden/archivedBy", second.runId())
                .containsEntry("cloudwarden/runId", first.runId());
        SecurityFinding still = hub.held.get(webId);
        assertThat(still.state()).isEqualTo(State.ACTIVE);
        assertThat(still.createdAt()).as("first seen by the first sweep").isEqualTo(FIRST);
        assertThat(still.updatedAt()).isEqualTo(SECOND);
        assertThat(still.properties()).containsEntry("cloudwarden/runId", second.runId());
        assertThat(hub.imports).as("one import, the archival with the findings").hasSize(2);
    }

    @Test
    void anEventRun_neverArchives_andNeverLists() {
        InMemoryCloud cloud = estate();
        export.export(run(cloud, audit(""), SWEEP, FIRST));
        cloud.put(group("sg-db").build());
        hub.listings = 0;

        SecurityFindingsExport.Result result = export.export(run(cloud, audit(""),
                RunRequest.single(Trigger.EVENT, "sg-db", false), SECOND));

        assertThat(result.complete()).isTrue();
        assertThat(result.imported()).isZero();
        assertThat(result.archived()).isZero();
        assertThat(hub.held.values()).hasSize(2).allSatisfy(f -> assertThat(f.state()).isEqualTo(State.ACTIVE));
        assertThat(hub.listings).isZero();
        assertThat(hub.imports).as("an event run that finds nothing imports nothing").hasSize(1);
    }

    @Test
    void aSweepWhoseDiscoveryFailed_archivesNothing() {
        InMemoryCloud cloud = estate();
        export.export(run(cloud, audit(""), SWEEP, FIRST));
        cloud.failNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.ACCESS_DENIED);

        RunReport failed = run(cloud, audit(""), SWEEP, SECOND);
        SecurityFindingsExport.Result result = export.export(failed);

        assertThat(failed.status()).isEqualTo(RunReport.RunStatus.FAILED);
        assertThat(result.archived()).isZero();
        assertThat(hub.held.values()).hasSize(2).allSatisfy(f -> assertThat(f.state()).isEqualTo(State.ACTIVE));
    }

    @Test
    void aFindingFiledSinceTheSweepStarted_isNotArchived_norAreOtherOperationsOrAccounts() {
        hub.held.put(PREFIX + "filed-by-an-event", held(PREFIX + "filed-by-an-event", SECOND));
        String tags = "cloudwarden/123456789012/eu-west-1/tag-compliance/x";
        hub.held.put(tags, held(tags, FIRST));
        String otherRegion = "cloudwarden/123456789012/us-east-1/security-group-audit/y";
        hub.held.put(otherRegion, held(otherRegion, FIRST));

        SecurityFindingsExport.Result result = export.export(run(InMemoryCloud.holding(), audit(""), SWEEP, SECOND));

        assertThat(result.archived()).isZero();
        assertThat(hub.held.values()).allSatisfy(f -> assertThat(f.state()).isEqualTo(State.ACTIVE));
    }

    @Test
    void findingsTheServiceRefuses_areReturnedWithTheReason_andTheOthersCount() {
        RunReport report = run(estate(), audit(""), SWEEP, FIRST);
        String refused = PREFIX + report.findings().getFirst().id();
        hub.refuse.add(refused);

        SecurityFindingsExport.Result result = export.export(report);

        assertThat(result.complete()).isFalse();
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.failed()).containsOnlyKeys(refused);
        assertThat(result.failed().get(refused).nativeCode()).isEqualTo("InvalidInput");
        assertThat(result.summary()).startsWith("1 imported, 0 archived, 1 failed; " + refused + ": ")
                .contains("InvalidInput");
    }

    @Test
    void aListingThatFails_archivesNothing_butTheFindingsAreStillImported() {
        hub.listingFailure = new CloudException(CloudException.Kind.THROTTLED, "fake:List", "Throttling", "r-1", "slow down", null);

        SecurityFindingsExport.Result result = export.export(run(estate(), audit(""), SWEEP, FIRST));

        assertThat(result.complete()).isFalse();
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.failed()).isEmpty();
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("none was archived").contains("slow down"));
    }

    @Test
    void aServiceThatCannotBeUsed_failsEveryFinding_withOneError() {
        hub.accountFailure = new CloudException(CloudException.Kind.ACCESS_DENIED, "fake:Describe", "InvalidAccessException", "",
                "not subscribed", null);

        SecurityFindingsExport.Result result = export.export(run(estate(), audit(""), SWEEP, FIRST));

        assertThat(result.imported()).isZero();
        assertThat(result.failed()).hasSize(2);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("not subscribed"));
        assertThat(hub.imports).isEmpty();
    }

    @Test
    void everySeverityHasItsLabel_andChecksTheirCategory() {
        for (Severity s : Severity.values()) {
            assertThat(SecurityFindingsExport.severity(s).name()).isEqualTo(s.name());
        }
        assertThat(SecurityFindingsExport.category("firewall.ingress-open-to-internet")).isEqualTo(Category.NETWORK_REACHABILITY);
        assertThat(SecurityFindingsExport.category("patches.instance-missing-patches")).isEqualTo(Category.VULNERABILITY);
        assertThat(SecurityFindingsExport.category("tags.missing-required-tag")).isEqualTo(Category.CONFIGURATION);
    }

    private static SecurityFinding held(String id, Instant updated) {
        return new SecurityFinding(id, "cloudwarden/firewall.ingress-open-to-internet", SecurityFinding.Severity.HIGH,
                Category.NETWORK_REACHABILITY, "held", "", new ResourceRef(CloudId.AWS, Firewalls.ACCOUNT, Firewalls.REGION,
                "security-group", "sg-x", "", Tags.NONE), FIRST, updated, Compliance.FAILED, State.ACTIVE, Map.of());
    }

    /** Keeps what it is given by id, as the service does; refuses the ids it is told to, or fails as a whole. */
    private static final class FakeSecurityHub implements SecurityFindingsOps {
        final Map<String, SecurityFinding> held = new LinkedHashMap<>();
        final List<List<SecurityFinding>> imports = new ArrayList<>();
        final Set<String> refuse = new HashSet<>();
        CloudException accountFailure;
        CloudException listingFailure;
        int listings;

        @Override
        public String account() {
            if (accountFailure != null) {
                throw accountFailure;
            }
            return Firewalls.ACCOUNT;
        }

        @Override
        public FindingImportResult importFindings(List<SecurityFinding> findings) {
            imports.add(List.copyOf(findings));
            Map<String, CloudException> failed = new LinkedHashMap<>();
            for (SecurityFinding f : findings) {
                if (refuse.contains(f.id())) {
                    failed.put(f.id(), new CloudException(CloudException.Kind.INVALID, "fake:Import", "InvalidInput", "r-2",
                            "refused", null));
                } else {
                    held.put(f.id(), f);
                }
            }
            return new FindingImportResult(findings.size() - failed.size(), failed);
        }

        @Override
        public List<SecurityFinding> activeFindings(String idPrefix) {
            listings++;
            if (listingFailure != null) {
                throw listingFailure;
            }
            return held.values().stream().filter(f -> f.state() == State.ACTIVE && f.id().startsWith(idPrefix)).toList();
        }
    }
}
