package dev.cloudwarden.core.firewall;

import dev.cloudwarden.core.policy.PolicyNodes;
import dev.cloudwarden.core.policy.ChangeLimit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Exemptions;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Remediation;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.policy.PolicyNodes.Field;
import dev.cloudwarden.core.report.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code securityGroupAudit} section of a policy. */
final class FirewallAuditPolicyReader {
    static final String SECTION = "securityGroupAudit";
    /** An AWS managed prefix list's id: AWS-managed lists have 8 hexadecimal digits (pl-63a5400a), others 17. */
    static final Pattern PREFIX_LIST_ID = Pattern.compile("pl-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    /** Digits with a dot or a colon, perhaps a prefix: an IPv4 or IPv6 block, maybe a wrong one. */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*(/.*)?");
    private static final String PUBLIC_ENTRY = "a CIDR block such as 203.0.113.0/24 or 2001:db8::/32, "
            + "or a managed prefix list id such as pl-0123456789abcdef0";

    private final PolicyNodes nodes;

    FirewallAuditPolicyReader(PolicyNodes nodes) {
        this.nodes = nodes;
    }

    FirewallAuditPolicy read(JsonNode node, Field at) {
        if (!nodes.object(node, at, "sensitivePorts", "publicCidrs", "exempt", "remediation", "blastRadius")) {
            return null;
        }
        List<SensitivePort> ports = node.has("sensitivePorts")
                ? nodes.list(node.get("sensitivePorts"), at.child("sensitivePorts"), true, this::sensitivePort)
                : DefaultSensitivePorts.PORTS;
        List<PublicEntry> publicEntries = node.has("publicCidrs")
                ? nodes.list(node.get("publicCidrs"), at.child("publicCidrs"), false, this::publicEntry) : List.of();
        List<IpRange> publicCidrs = publicEntries == null ? null : publicEntries.stream()
                .flatMap(entry -> entry.cidr().stream()).toList();
        List<String> publicAddressSets = publicEntries == null ? null : publicEntries.stream()
                .flatMap(entry -> entry.addressSet().stream()).distinct().toList();
        Exemptions exempt = node.has("exempt") ? exemptions(node.get("exempt"), at.child("exempt")) : Exemptions.NONE;
        Remediation remediation = node.has("remediation")
                ? remediation(node.get("remediation"), at.child("remediation"),
                        new PublicAddressSpace(publicCidrs == null ? List.of() : publicCidrs))
                : Remediation.REPORT_ONLY;
        ChangeLimit blast = node.has("blastRadius") ? nodes.changeLimit(node.get("blastRadius"), at.child("blastRadius"), "maxGroups",
                "the security groups one run may change") : ChangeLimit.DEFAULT;
        if (ports == null || publicCidrs == null || exempt == null || remediation == null || blast == null) {
            return null;
        }
        return new FirewallAuditPolicy(ports, publicCidrs, publicAddressSets, exempt, remediation, blast);
    }

    /** One entry of {@code publicCidrs}: a CIDR block, or the id of an address set whose entries are read at run time. */
    private record PublicEntry(Optional<IpRange> cidr, Optional<String> addressSet) {
    }

    private PublicEntry publicEntry(JsonNode node, Field at) {
        if (!node.isTextual()) {
            nodes.error(at, "expected " + PUBLIC_ENTRY + ", got " + PolicyNodes.kind(node));
            return null;
        }
        String text = node.textValue().strip();
        if (PREFIX_LIST_ID.matcher(text).matches()) {
            return new PublicEntry(Optional.empty(), Optional.of(text));
        }
        if (text.startsWith("pl-")) {
            nodes.error(at, "not a managed prefix list id: expected pl- and 8 or 17 lowercase hexadecimal digits "
                    + "(pl-0123456789abcdef0), got \"" + text + "\"");
            return null;
        }
        if (!ADDRESS_LIKE.matcher(text).matches()) { // not meant as a CIDR at all: say what may stand here
            nodes.error(at, "expected " + PUBLIC_ENTRY + ", got \"" + text + "\"");
            return null;
        }
        IpRange cidr = nodes.cidr(node, at); // a CIDR gone wrong: its own precise error
        return cidr == null ? null : new PublicEntry(Optional.of(cidr), Optional.empty());
    }

    private SensitivePort sensitivePort(JsonNode node, Field at) {
        if (!nodes.object(node, at, "ports", "service", "severity")) {
            return null;
        }
        PortRange ports = portRange(node.get("ports"), at.child("ports"));
        String service = nodes.text(node, at.child("service"), false);
        Severity severity = nodes.choice(node, at.child("severity"), true, Severity.values(), Severity::id);
        return ports == null || severity == null ? null : new SensitivePort(ports, service, severity);
    }

    private PortRange portRange(JsonNode node, Field at) {
        if (node == null) {
            nodes.error(at, "required: a port (22) or a port range (\"20-23\")");
            return null;
        }
        if (!node.isInt() && !node.isTextual()) {
            nodes.error(at, "expected a port (22) or a port range (\"20-23\"), got " + nodes.kind(node));
            return null;
        }
        try {
            return node.isInt() ? PortRange.single(node.intValue()) : PortRange.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            nodes.error(at, e.getMessage());
            return null;
        }
    }

    private Exemptions exemptions(JsonNode node, Field at) {
        if (!nodes.object(node, at, "groupIds", "tags")) {
            return null;
        }
        List<String> ids = node.has("groupIds")
                ? nodes.list(node.get("groupIds"), at.child("groupIds"), false, nodes::nonBlank) : List.of();
        Map<String, String> tags = node.has("tags")
                ? nodes.tagMap(node.get("tags"), at.child("tags"), "value (\"*\" for any value)") : Map.of();
        return ids == null || tags == null ? null : new Exemptions(new LinkedHashSet<>(ids), tags);
    }

    private Remediation remediation(JsonNode node, Field at, PublicAddressSpace internet) {
        if (!nodes.object(node, at, "action", "narrowTo")) {
            return null;
        }
        Remediation.Action action = nodes.choice(node, at.child("action"), true, Remediation.Action.values(), Remediation.Action::id);
        List<IpRange> narrowTo = node.has("narrowTo")
                ? nodes.list(node.get("narrowTo"), at.child("narrowTo"), true, nodes::cidr) : List.of();
        if (action == null || narrowTo == null) {
            return null;
        }
        if (action == Remediation.Action.NARROW && narrowTo.isEmpty()) {
            nodes.error(at.child("narrowTo"), "required when action is narrow: the CIDRs that replace the internet as source");
            return null;
        }
        if (action != Remediation.Action.NARROW && !narrowTo.isEmpty()) {
            nodes.error(at.child("narrowTo"), "only allowed when action is narrow (action is " + action.id() + ")");
            return null;
        }
        for (int i = 0; i < narrowTo.size(); i++) {
            if (internet.includes(narrowTo.get(i))) {
                nodes.error(at.child("narrowTo").index(i), "narrowing to " + narrowTo.get(i) + " would keep the rule open to the internet");
            }
        }
        return new Remediation(action, narrowTo);
    }
}
