package dev.cloudwarden.core.report;

import java.util.Locale;

/** How urgent a finding is, lowest first, spelled in lowercase in policies and reports. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
