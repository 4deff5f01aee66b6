package dev.cloudwarden.cli;

/** The CLI's exit codes, defined once: also those of the tools built on it (tools/aws-demo). */
public final class ExitCode {
    /** The run completed its plan (or, in dry-run, showed all of it). */
    public static final int COMPLETE = 0;
    /** The run failed, was refused by the blast-radius guard, or only part of its plan was applied. */
    public static final int INCOMPLETE = 1;
    /** Invalid input: the policy, the event file or an option; stderr names the field or the file. */
    public static final int INVALID_INPUT = 2;

    private ExitCode() {
    }
}
