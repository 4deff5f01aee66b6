package dev.cloudwarden.core;

import dev.cloudwarden.core.report.RunReport;

/** One of cloudwarden's jobs (the security-group audit, tag compliance …), run once per request. */
public interface Operation {
    /** The id reports and settings use, such as {@code security-group-audit}. */
    String id();

    /** Runs to the end and says what happened; cloud failures end up in the report, never thrown. */
    RunReport run(RunRequest request);
}
