package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.FirewallGroup;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import dev.cloudwarden.core.Operation;
import dev.cloudwarden.core.OperationModule;
import dev.cloudwarden.core.RunRequest;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Exemptions;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.Remediation;
import dev.cloudwarden.core.firewall.FirewallAuditPolicy.SensitivePort;
import dev.cloudwarden.core.policy.SectionReader;
import dev.cloudwarden.core.report.Finding;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.ReportBuilder;
import dev.cloudwarden.core.report.RunReport;
import dev.cloudwarden.core.report.RunReport.RunStatus;
import dev.cloudwarden.core.run.RunPipeline;
import dev.cloudwarden.core.run.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The security-group audit: discover → evaluate → plan → guard → apply → report.
 * Dry-run stops after the plan; a refused plan changes nothing; every exposure leaves a finding.
 *
 * <p>The address sets the policy names as public ({@code publicCidrs: [pl-…]}) are read at the start of each run,
 * once each, before anything is evaluated: a set changes without the policy changing, so its entries belong to
 * the run, not to the policy or the function's lifetime.
 */
public final class FirewallAudit implements Operation {
    public static final String OPERATION = "security-group-audit";
    /** This operation as the catalog lists it: its id, its policy section's reader, its constructor. */
    public static final OperationModule<FirewallAuditPolicy> MODULE = new OperationModule<>(OPERATION,
            SectionReader.of(FirewallAuditPolicyReader.SECTION, FirewallAuditPolicy.class, (node, at, context) -> new FirewallAuditPolicyReader(context.nodes()).read(node, at)),
            FirewallAudit::new);
    public static final String CHECK = "firewall.ingress-open-to-internet";

    private final CloudProvider provider;
    private final FirewallOps firewalls;
    private final FirewallAuditPolicy policy;
    private final boolean policyDryRun;
    private final BlastRadiusGuard guard;
    private final Clock clock;

    public FirewallAudit(CloudProvider provider, FirewallAuditPolicy policy, boolean policyDryRun, Clock clock) {
        this.provider = provider;
        this.firewalls = Operation.require(provider.firewalls(), provider, "firewall capability");
        this.policy = policy;
        this.policyDryRun = policyDryRun;
        this.guard = new BlastRadiusGuard(policy.blastRadius());
        this.clock = clock;
    }

    @Override
    public String id() {
        return OPERATION;
    }

    @Override
    public RunReport run(RunRequest request) {
        boolean dryRun = Operation.dryRun(request, policyDryRun);
        var report = new ReportBuilder(OPERATION, provider, request, dryRun, clock);

        List<IpRange> publicCidrs = new ArrayList<>(policy.publicCidrs());
        List<FirewallGroup> groups;
        Map<String, Optional<FirewallGroup>> onTheWay;
        try {
            for (String addressSet : policy.publicAddressSets()) {
                publicCidrs.addAll(firewalls.addressSetEntries(addressSet));
            }
            Optional<String> stillPublic = narrowToThatIsPublic(publicCidrs);
            if (stillPublic.isPresent()) {
                return report.finish(RunStatus.FAILED, stillPublic, 0, "", List.of());
            }
            groups = switch (request.scope()) {
                case Scope.Region r -> firewalls.listGroups();
                case Scope.Resources targets -> targets.ids().stream().distinct()
                        .flatMap(id -> firewalls.findGroup(id).stream()).toList();
            };
            onTheWay = groupsOnTheWay(groups);
        } catch (CloudException e) {
            return report.discoveryFailed(e);
        }
        String account = groups.isEmpty() ? "" : groups.getFirst().resource().account();
        ExposureEvaluator evaluator = new ExposureEvaluator(policy.sensitivePorts(), publicCidrs);

        List<Finding> findings = new ArrayList<>();
        List<FirewallAction> actions = new ArrayList<>();
        for (FirewallGroup group : groups) {
            Optional<String> exemption = exemption(group);
            for (Exposure exposure : evaluator.evaluate(group, id -> onTheWay.getOrDefault(id, Optional.empty()))) {
                Finding finding = finding(exposure);
                if (exemption.isPresent()) {
                    findings.add(finding.withAction(FindingAction.skipped(FindingAction.NONE, exemption.get())));
                    continue;
                }
                if (!exposure.rule().changeable()) { // reported, never revoked: the cloud or another owner would refuse or undo it
                    findings.add(finding.withAction(FindingAction.skipped(FindingAction.NONE,
                            "kept: " + exposure.rule().control().whyUnchanged())));
                    continue;
                }
                Optional<FirewallAction> action = plan(finding.id(), exposure);
                findings.add(finding.withAction(action
                        .map(a -> FindingAction.planned(a.kind(), "")) // the title says what it would do
                        .orElse(FindingAction.skipped(FindingAction.NONE, "policy remediation.action is report: finding only"))));
                action.ifPresent(actions::add);
            }
        }

        Verdict verdict = guard.check(actions, groups.size(), request.scope().isSweep());
        return new RunPipeline(report, groups.size(), account).carryOut(findings, actions, verdict, () -> {
            Map<String, FindingAction> outcomes = new RemediationApplier(firewalls).apply(actions);
            return findings.stream().map(f -> outcomes.containsKey(f.id()) ? f.withAction(outcomes.get(f.id())) : f).toList();
        });
    }

