package dev.cloudwarden.core.policy;

/**
 * One thing wrong with a policy file: the field (as a path such as
 * {@code securityGroupAudit.sensitivePorts[2].severity}), what was expected, and the line it is on.
 *
 * @param line 1-based; 0 when the field is missing and so has no line of its own
 */
public record PolicyError(String field, String problem, int line) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + field + ": " + problem;
    }
}
