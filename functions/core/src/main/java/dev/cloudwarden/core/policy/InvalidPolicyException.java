package dev.cloudwarden.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that cannot be run, with every error found, not just the first. */
public final class InvalidPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<PolicyError> errors;

    public InvalidPolicyException(String source, List<PolicyError> errors) {
        super("invalid policy " + source + ":\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
