package dev.cloudwarden.core.firewall;

import dev.cloudwarden.core.policy.ChangeLimit;
import dev.cloudwarden.core.policy.OperationPolicy;

import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.report.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The security-group audit's settings.
 *
 * @param sensitivePorts    ports that must not be reachable from the internet, each with its severity
 * @param publicCidrs       ranges treated as the internet beyond the whole address space itself
 * @param publicAddressSets address sets (AWS managed prefix lists, by {@code pl-} id) whose entries are treated as
 *                          the internet too: {@code publicCidrs} may name them, and each run reads their entries
 */
public record FirewallAuditPolicy(List<SensitivePort> sensitivePorts, List<IpRange> publicCidrs,
                                  List<String> publicAddressSets, Exemptions exempt, Remediation remediation,
                                  ChangeLimit blastRadius) implements OperationPolicy {
    public FirewallAuditPolicy {
        sensitivePorts = List.copyOf(sensitivePorts);
        publicCidrs = List.copyOf(publicCidrs);
        publicAddressSets = List.copyOf(publicAddressSets);
        Objects.requireNonNull(exempt, "exempt");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(blastRadius, "blastRadius");
    }

    /** A port or range with the service usually behind it and how bad internet exposure of it is. */
    public record SensitivePort(PortRange ports, String service, Severity severity) {
        public SensitivePort {
            Objects.requireNonNull(ports, "ports");
            service = Objects.requireNonNullElse(service, "");
            Objects.requireNonNull(severity, "severity");
        }
    }

    /**
     * Groups never changed by the audit; their exposures are still reported, as skipped.
     *
     * @param tags a group carrying any of these tags is exempt; the value {@code *} matches any value
     */
    public record Exemptions(Set<String> groupIds, Map<String, String> tags) {
        public static final Exemptions NONE = new Exemptions(Set.of(), Map.of());
        public static final String ANY_VALUE = "*";

        public Exemptions {
            groupIds = Set.copyOf(groupIds);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * What to do with an exposure once it is found.
     *
     * @param narrowTo with {@link Action#NARROW}: the CIDRs that replace the internet as the rule's source
     */
    public record Remediation(Action action, List<IpRange> narrowTo) {
        public enum Action {
            /** Findings only. */
            REPORT,
            /** Remove the offending rule and nothing else. */
            REVOKE,
            /** Grant the same protocol and ports to {@code narrowTo}, then remove the offending rule. */
            NARROW;

            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public static final Remediation REPORT_ONLY = new Remediation(Action.REPORT, List.of());

        public Remediation {
            Objects.requireNonNull(action, "action");
            narrowTo = List.copyOf(narrowTo);
            if (action == Action.NARROW && narrowTo.isEmpty()) {
                throw new IllegalArgumentException("narrow needs at least one CIDR in narrowTo");
            }
        }
    }
}
