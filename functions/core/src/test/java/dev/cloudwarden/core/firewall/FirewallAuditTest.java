package dev.cloudwarden.core.firewall;

import static dev.cloudwarden.core.testing.AuditPolicies.audit;
import static dev.cloudwarden.core.testing.AuditPolicies.revoke;
import static dev.cloudwarden.core.testing.Firewalls.ACCOUNT;
import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static dev.cloudwarden.core.testing.Firewalls.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Protocol;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FirewallAuditTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:15:30Z"), ZoneOffset.UTC);
    private static final RunRequest SWEEP = RunRequest.sweep(Trigger.SCHEDULE, false);
    private static final RunRequest DRY_SWEEP = RunRequest.sweep(Trigger.SCHEDULE, true);
    private static final String WEB = "sg-web";
    private static final String DB = "sg-db";
    private static final String INTERNAL = "sg-internal";

    /** SSH open to the world, next to rules that must survive any remediation. */
    private static FirewallGroup web() {
        return group(WEB).named("web").rules(
                rule("sgr-ssh-open").tcp(22).from(ANYWHERE),
                rule("sgr-https").tcp(443).from(ANYWHERE),
                rule("sgr-ssh-office").tcp(22).from("203.0.113.0/24"),
                rule("sgr-out").egress().protocol("-1").from(ANYWHERE)).build();
    }

    /** RDP open to the world; PostgreSQL reachable from the web tier only. */
    private static FirewallGroup db() {
        return group(DB).rules(
                rule("sgr-rdp-open").tcp(3389).from(ANYWHERE),
                rule("sgr-postgres-from-web").tcp(5432).fromGroup(WEB)).build();
    }

    /** Nothing exposed. */
    private static FirewallGroup internal() {
        return group(INTERNAL).rules(rule("sgr-ssh-vpn").tcp(22).from("10.0.0.0/8")).build();
    }

    private final InMemoryCloud cloud = InMemoryCloud.holding(web(), db(), internal());

    private RunReport run(FirewallAuditPolicy policy, RunRequest request) {
        return new FirewallAudit(cloud, policy, false, CLOCK).run(request);
    }

    private static Finding findingOn(RunReport report, String groupId) {
        return report.findings().stream().filter(f -> f.resource().id().equals(groupId)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding on " + groupId + " in " + report.findings()));
    }

    private static List<Status> statuses(RunReport report) {
        return report.findings().stream().map(f -> f.action().status()).toList();
    }

    @Test
    void aDryRunChangesNothingAndShowsEachRevokeAsPlanned() {
        List<FirewallGroup> before = cloud.groups();

        RunReport report = run(revoke(), DRY_SWEEP);

        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.findings()).extracting(Finding::action).containsOnly(
                FindingAction.planned("revoke-ingress-rule", "dry-run: nothing is changed"));
        assertThat(report.findings()).hasSize(2);
        assertThat(cloud.apiCalls().byOperation()).doesNotContainKey(InMemoryCloud.REVOKE_INGRESS);
    }

    @Test
    void revokeRemovesExactlyTheOffendingRulesAndKeepsEveryOther() {
        RunReport report = run(revoke(), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(statuses(report)).containsOnly(Status.APPLIED).hasSize(2);
        assertThat(ruleIds(cloud.group(WEB))).containsExactly("sgr-https", "sgr-ssh-office", "sgr-out");
        assertThat(ruleIds(cloud.group(DB))).containsExactly("sgr-postgres-from-web");
        assertThat(cloud.group(INTERNAL)).isEqualTo(internal());
        assertThat(findingOn(report, WEB).action().reason()).isEqualTo("revoked rule sgr-ssh-open");
    }

    @Test
    void narrowGrantsTheSamePortsToTheNarrowToCidrsThenRemovesTheRule() {
        RunReport report = run(audit("remediation: {action: narrow, narrowTo: [198.51.100.0/24]}"), SWEEP);

        assertThat(findingOn(report, WEB).action()).isEqualTo(new FindingAction("narrow-ingress-rule", Status.APPLIED,
                "replaced rule sgr-ssh-open with access from [198.51.100.0/24]"));
        assertThat(ruleIds(cloud.group(WEB))).doesNotContain("sgr-ssh-open")
                .contains("sgr-https", "sgr-ssh-office", "sgr-out");
        assertThat(cloud.group(WEB).rules()).filteredOn(r -> r.sources().equals(List.of(Peer.Cidr.of("198.51.100.0/24"))))
                .singleElement().satisfies(narrowed -> {
                    assertThat(narrowed.direction()).isEqualTo(FirewallRule.Direction.INGRESS);
                    assertThat(narrowed.protocol()).isEqualTo(Protocol.TCP);
                    assertThat(narrowed.ports()).containsExactly(PortRange.single(22));
                });
        assertThat(run(revoke(), SWEEP).findings()).as("nothing left exposed").isEmpty();
    }

    @Test
    void narrowKeepsTheSourcesThatAreNotTheInternet() {
        cloud.put(group(WEB).rules(rule("allow-ssh").tcp(22).from(ANYWHERE).fromGroup("sg-bastion")).build());

        run(audit("remediation: {action: narrow, narrowTo: [198.51.100.0/24]}"), RunRequest.single(Trigger.EVENT, WEB, false));

        assertThat(cloud.group(WEB).rules()).flatExtracting(FirewallRule::sources)
                .contains(new Peer.Group("sg-bastion", ACCOUNT));
    }

    @Test
    void aReportOnlyPolicyPlansNothingAndChangesNothing() {
        List<FirewallGroup> before = cloud.groups();

        RunReport report = run(audit("remediation: {action: report}"), SWEEP);

        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.findings()).extracting(Finding::action).containsOnly(
                FindingAction.skipped(FindingAction.NONE, "policy remediation.action is report: finding only"));
        assertThat(report.actionsByStatus()).containsOnly(
                Map.entry(Status.PLANNED, 0), Map.entry(Status.APPLIED, 0), Map.entry(Status.SKIPPED, 0), Map.entry(Status.FAILED, 0));
    }

    @Test
    void aGroupExemptByIdIsReportedAsSkippedAndLeftAlone() {
        RunReport report = run(audit("""
                remediation: {action: revoke}
                exempt: {groupIds: [sg-web]}
                """), SWEEP);

        assertThat(cloud.group(WEB)).isEqualTo(web());
        assertThat(findingOn(report, WEB).action()).isEqualTo(
                FindingAction.skipped(FindingAction.NONE, "exempt: group id listed in securityGroupAudit.exempt.groupIds"));
        assertThat(findingOn(report, DB).action().status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void aGroupExemptByTagIsReportedAsSkippedAndLeftAlone() {
        FirewallGroup tagged = group(WEB).tag("cloudwarden", "exempt").rules(rule("sgr-ssh-open").tcp(22).from(ANYWHERE)).build();
        cloud.put(tagged);

        RunReport report = run(audit("""
                remediation: {action: revoke}
                exempt: {tags: {cloudwarden: exempt}}
                """), SWEEP);

        assertThat(cloud.group(WEB)).isEqualTo(tagged);
        assertThat(findingOn(report, WEB).action()).isEqualTo(
                FindingAction.skipped(FindingAction.NONE, "exempt: tag cloudwarden=exempt"));
    }

    @Test
    void anExemptTagWithValueStarMatchesAnyValue() {
        FirewallGroup tagged = group(WEB).tag("team", "platform").rules(rule("sgr-ssh-open").tcp(22).from(ANYWHERE)).build();
        cloud.put(tagged);

        RunReport report = run(audit("""
                remediation: {action: revoke}
                exempt: {tags: {team: "*"}}
                """), SWEEP);

        assertThat(cloud.group(WEB)).isEqualTo(tagged);
        assertThat(findingOn(report, WEB).action()).isEqualTo(FindingAction.skipped(FindingAction.NONE, "exempt: tag team=platform"));
    }

    @Test
    void aTagWithAnotherValueDoesNotExempt() {
        cloud.put(group(WEB).tag("cloudwarden", "audit").rules(rule("sgr-ssh-open").tcp(22).from(ANYWHERE)).build());

        RunReport report = run(audit("""
                remediation: {action: revoke}
                exempt: {tags: {cloudwarden: exempt}}
                """), SWEEP);

        assertThat(findingOn(report, WEB).action().status()).isEqualTo(Status.APPLIED);
        assertThat(ruleIds(cloud.group(WEB))).isEmpty();
    }

    @Test
    void morePlannedGroupsThanMaxGroupsRefusesTheWholePlan() {
        List<FirewallGroup> before = cloud.groups();

        RunReport report = run(audit("""
                remediation: {action: revoke}
                blastRadius: {maxChanges: 1}
                """), SWEEP);

        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue(
                "blast radius exceeded: the plan changes 2 groups, more than blastRadius.maxChanges 1; nothing was changed");
        assertThat(report.findings()).extracting(Finding::action)
                .containsOnly(FindingAction.skipped("revoke-ingress-rule", report.error().orElseThrow()));
        assertThat(cloud.apiCalls().byOperation()).doesNotContainKey(InMemoryCloud.REVOKE_INGRESS);
    }

    @Test
    void moreThanMaxPercentOfTheScannedGroupsRefusesTheWholePlan() {
        List<FirewallGroup> before = cloud.groups();

        RunReport report = run(audit("""
                remediation: {action: revoke}
                blastRadius: {maxPercent: 50}
                """), SWEEP);

        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue("blast radius exceeded: the plan changes 2 of 3 groups (66 %), "
                + "more than blastRadius.maxPercent 50 %; nothing was changed");
        assertThat(statuses(report)).containsOnly(Status.SKIPPED);
    }

    @Test
    void aPlanAtExactlyTheLimitsGoesAhead() {
        RunReport report = run(audit("""
                remediation: {action: revoke}
                blastRadius: {maxChanges: 2, maxPercent: 67}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(statuses(report)).containsOnly(Status.APPLIED);
    }

    @Test
    void maxPercentDoesNotApplyToAnEventRunOnOneGroup() {
        RunReport report = run(audit("""
                remediation: {action: revoke}
                blastRadius: {maxPercent: 10}
                """), RunRequest.single(Trigger.EVENT, WEB, false));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.scope()).isEqualTo(Scope.resources(List.of(WEB)));
        assertThat(report.resourcesScanned()).isEqualTo(1);
        assertThat(ruleIds(cloud.group(WEB))).doesNotContain("sgr-ssh-open");
        assertThat(cloud.group(DB)).as("an event run touches its target only").isEqualTo(db());
    }

    @ParameterizedTest
    @EnumSource(value = CloudException.Kind.class, names = {"THROTTLED", "ACCESS_DENIED"})
    void aFailedRevokeOfOneGroupFailsItsFindingAndTheOtherGroupsAreStillApplied(CloudException.Kind kind) {
        CloudException failure = cloud.failNext(InMemoryCloud.REVOKE_INGRESS, kind);

        RunReport report = run(revoke(), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("1 of 2 actions failed; each failed finding says why, the others were applied");
        assertThat(findingOn(report, WEB).action().status()).isEqualTo(Status.FAILED);
        assertThat(findingOn(report, WEB).action().reason()).startsWith("mem:RevokeIngress failed: " + kind.name().toLowerCase(Locale.ROOT)
                + " (" + failure.nativeCode() + ", request id " + failure.requestId() + ")");
        assertThat(cloud.group(WEB)).isEqualTo(web());
        assertThat(findingOn(report, DB).action().status()).isEqualTo(Status.APPLIED);
        assertThat(ruleIds(cloud.group(DB))).containsExactly("sgr-postgres-from-web");
    }

    @Test
    void aDiscoveryFailureFailsTheRunAndChangesNothing() {
        List<FirewallGroup> before = cloud.groups();
        cloud.failNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.ACCESS_DENIED);

        RunReport report = run(revoke(), SWEEP);

        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.error().orElseThrow())
                .startsWith("discovery failed, nothing was evaluated or changed: mem:ListGroups failed: ACCESS_DENIED");
        assertThat(report.findings()).isEmpty();
        assertThat(report.resourcesScanned()).isZero();
    }

    @Test
    void aSecondRunAfterARevokeFindsNothing() {
        run(revoke(), SWEEP);
        List<FirewallGroup> afterFirstRun = cloud.groups();

        RunReport second = run(revoke(), SWEEP);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(second.findings()).isEmpty();
        assertThat(cloud.groups()).isEqualTo(afterFirstRun);
    }

    @Test
    void aRuleRemovedBetweenDiscoveryAndRevokeIsReportedSkipped() {
        cloud.beforeNext(InMemoryCloud.REVOKE_INGRESS, () -> cloud.put(group(WEB).rules(rule("sgr-https").tcp(443).from(ANYWHERE)).build()));

        RunReport report = run(revoke(), RunRequest.single(Trigger.EVENT, WEB, false));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(findingOn(report, WEB).action()).isEqualTo(FindingAction.skipped("revoke-ingress-rule",
                "rule sgr-ssh-open no longer exists (revoked earlier or by someone else)"));
        assertThat(ruleIds(cloud.group(WEB))).containsExactly("sgr-https");
    }

    @Test
    void anEventRunOnAGroupThatNoLongerExistsFindsNothingAndCompletes() {
        RunReport report = run(revoke(), RunRequest.single(Trigger.EVENT, "sg-deleted", false));

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.findings()).isEmpty();
        assertThat(report.resourcesScanned()).isZero();
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.FIND_GROUP, 1L));
    }

    @Test
    void aPolicyWithDryRunForcesADryRunWhateverTheRequestSays() {
        List<FirewallGroup> before = cloud.groups();

        RunReport report = new FirewallAudit(cloud, revoke(), true, CLOCK).run(SWEEP);

        assertThat(report.dryRun()).isTrue();
        assertThat(cloud.groups()).isEqualTo(before);
        assertThat(statuses(report)).containsOnly(Status.PLANNED);
    }

    @Test
    void findingIdsAreStableAcrossRunsAndDistinctPerRule() {
        List<String> first = run(revoke(), DRY_SWEEP).findings().stream().map(Finding::id).toList();
        List<String> second = run(revoke(), DRY_SWEEP).findings().stream().map(Finding::id).toList();

        assertThat(second).isEqualTo(first).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void theReportCountsExactlyTheCallsTheCloudSawDuringTheRun() {
        RunReport first = run(revoke(), SWEEP);
        ApiCalls afterFirst = cloud.apiCalls();
        RunReport second = run(revoke(), SWEEP);

        assertThat(first.apiCalls()).isEqualTo(afterFirst);
        assertThat(first.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_GROUPS, 1L, InMemoryCloud.REVOKE_INGRESS, 2L));
        assertThat(second.apiCalls()).isEqualTo(cloud.apiCalls().since(afterFirst));
        assertThat(second.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_GROUPS, 1L));
    }

    @Test
    void theReportNamesTheCloudAccountAndRegionScanned() {
        RunReport report = run(revoke(), DRY_SWEEP);

        assertThat(report.cloud()).isEqualTo(cloud.cloud());
        assertThat(report.region()).isEqualTo(cloud.region());
        assertThat(report.account()).isEqualTo(ACCOUNT);
        assertThat(report.resourcesScanned()).isEqualTo(3);
        assertThat(report.startedAt()).isEqualTo(CLOCK.instant());
    }

    // ---- address sets (AWS managed prefix lists) -----------------------------------------------------------------

    private static final String OFFICE_LIST = "pl-0123456789abcdef0";

    /** A prefix list that someone let 0.0.0.0/0 into, beside the office's own block. */
    private static Peer.AddressSet officeList(String... entries) {
        return Firewalls.addressSet(OFFICE_LIST, "office", entries);
    }

    /** SSH from the office list; a second group reaches HTTPS through the same list. */
    private InMemoryCloud sharingTheOfficeList(Peer.AddressSet list) {
        InMemoryCloud memory = InMemoryCloud.holding(
                group(WEB).named("web").rules(
                        rule("ingress:tcp:22:22:" + OFFICE_LIST).tcp(22).fromAddressSet(OFFICE_LIST, ""),
                        rule("sgr-ssh-office").tcp(22).from("203.0.113.0/24")).build(),
                group(DB).rules(rule("ingress:tcp:443:443:" + OFFICE_LIST).tcp(443).fromAddressSet(OFFICE_LIST, "")).build());
        memory.putAddressSet(list);
        return memory;
    }

    @Test
    void aRuleFromAPrefixListWithAPublicEntry_isAFinding_whoseEvidenceNamesTheListAndTheEntry() {
        InMemoryCloud memory = sharingTheOfficeList(officeList("203.0.113.0/24", ANYWHERE));

        RunReport report = new FirewallAudit(memory, audit(""), false, CLOCK).run(SWEEP);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.resource().id()).isEqualTo(WEB);
            assertThat(finding.title()).isEqualTo("sg-web (web) lets the internet reach ssh (22) through rule ingress:tcp:22:22:"
                    + OFFICE_LIST + ", whose address set " + OFFICE_LIST + " (office) includes 0.0.0.0/0");
            assertThat(finding.evidence()).containsEntry("internetSources", List.of(OFFICE_LIST));
            assertThat(finding.evidence()).containsEntry("addressSets", List.of(Map.of(
                    "id", OFFICE_LIST, "name", "office", "publicEntries", List.of(ANYWHERE), "entries", 2)));
        });
    }

    @Test
    void revoke_removesThatGroupsReferenceToTheList_theListAndTheOtherGroupsReferenceStay() {
        Peer.AddressSet list = officeList("203.0.113.0/24", ANYWHERE);
        InMemoryCloud memory = sharingTheOfficeList(list);
        FirewallGroup otherBefore = memory.group(DB);

        RunReport report = new FirewallAudit(memory, revoke(), false, CLOCK).run(SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(findingOn(report, WEB).action()).isEqualTo(new FindingAction("revoke-ingress-rule", Status.APPLIED,
                "revoked rule ingress:tcp:22:22:" + OFFICE_LIST));
        assertThat(ruleIds(memory.group(WEB))).containsExactly("sgr-ssh-office");
        assertThat(memory.group(DB)).isEqualTo(otherBefore);
        assertThat(memory.addressSet(OFFICE_LIST)).isEqualTo(list);
    }

    @Test
    void narrow_grantsNarrowToAndRemovesTheReferenceToTheList() {
        InMemoryCloud memory = sharingTheOfficeList(officeList(ANYWHERE));

        new FirewallAudit(memory, audit("remediation: {action: narrow, narrowTo: [198.51.100.0/24]}"), false, CLOCK).run(SWEEP);

        assertThat(memory.group(WEB).rules()).extracting(FirewallRule::sources).containsExactlyInAnyOrder(
                List.of(Peer.Cidr.of("203.0.113.0/24")), List.of(Peer.Cidr.of("198.51.100.0/24")));
        assertThat(memory.addressSet(OFFICE_LIST)).isEqualTo(officeList(ANYWHERE));
    }

    @Test
    void aListIsJudgedAsItIsAtEachRun_notAsItWasWhenTheRuleWasWritten() {
        InMemoryCloud memory = sharingTheOfficeList(officeList("203.0.113.0/24"));
        assertThat(new FirewallAudit(memory, revoke(), false, CLOCK).run(SWEEP).findings()).isEmpty();

        memory.putAddressSet(officeList("203.0.113.0/24", "0.0.0.0/1"));

        RunReport later = new FirewallAudit(memory, revoke(), false, CLOCK).run(SWEEP);
        assertThat(later.findings()).singleElement().satisfies(f -> assertThat(f.evidence().get("addressSets"))
                .isEqualTo(List.of(Map.of("id", OFFICE_LIST, "name", "office", "publicEntries", List.of("0.0.0.0/1"), "entries", 2))));
    }

    @Test
    void aListThatCannotBeRead_failsTheRun_andChangesNothing() {
        InMemoryCloud memory = InMemoryCloud.holding(web(),
                group(DB).rules(rule("sgr-ssh-list").tcp(22).fromAddressSet("pl-0000000000000dead", "")).build());
        List<FirewallGroup> before = memory.groups();

        RunReport report = new FirewallAudit(memory, revoke(), false, CLOCK).run(SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.error().orElseThrow()).startsWith("discovery failed, nothing was evaluated or changed: mem:ListGroups failed: NOT_FOUND")
                .contains("pl-0000000000000dead");
        assertThat(memory.groups()).isEqualTo(before);
    }

    @Test
    void publicCidrsNamingAList_countsItsEntriesAsTheInternet_readOncePerRun() {
        cloud.putAddressSet(Firewalls.addressSet("pl-63a5400a", "partners", "203.0.113.0/24", "198.51.100.0/24"));
        cloud.putAddressSet(Firewalls.addressSet(OFFICE_LIST, "office", "192.0.2.0/24"));

        RunReport report = run(audit("publicCidrs: [pl-63a5400a, " + OFFICE_LIST + ", pl-63a5400a]"), DRY_SWEEP);

        assertThat(report.findings()).extracting(f -> (Object) ((Map<?, ?>) f.evidence().get("rule")).get("id"))
                .containsExactlyInAnyOrder("sgr-ssh-open", "sgr-rdp-open", "sgr-ssh-office");
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.ADDRESS_SET_ENTRIES, 2L, InMemoryCloud.LIST_GROUPS, 1L));
    }

    @Test
    void publicCidrsNamingAListThatCannotBeRead_failsTheRunBeforeAnyGroupIsRead() {
        RunReport report = run(audit("{publicCidrs: [" + OFFICE_LIST + "], remediation: {action: revoke}}"), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.error().orElseThrow()).startsWith(
                "discovery failed, nothing was evaluated or changed: mem:AddressSetEntries failed: NOT_FOUND").contains(OFFICE_LIST);
        assertThat(report.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.ADDRESS_SET_ENTRIES, 1L));
        assertThat(cloud.group(WEB)).isEqualTo(web());
    }

    @Test
    void narrowToOverlappingAListThePolicyNamesPublic_failsTheRunBeforeAnythingChanges() {
        cloud.putAddressSet(Firewalls.addressSet(OFFICE_LIST, "partners", "198.51.100.0/24"));

        RunReport report = run(audit("""
                publicCidrs: [pl-0123456789abcdef0]
                remediation: {action: narrow, narrowTo: [198.51.100.128/25]}
                """), SWEEP);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.error()).hasValue("policy: remediation.narrowTo 198.51.100.128/25 overlaps an entry of the address sets "
                + "publicCidrs names (" + OFFICE_LIST + "): narrowing to it would keep rules open to the internet; nothing was evaluated or changed");
        assertThat(cloud.apiCalls().byOperation()).doesNotContainKeys(InMemoryCloud.LIST_GROUPS, InMemoryCloud.NARROW_INGRESS);
        assertThat(cloud.group(WEB)).isEqualTo(web());
    }
}
