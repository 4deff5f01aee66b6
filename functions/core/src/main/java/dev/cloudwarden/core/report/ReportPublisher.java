package dev.cloudwarden.core.report;

import dev.cloudwarden.api.NotificationOps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a run's findings as messages in the report schema, split into as few messages as the
 * service's size limit allows (an SNS message holds 256 KiB; a sweep's report can be far larger).
 * Each message is a complete report of the same run holding a slice of its findings, so subscribers
 * parse every message with the one schema.
 */
public final class ReportPublisher {
    // room for the counts, which differ from slice to slice by a few digits
    private static final int SLACK_BYTES = 512;

    private final NotificationOps notifications;

    public ReportPublisher(NotificationOps notifications) {
        this.notifications = notifications;
    }

    /**
     * What a publication sent, and the findings it could not: one that alone is larger than a message is left out,
     * since the service would refuse it whole, and the rest are sent.
     *
     * @param messageIds  the ids of the messages sent
     * @param unpublished the ids of the findings too large for any message
     */
    public record Publication(List<String> messageIds, List<String> unpublished) {
        public Publication {
            messageIds = List.copyOf(messageIds);
            unpublished = List.copyOf(unpublished);
        }
    }

    /** Publishes the report's findings to {@code topic}. Nothing is sent without findings. */
    public Publication publish(RunReport report, String topic) {
        // every slice repeats the run fields (an event's targets can be long): measure them, don't guess
        int envelope = ReportJson.toJson(withFindings(report, List.of()), false).getBytes(StandardCharsets.UTF_8).length;
        List<List<Finding>> slices = slices(report, notifications.maxMessageBytes() - envelope - SLACK_BYTES);
        List<String> ids = new ArrayList<>();
        List<String> unpublished = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            RunReport slice = withFindings(report, slices.get(i));
            String subject = "cloudwarden " + report.operation() + " " + report.cloud().id() + "/" + report.region() + ": "
                    + report.findings().size() + " findings, run " + report.status().id()
                    + (slices.size() > 1 ? " (" + (i + 1) + "/" + slices.size() + ")" : "");
            String message = ReportJson.toJson(slice, false);
            if (message.getBytes(StandardCharsets.UTF_8).length > notifications.maxMessageBytes()) {
                slice.findings().forEach(f -> unpublished.add(f.id())); // a lone finding larger than any message
                continue;
            }
            ids.add(notifications.publish(topic, subject, message));
        }
        return new Publication(ids, unpublished);
    }

    private static RunReport withFindings(RunReport report, List<Finding> findings) {
        return new RunReport(report.runId(), report.operation(), report.cloud(), report.account(), report.region(),
                report.trigger(), report.scope(), report.dryRun(), report.startedAt(), report.finishedAt(), report.status(),
                report.error(), report.resourcesScanned(), findings, report.apiCalls(), report.asOf(), report.windows());
    }

    /** Greedy packing in report order; a finding larger than a whole message still goes, alone. */
    private static List<List<Finding>> slices(RunReport report, int budget) {
        List<List<Finding>> slices = new ArrayList<>();
        List<Finding> current = new ArrayList<>();
        int size = 0;
        for (Finding finding : report.findings()) {
            int bytes = ReportJson.findingJson(finding, report.finishedAt()).getBytes(StandardCharsets.UTF_8).length + 1;
            if (!current.isEmpty() && size + bytes > budget) {
                slices.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(finding);
            size += bytes;
        }
        if (!current.isEmpty()) {
            slices.add(current);
        }
        return slices;
    }
}
