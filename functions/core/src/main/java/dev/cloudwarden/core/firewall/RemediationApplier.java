package dev.cloudwarden.core.firewall;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallOps;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.core.report.FindingAction;
import dev.cloudwarden.core.report.FindingAction.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a guarded plan. Revokes are batched into one call per group; every action ends as an
 * outcome (applied, skipped, failed) and a failure of one group never stops the others.
 */
final class RemediationApplier {
    private final FirewallOps firewalls;

    RemediationApplier(FirewallOps firewalls) {
        this.firewalls = firewalls;
    }

    /** The outcome of every action, keyed by finding id. */
    Map<String, FindingAction> apply(List<FirewallAction> actions) {
        Map<String, FindingAction> outcomes = new HashMap<>();
        Map<String, List<FirewallAction.RevokeIngressRule>> revokesByGroup = new LinkedHashMap<>();
        for (FirewallAction action : actions) {
            switch (action) {
                case FirewallAction.RevokeIngressRule revoke ->
                        revokesByGroup.computeIfAbsent(revoke.group().id(), k -> new ArrayList<>()).add(revoke);
                case FirewallAction.NarrowIngressRule narrow -> outcomes.put(narrow.findingId(), narrow(narrow));
            }
        }
        revokesByGroup.forEach((groupId, revokes) -> outcomes.putAll(revoke(groupId, revokes)));
        return outcomes;
    }

    private Map<String, FindingAction> revoke(String groupId, List<FirewallAction.RevokeIngressRule> revokes) {
        Set<String> ruleIds = new LinkedHashSet<>();
        revokes.forEach(r -> ruleIds.add(r.rule().id()));
        Map<String, FindingAction> outcomes = new HashMap<>();
        try {
            RevokeResult result = firewalls.revokeIngress(groupId, ruleIds);
            for (var revoke : revokes) {
                String ruleId = revoke.rule().id();
                outcomes.put(revoke.findingId(), result.revoked().contains(ruleId)
                        ? new FindingAction(revoke.kind(), Status.APPLIED, "revoked rule " + ruleId)
                        : FindingAction.skipped(revoke.kind(), "rule " + ruleId + " no longer exists (revoked earlier or by someone else)"));
            }
        } catch (CloudException e) {
            revokes.forEach(r -> outcomes.put(r.findingId(), failed(r.kind(), e)));
        }
        return outcomes;
    }

    private FindingAction narrow(FirewallAction.NarrowIngressRule narrow) {
        try {
            firewalls.narrowIngress(narrow.group().id(), narrow.rule(), narrow.sources());
            return new FindingAction(narrow.kind(), Status.APPLIED,
                    "replaced rule " + narrow.rule().id() + " with access from " + narrow.sources());
        } catch (CloudException e) {
            return failed(narrow.kind(), e);
        }
    }

    private static FindingAction failed(String kind, CloudException e) {
        String requestId = e.requestId().isEmpty() ? "" : ", request id " + e.requestId();
        return new FindingAction(kind, Status.FAILED, e.operation() + " failed: " + e.kind().name().toLowerCase(Locale.ROOT)
                + " (" + e.nativeCode() + requestId + "): " + rootMessage(e));
    }

    private static String rootMessage(CloudException e) {
        String message = e.getMessage();
        int colon = message.indexOf("): ");
        return colon < 0 ? message : message.substring(colon + 3);
    }
}
