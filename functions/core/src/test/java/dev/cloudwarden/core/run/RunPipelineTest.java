package dev.cloudwarden.core.run;

import static dev.cloudwarden.core.testing.TagPolicies.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.report.RunReport.Trigger;
import dev.cloudwarden.core.report.Severity;
import dev.cloudwarden.core.testing.Firewalls;
import dev.cloudwarden.core.testing.InMemoryCloud;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The closing every operation shares, over made-up findings: what a dry-run, a plan with nothing to do, a refused plan
 * and an applied one report, and that only an applied one calls the applier.
 */
class RunPipelineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:15:30Z"), ZoneOffset.UTC);
    private static final Instant DEADLINE = Instant.parse("2026-06-02T10:29:30Z");
    private static final String ADD = "add-tag";
    private static final String DELETE = "delete-snapshot";
    private static final String REFUSAL = "blast radius exceeded: the plan changes 2 resources, more than blastRadius.maxChanges 1; "
            + "nothing was changed";

    /** Planned: add a tag to i-1 (saying what it would add), delete a snapshot of i-2 (saying nothing); i-3 is reported only. */
    private static final Finding ADD_OWNER = finding("f-1", instance("i-1"), FindingAction.planned(ADD, "add owner=platform"));
    private static final Finding DELETE_OLD = finding("f-2", instance("i-2"), FindingAction.planned(DELETE, ""));
    private static final Finding EXEMPT = finding("f-3", instance("i-3"), FindingAction.skipped(FindingAction.NONE, "exempt: tag keep=yes"));
    private static final List<Finding> PLANNED = List.of(ADD_OWNER, DELETE_OLD, EXEMPT);
    private static final List<String> ACTIONS = List.of("add owner to i-1", "delete the snapshot of i-2");

    /** What the applier may answer. */
    private static final FindingAction APPLIED_ADD = new FindingAction(ADD, Status.APPLIED, "add owner=platform");
    private static final FindingAction FAILED_ADD = new FindingAction(ADD, Status.FAILED, "mem:AddTags failed: THROTTLED");
    private static final FindingAction APPLIED_DELETE = new FindingAction(DELETE, Status.APPLIED, "deleted snap-1");
    private static final FindingAction FAILED_DELETE = new FindingAction(DELETE, Status.FAILED, "mem:DeleteSnapshot failed: INVALID");
    private static final FindingAction GONE = FindingAction.skipped(DELETE, "snap-1 was already gone");


    private final InMemoryCloud cloud = InMemoryCloud.holding();
    private final List<String> applied = new ArrayList<>();

    @Test
    void aDryRunAppliesNothing_andEachPlannedFindingSaysSoAndWhatItWouldDo() {
        RunReport report = pipeline(true).carryOut(PLANNED, ACTIONS, Verdict.GO_AHEAD, applying(outcomes(APPLIED_ADD, APPLIED_DELETE)));

        assertThat(applied).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.error()).isEmpty();
        assertThat(actions(report)).containsExactly(
                FindingAction.planned(ADD, "dry-run: nothing is changed; would add owner=platform"),
                FindingAction.planned(DELETE, "dry-run: nothing is changed"),
                EXEMPT.action());
        assertThat(report.resourcesScanned()).isEqualTo(3);
        assertThat(report.account()).isEqualTo(Firewalls.ACCOUNT);
    }

    @Test
    void aDryRunShowsTheRefusalTheRealRunWouldMeet_inEveryPlannedFinding() {
        RunReport report = pipeline(true).carryOut(PLANNED, ACTIONS, new Verdict.Refused(REFUSAL), applying(List.of()));

        assertThat(applied).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.error()).isEmpty();
        assertThat(actions(report)).containsExactly(
                FindingAction.planned(ADD, "dry-run: the real run would be refused: " + REFUSAL + "; would add owner=platform"),
                FindingAction.planned(DELETE, "dry-run: the real run would be refused: " + REFUSAL),
                EXEMPT.action());
    }

    @Test
    void aDryRunShowsWithheldActions_onlyInTheFindingsOfTheirKind() {
        RunReport report = pipeline(true).carryOut(PLANNED, ACTIONS, withheldDeletions(), applying(List.of()));

        assertThat(applied).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(actions(report)).containsExactly(
                FindingAction.planned(ADD, "dry-run: nothing is changed; would add owner=platform"),
                FindingAction.planned(DELETE, "dry-run: the real run would refuse the deletions: " + REFUSAL),
                EXEMPT.action());
    }

    @Test
    void aPlanWithNothingToDo_completesWithItsFindingsAsTheyAre_andAppliesNothing() {
        RunReport report = pipeline(false).carryOut(List.of(EXEMPT), List.of(), Verdict.GO_AHEAD, applying(List.of()));

        assertThat(applied).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.error()).isEmpty();
        assertThat(report.findings()).containsExactly(EXEMPT);
    }

    @Test
    void aRefusedPlanAppliesNothing_andEachPlannedFindingIsSkippedWithTheRefusal() {
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, new Verdict.Refused(REFUSAL), applying(List.of()));

        assertThat(applied).isEmpty();
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue(REFUSAL);
        assertThat(actions(report)).containsExactly(
                FindingAction.skipped(ADD, REFUSAL), FindingAction.skipped(DELETE, REFUSAL), EXEMPT.action());
    }

    @Test
    void aPlanCarriedOutInFull_completes_withTheApplierOutcomes() {
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, Verdict.GO_AHEAD, applying(outcomes(APPLIED_ADD, GONE)));

        assertThat(applied).containsExactly("applied");
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.error()).isEmpty();
        assertThat(actions(report)).containsExactly(APPLIED_ADD, GONE, EXEMPT.action());
    }

    @Test
    void someActionsFailed_thePlanIsPartial_andSaysHowManyOfTheActionsTheFindingsCarry() {
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, Verdict.GO_AHEAD, applying(outcomes(APPLIED_ADD, FAILED_DELETE)));

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("1 of 2 actions failed; each failed finding says why, the others were applied");
        assertThat(actions(report)).containsExactly(APPLIED_ADD, FAILED_DELETE, EXEMPT.action());
    }

    @Test
    void everyActionFailed_thePlanIsPartial_andDoesNotClaimOthersWereApplied() {
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, Verdict.GO_AHEAD, applying(outcomes(FAILED_ADD, FAILED_DELETE)));

        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("2 of 2 actions failed; each failed finding says why");
    }

    @Test
    void actionsNotStartedBeforeTheDeadline_makeThePlanPartial_andAreLeftToTheNextRun() {
        FindingAction late = RunPipeline.notStarted(DELETE, DEADLINE);
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, Verdict.GO_AHEAD, applying(outcomes(FAILED_ADD, late)));

        assertThat(late).isEqualTo(FindingAction.skipped(DELETE,
                "not started: the run reached its deadline at 2026-06-02T10:29:30Z; the next run carries it out"));
        assertThat(report.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(report.error()).hasValue("1 of 2 actions failed; each failed finding says why; "
                + "1 of 2 actions were not started before the deadline; the next run carries them out");
    }

    @Test
    void withheldActions_leaveTheOthersApplied_andTheRunRefused_sayingWhatWasStillDone() {
        FindingAction refused = FindingAction.skipped(DELETE, REFUSAL);
        RunReport report = pipeline(false).carryOut(PLANNED, ACTIONS, withheldDeletions(), applying(outcomes(FAILED_ADD, refused)));

        assertThat(applied).containsExactly("applied");
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error()).hasValue(REFUSAL + "; snapshots were still taken and copied; "
                + "1 of 2 actions failed; each failed finding says why");
        assertThat(actions(report)).containsExactly(FAILED_ADD, refused, EXEMPT.action());
    }

    @Test
    void aVerdictRefusesTheKindsItNames() {
        assertThat(Verdict.refusedIf(Optional.empty())).isEqualTo(Verdict.GO_AHEAD);
        assertThat(Verdict.refusedIf(Optional.of(REFUSAL)).refusalOf(ADD)).hasValue(REFUSAL);
        assertThat(Verdict.GO_AHEAD.refusalOf(DELETE)).isEmpty();
        assertThat(withheldDeletions().refusalOf(DELETE)).hasValue(REFUSAL);
        assertThat(withheldDeletions().refusalOf(ADD)).isEmpty();
    }

    private static Verdict withheldDeletions() {
        return new Verdict.Withheld(REFUSAL, DELETE, "the deletions", "snapshots were still taken and copied");
    }

    private RunPipeline pipeline(boolean dryRun) {
        ReportBuilder report = new ReportBuilder("test-operation", cloud, RunRequest.sweep(Trigger.MANUAL, dryRun), dryRun, CLOCK);
        return new RunPipeline(report, 3, Firewalls.ACCOUNT);
    }

    /** An applier that records its call and answers the planned findings with these outcomes, the others as they are. */
    private Supplier<List<Finding>> applying(List<Finding> outcomes) {
        return () -> {
            applied.add("applied");
            return outcomes;
        };
    }

    /** The planned findings, the add with {@code add}, the delete with {@code delete}. */
    private static List<Finding> outcomes(FindingAction add, FindingAction delete) {
        return List.of(ADD_OWNER.withAction(add), DELETE_OLD.withAction(delete), EXEMPT);
    }

    private static List<FindingAction> actions(RunReport report) {
        return report.findings().stream().map(Finding::action).toList();
    }

    private static Finding finding(String id, ResourceRef resource, FindingAction action) {
        return new Finding(id, "test.check", Severity.HIGH, resource.id() + " is not compliant", resource, Map.of(), action);
    }
}
