package dev.cloudwarden.core.policy;

/**
 * One thing wrong with a policy file: the field (as a path such as
 * {@code securityGroupAudit.sensitivePorts[2].severity}), what was expected, and the line it is on.
 *
 * @param line 1-based: the field's line, or for a missing field the line of the mapping that lacks it;
 *             0 when there is no line at all (a file that cannot be read)
 */
public record PolicyError(String field, String problem, int line) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + field + ": " + problem;
    }
}