    /**
     * Every group named on the way to the groups' attachments (an Azure subnet's NSG beside the NIC's, a GCP folder's
     * policy), by id: those already read, and the others read now, each once. One that no longer exists is empty and
     * counts as letting traffic through, so that a group deleted mid-run never hides an exposure.
     */
    private Map<String, Optional<FirewallGroup>> groupsOnTheWay(List<FirewallGroup> groups) {
        Map<String, Optional<FirewallGroup>> byId = new LinkedHashMap<>();
        groups.forEach(g -> byId.put(g.id(), Optional.of(g)));
        groups.stream().flatMap(g -> g.attachments().stream()).flatMap(a -> a.path().stream()).distinct()
                .filter(id -> !byId.containsKey(id))
                .forEach(id -> byId.put(id, firewalls.findGroup(id)));
        return byId;
    }

    /**
     * The loader refuses a {@code narrowTo} that overlaps {@code publicCidrs}; the entries of the address sets the
     * policy names are known only now. Narrowing to one of them would leave the rule exposed, and the next run would
     * narrow it again: such a run stops before it reads anything else.
     */
    private Optional<String> narrowToThatIsPublic(List<IpRange> publicCidrs) {
        PublicAddressSpace internet = new PublicAddressSpace(publicCidrs);
        return policy.remediation().narrowTo().stream().filter(internet::includes).findFirst()
                .map(cidr -> "policy: remediation.narrowTo " + cidr + " overlaps an entry of the address sets publicCidrs names ("
                        + String.join(", ", policy.publicAddressSets()) + "): narrowing to it would keep rules open to the internet; "
                        + "nothing was evaluated or changed");
    }

    private Optional<String> exemption(FirewallGroup group) {
        Exemptions exempt = policy.exempt();
        if (exempt.groupIds().contains(group.id())) {
            return Optional.of("exempt: group id listed in securityGroupAudit.exempt.groupIds");
        }
        for (var tag : exempt.tags().entrySet()) {
            Optional<String> value = group.resource().tags().get(tag.getKey());
            if (value.isPresent() && (tag.getValue().equals(Exemptions.ANY_VALUE) || tag.getValue().equals(value.get()))) {
                return Optional.of("exempt: tag " + tag.getKey() + "=" + value.get());
            }
        }
        return Optional.empty();
    }

    private Optional<FirewallAction> plan(String findingId, Exposure exposure) {
        Remediation remediation = policy.remediation();
        return switch (remediation.action()) {
            case REPORT -> Optional.empty();
            case REVOKE -> Optional.of(new FirewallAction.RevokeIngressRule(findingId, exposure.group(), exposure.rule()));
            case NARROW -> {
                List<Peer> sources = new ArrayList<>(exposure.rule().sources());
                sources.removeAll(exposure.internetSources());
                remediation.narrowTo().forEach(cidr -> sources.add(new Peer.Cidr(cidr)));
                yield Optional.of(new FirewallAction.NarrowIngressRule(findingId, exposure.group(), exposure.rule(), sources));
            }
        };
    }

