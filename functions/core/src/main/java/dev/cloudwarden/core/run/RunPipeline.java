package dev.cloudwarden.core.run;

import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How every operation's run ends once it has planned and its guard has judged the plan: dry-run, nothing to do,
 * refusal, apply, and the run's status, the same way for all of them.
 *
 * <ul>
 *   <li><b>Dry-run</b>: nothing is applied; each planned finding says so, with the guard's verdict, so that a real run's
 *       refusal is no surprise, and what the action would do: {@code complete}.</li>
 *   <li><b>Nothing to do</b>: the findings as planned, {@code complete}.</li>
 *   <li><b>Refused</b> whole: nothing is applied, each planned finding is skipped with the refusal, {@code refused}.</li>
 *   <li><b>Applied</b>: {@code complete} when every action was carried out (or skipped as no longer needed);
 *       {@code partial} when some failed or were not started before the deadline, each finding saying why;
 *       {@code refused} when the guard withheld some actions, the others applied.</li>
 * </ul>
 *
 * <p>A planned action's reason says what it would do ("add owner=platform"), or nothing where the finding's title says
 * it already: a dry-run shows it after its verdict, "dry-run: nothing is changed; would add owner=platform".
 */
public final class RunPipeline {
    /** How an action a deadline stopped is reported ({@link #notStarted}); the pipeline counts them by it. */
    private static final String NOT_STARTED = "not started: the run reached its deadline at ";

    private final ReportBuilder report;
    private final int scanned;
    private final String account;

    /**
     * @param scanned the resources the run had in scope, for the report
     * @param account the account they belong to, or empty when none was read
     */
    public RunPipeline(ReportBuilder report, int scanned, String account) {
        this.report = report;
        this.scanned = scanned;
        this.account = account;
    }

    /**
     * Ends the run.
     *
     * @param planned every finding in report order, those with an action still {@code planned}
     * @param actions the actions that would carry the planned findings out; none means there is nothing to do
     * @param verdict the guard's answer to the plan
     * @param apply   carries out the plan, except what the verdict withholds, and returns every finding with its
     *                outcome in report order (an action may add findings, such as the copies a new snapshot starts)
     */
    public RunReport carryOut(List<Finding> planned, List<?> actions, Verdict verdict, Supplier<List<Finding>> apply) {
        if (report.dryRun()) { // the dry-run shows the guard's verdict too: no surprise when the real run is refused
            return finish(RunStatus.COMPLETE, Optional.empty(), Finding.relabelPlanned(planned,
                    a -> FindingAction.planned(a.kind(), dryRun(verdict, a.kind()) + (a.reason().isEmpty() ? "" : "; would " + a.reason()))));
        }
        if (actions.isEmpty()) {
            return finish(RunStatus.COMPLETE, Optional.empty(), planned);
        }
        if (verdict instanceof Verdict.Refused refused) {
            return finish(RunStatus.REFUSED, Optional.of(refused.reason()),
                    Finding.relabelPlanned(planned, a -> FindingAction.skipped(a.kind(), refused.reason())));
        }
        List<Finding> done = apply.get();
        long total = done.stream().filter(f -> !f.action().kind().equals(FindingAction.NONE)).count();
        long failed = done.stream().filter(f -> f.action().status() == FindingAction.Status.FAILED).count();
        long late = done.stream().filter(f -> f.action().status() == FindingAction.Status.SKIPPED
                && f.action().reason().startsWith(NOT_STARTED)).count();
        List<String> problems = new ArrayList<>();
        if (failed > 0) {
            problems.add(failed + " of " + total + " actions failed; each failed finding says why");
        }
        if (late > 0) {
            problems.add(late + " of " + total + " actions were not started before the deadline; the next run carries them out");
        }
        if (verdict instanceof Verdict.Withheld withheld) {
            problems.addFirst(withheld.reason() + "; " + withheld.stillDone());
            return finish(RunStatus.REFUSED, Optional.of(String.join("; ", problems)), done);
        }
        if (problems.isEmpty()) {
            return finish(RunStatus.COMPLETE, Optional.empty(), done);
        }
        return finish(RunStatus.PARTIAL, Optional.of(String.join("; ", problems)
                + (failed + late < total ? ", the others were applied" : "")), done);
    }

    /**
     * The outcome of an action not started because the run reached its {@code deadline} (a Lambda invocation's limit):
     * it is left to the next run, and the run is partial.
     */
    public static FindingAction notStarted(String kind, Instant deadline) {
        return FindingAction.skipped(kind, NOT_STARTED + deadline + "; the next run carries it out");
    }

    private static String dryRun(Verdict verdict, String kind) {
        Optional<String> refusal = verdict.refusalOf(kind);
        if (refusal.isEmpty()) {
            return "dry-run: nothing is changed";
        }
        return verdict instanceof Verdict.Withheld withheld
                ? "dry-run: the real run would refuse " + withheld.what() + ": " + refusal.get()
                : "dry-run: the real run would be refused: " + refusal.get();
    }

    private RunReport finish(RunStatus status, Optional<String> error, List<Finding> findings) {
        return report.finish(status, error, scanned, account, findings);
    }
}
