package dev.cloudwarden.core.policy;

import dev.cloudwarden.api.CloudId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment's policy file: which cloud, whether to change anything at all, and each declared operation's
 * section (at least one). Read by {@link PolicyReader}; the same file serves the CLI and every cloud's functions.
 *
 * @param dryRun   when true no run of this policy changes anything, whatever the caller asks
 * @param region   the default region when neither the command line nor the runtime names one
 * @param account  the AWS account, Azure subscription or GCP project the policy is for, when the command line or the
 *                 runtime names none (Azure and GCP need one: their credentials reach many)
 * @param sections the declared operations' sections, at most one of each type, in the order operations are registered
 */
public record Policy(int version, CloudId cloud, Optional<String> region, Optional<String> account, boolean dryRun,
                     List<OperationPolicy> sections, List<PolicyError> warnings) {
    public static final int CURRENT_VERSION = 1;

    public Policy {
        Objects.requireNonNull(cloud, "cloud");
        region = Objects.requireNonNullElse(region, Optional.empty());
        account = Objects.requireNonNullElse(account, Optional.empty());
        sections = List.copyOf(sections);
        warnings = List.copyOf(warnings);
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a policy declares at least one operation");
        }
        if (sections.stream().map(Object::getClass).distinct().count() < sections.size()) {
            throw new IllegalArgumentException("a policy declares each operation once");
        }
    }

    /** A policy without warnings, for the account its credentials imply. */
    public Policy(int version, CloudId cloud, Optional<String> region, boolean dryRun, List<OperationPolicy> sections) {
        this(version, cloud, region, Optional.empty(), dryRun, sections, List.of());
    }

    /** The section of this type, when the policy declares it. */
    public <P extends OperationPolicy> Optional<P> section(Class<P> type) {
        return sections.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
