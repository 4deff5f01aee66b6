package dev.cloudwarden.events.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.core.firewall.FirewallAudit;
import dev.cloudwarden.core.trigger.DecodedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The security-group audit evaluates the one group a call may have opened to new traffic, within seconds of the call. */
public final class FirewallAuditTrigger implements AwsTrigger {
    /** EC2 calls that can open a security group to new traffic (CreateSecurityGroup: evaluate new groups too). */
    public static final Set<String> INGRESS_CALLS = Set.of("AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules", "CreateSecurityGroup");

    @Override
    public String operation() {
        return FirewallAudit.OPERATION;
    }

    @Override
    public Map<String, Set<String>> calls() {
        return Map.of(AwsEvents.EC2, INGRESS_CALLS);
    }

    /** The group the call named; a failed call is evaluated too (the group may be open already). */
    @Override
    public DecodedEvent call(CloudTrailCall call) {
        String groupId = groupId(call).orElseThrow(() -> call.namesNo("security group", "detail.requestParameters.groupId, "
                + "detail.requestParameters.ModifySecurityGroupRulesRequest.GroupId, detail.responseElements.groupId "
                + "and detail.responseElements.securityGroupRuleSet.items[].groupId"));
        return call.named(List.of(groupId), Optional.empty());
    }

    /** Where each call carries the group id; by-name requests in a default VPC have it only in the response. */
    private static Optional<String> groupId(CloudTrailCall call) {
        JsonNode request = call.request();
        JsonNode response = call.response();
        for (JsonNode candidate : new JsonNode[] {
                request.path("groupId"),
                request.path("ModifySecurityGroupRulesRequest").path("GroupId"),
                response.path("groupId"),
                response.path("securityGroupRuleSet").path("items").path(0).path("groupId")}) {
            if (candidate.isTextual() && candidate.textValue().startsWith("sg-")) {
                return Optional.of(candidate.textValue());
            }
        }
        return Optional.empty();
    }
}
