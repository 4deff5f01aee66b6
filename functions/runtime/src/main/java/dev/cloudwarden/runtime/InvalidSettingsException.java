package dev.cloudwarden.runtime;

import java.io.Serial;
import java.util.List;

/**
 * The function's settings (its environment variables) cannot be used: it stops at start, before it builds anything,
 * with every problem found, one sentence each. A deployment's mistake, not a defect: no stack trace.
 */
public final class InvalidSettingsException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    InvalidSettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        setStackTrace(new StackTraceElement[0]);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
