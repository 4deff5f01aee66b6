package dev.cloudwarden.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes the two EventBridge event shapes the functions accept, and rejects everything else with a
 * message naming what was expected and what arrived:
 * <ul>
 *   <li>{@code Scheduled Event} from {@code aws.events}: sweep the region.</li>
 *   <li>{@code AWS API Call via CloudTrail} from {@code aws.ec2} for a call that can open ingress:
 *       evaluate the one group it names.</li>
 * </ul>
 */
public final class EventDecoder {
    public static final String SCHEDULED = "Scheduled Event";
    public static final String CLOUDTRAIL = "AWS API Call via CloudTrail";
    /** EC2 calls that can open a security group to new traffic (CreateSecurityGroup: evaluate new groups too). */
    public static final Set<String> INGRESS_CALLS = Set.of(
            "AuthorizeSecurityGroupIngress", "ModifySecurityGroupRules", "CreateSecurityGroup");

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventDecoder() {
    }

    public static JsonNode parse(InputStream in) {
        try {
            JsonNode node = JSON.readTree(in);
            if (node == null || !node.isObject()) {
                throw new UnsupportedEventException("event is not a JSON object: expected an EventBridge event");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("event is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnsupportedEventException("event could not be read: " + e.getMessage());
        }
    }

    public static AuditEvent scheduled(JsonNode event) {
        expect(event, SCHEDULED, "aws.events");
        return new AuditEvent(text(event, "id"), text(event, "account"), required(event, "region"), Optional.empty(),
                "schedule " + event.path("resources").path(0).asText(""), Optional.empty());
    }

    public static AuditEvent cloudTrail(JsonNode event) {
        expect(event, CLOUDTRAIL, "aws.ec2");
        JsonNode detail = event.path("detail");
        String eventName = detail.path("eventName").asText("");
        if (!INGRESS_CALLS.contains(eventName)) {
            throw new UnsupportedEventException("unsupported CloudTrail eventName '" + eventName
                    + "': this function evaluates " + String.join(", ", INGRESS_CALLS.stream().sorted().toList()));
        }
        String groupId = groupId(detail).orElseThrow(() -> new UnsupportedEventException(eventName
                + " event " + text(event, "id") + " names no security group: looked for detail.requestParameters.groupId, "
                + "detail.requestParameters.ModifySecurityGroupRulesRequest.GroupId, detail.responseElements.groupId "
                + "and detail.responseElements.securityGroupRuleSet.items[].groupId"));
        Optional<String> errorCode = Optional.of(detail.path("errorCode").asText("")).filter(s -> !s.isEmpty());
        return new AuditEvent(text(event, "id"), text(event, "account"), required(event, "region"), Optional.of(groupId),
                eventName, errorCode);
    }

    /** Where each call carries the group id; by-name requests in a default VPC have it only in the response. */
    private static Optional<String> groupId(JsonNode detail) {
        JsonNode request = detail.path("requestParameters");
        JsonNode response = detail.path("responseElements");
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

    private static void expect(JsonNode event, String detailType, String source) {
        String actualType = event.path("detail-type").asText("");
        String actualSource = event.path("source").asText("");
        if (!actualType.equals(detailType) || !actualSource.equals(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type '" + actualType + "' from source '"
                    + actualSource + "'; this function accepts '" + detailType + "' from '" + source + "'");
        }
    }

    private static String required(JsonNode event, String field) {
        String value = text(event, field);
        if (value.isEmpty()) {
            throw new UnsupportedEventException("event has no '" + field + "' field");
        }
        return value;
    }

    private static String text(JsonNode event, String field) {
        return event.path(field).asText("");
    }
}