    private static Finding finding(Exposure exposure) {
        FirewallRule rule = exposure.rule();
        FirewallGroup group = exposure.group();
        List<String> services = exposure.exposedPorts().stream()
                .map(p -> p.service().isEmpty() ? p.ports().toString() : p.service() + " (" + p.ports() + ")").toList();
        // an all-ports rule would list every sensitive port; the evidence keeps the full list
        String ports = services.size() > 4 ? services.size() + " sensitive services (" + String.join(", ",
                services.subList(0, 3)) + " …)" : String.join(", ", services);
        String title = group.id() + (group.resource().name().isEmpty() ? "" : " (" + group.resource().name() + ")")
                + " lets the internet reach " + ports + " through rule " + rule.id()
                + exposure.publicSets().stream().map(FirewallAudit::publicSetTitle).collect(Collectors.joining())
                + (exposure.through().isEmpty() ? "" : ", at " + String.join(", ",
                        exposure.through().stream().map(a -> a.target().id()).toList()));
        return new Finding(findingId(group.id(), rule.id()), CHECK, exposure.severity(), title, group.resource(),
                evidence(exposure), FindingAction.skipped(FindingAction.NONE, ""));
    }

    private static Map<String, Object> evidence(Exposure exposure) {
        FirewallRule rule = exposure.rule();
        Map<String, Object> ruleJson = new LinkedHashMap<>();
        ruleJson.put("id", rule.id());
        if (!rule.nativeId().equals(rule.id())) {
            ruleJson.put("nativeId", rule.nativeId());
        }
        ruleJson.put("direction", rule.direction().name().toLowerCase(Locale.ROOT));
        ruleJson.put("access", rule.access().name().toLowerCase(Locale.ROOT));
        if (rule.priority().isPresent()) {
            ruleJson.put("priority", rule.priority().getAsInt());
        }
        ruleJson.put("protocol", rule.protocol().name());
        ruleJson.put("ports", rule.ports().stream().map(Object::toString).toList());
        ruleJson.put("sources", rule.sources().stream().map(Peer::toString).toList());
        if (!rule.destinations().isEmpty()) {
            ruleJson.put("destinations", rule.destinations().stream().map(Peer::toString).toList());
        }
        if (!rule.changeable()) {
            ruleJson.put("control", rule.control().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        ruleJson.put("enabled", rule.enabled());
        ruleJson.put("description", rule.description());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", ruleJson);
        evidence.put("internetSources", exposure.internetSources().stream().map(Peer::toString).toList());
        if (!exposure.publicSets().isEmpty()) { // the rule names only the set: which entries make it public
            evidence.put("addressSets", exposure.publicSets().stream().map(FirewallAudit::addressSetJson).toList());
        }
        evidence.put("exposedPorts", exposure.exposedPorts().stream().map(FirewallAudit::portJson).toList());
        evidence.put("network", exposure.group().network());
        if (!exposure.through().isEmpty()) { // where the internet gets in, and the groups it passes there
            evidence.put("attachments", exposure.through().stream().map(FirewallAudit::attachmentJson).toList());
        }
        return evidence;
    }

    /** In this order, every time: a SIEM diffing two runs' reports sees no change where there is none. */
    private static Map<String, Object> attachmentJson(FirewallGroup.Attachment attachment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", attachment.target().id());
        json.put("type", attachment.target().type());
        json.put("path", attachment.path());
        return json;
    }

    /** ", whose address set pl-0abc (office) includes 0.0.0.0/0 and 1 more public entry". */
    private static String publicSetTitle(Exposure.PublicSet publicSet) {
        Peer.AddressSet set = publicSet.set();
        int more = publicSet.publicEntries().size() - 1;
        return ", whose address set " + set.id() + (set.name().isEmpty() ? "" : " (" + set.name() + ")") + " includes "
                + publicSet.publicEntries().getFirst() + (more == 0 ? "" : " and " + more + " more public entr" + (more == 1 ? "y" : "ies"));
    }

    private static Map<String, Object> addressSetJson(Exposure.PublicSet publicSet) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", publicSet.set().id());
        json.put("name", publicSet.set().name());
        json.put("publicEntries", publicSet.publicEntries().stream().map(IpRange::cidr).toList());
        json.put("entries", publicSet.set().entries().size());
        return json;
    }

    private static Map<String, Object> portJson(SensitivePort port) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ports", port.ports().toString());
        json.put("service", port.service());
        json.put("severity", port.severity().id());
        return json;
    }

    /** Stable across runs: the same rule of the same group always yields the same finding id. */
    static String findingId(String groupId, String ruleId) {
        return Finding.stableId(CHECK, groupId, ruleId);
    }
}
