package dev.cloudwarden.cli;

import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.RunReport;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A report for people: one line per finding, then the counts. Titles, reasons and errors quote names, tags and
 * messages from the cloud and from events, so they are printed through {@link Printable}. Public for the tools built
 * on the CLI (tools/aws-demo): the demo prints what {@code cloudwarden run --format text} prints.
 */
public final class TextSummary {
    private TextSummary() {
    }

    public static void print(RunReport report, PrintWriter out) {
        out.printf("%s %s in %s/%s: %s, %d resources scanned, %d findings, %d API calls%n",
                report.dryRun() ? "DRY-RUN" : "APPLY", report.operation(), report.cloud().id(), report.region(),
                report.status().id(), report.resourcesScanned(), report.findings().size(),
                report.apiCalls().total());
        for (Finding f : report.findings()) {
            out.printf("  %-8s %-24s %-9s %s%n", f.severity().id().toUpperCase(Locale.ROOT),
                    f.action().kind() + "", f.action().status().id(), Printable.of(f.title()));
            if (!f.action().reason().isEmpty()) {
                out.printf("  %-8s %-24s %-9s   └ %s%n", "", "", "", Printable.of(f.action().reason()));
            }
        }
        report.error().ifPresent(e -> out.println("  ! " + Printable.of(e)));
    }
}
