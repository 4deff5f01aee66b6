package dev.cloudwarden.events.aws;

import static dev.cloudwarden.core.trigger.EventFields.quote;
import static dev.cloudwarden.core.trigger.EventFields.required;
import static dev.cloudwarden.core.trigger.EventFields.safe;
import static dev.cloudwarden.core.trigger.EventFields.string;
import static dev.cloudwarden.core.trigger.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.core.Scope;
import dev.cloudwarden.core.trigger.DecodedEvent;
import dev.cloudwarden.core.trigger.EventDecoder;
import dev.cloudwarden.core.trigger.EventJson;
import dev.cloudwarden.core.trigger.UnsupportedEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes the EventBridge events the functions accept, and rejects everything else with a message naming what was
 * expected and what arrived. This class routes by the envelope; what each operation reacts to is its
 * {@link AwsTrigger}'s:
 * <ul>
 *   <li>{@code Scheduled Event} from {@code aws.events} or {@code aws.scheduler}: sweep the region.</li>
 *   <li>{@code AWS API Call via CloudTrail} for a call the function's operation reacts to
 *       ({@link AwsTrigger#calls()}): evaluate the resources the call named.</li>
 *   <li>{@code EBS Snapshot Notification} ({@code createSnapshot}, {@code copySnapshot}) and
 *       {@code EBS Multi-Volume Snapshots Completion Status} ({@code createSnapshots}) from {@code aws.ec2},
 *       and {@code EC2 Instance State-change Notification}: for the operation whose trigger takes them
 *       ({@link AwsTrigger#notifications()}).</li>
 * </ul>
 *
 * <p>Everything else fails with an {@link UnsupportedEventException} whose message is one sentence saying what is
 * wrong, with every value it quotes from the event made printable and cut short. Before any field is read, the bytes
 * must be one event as EventBridge delivers one ({@link AwsEvents#JSON}), and its envelope must have a
 * {@code detail-type}, a {@code source}, an {@code account} that is an AWS account id and a {@code region} that is an
 * AWS region name, each a string.
 *
 * <p>The Lambda handlers made for one kind of event use {@link #scheduled}, {@link #cloudTrail}, {@link #snapshotJob}
 * and {@link #instanceStateChange}; {@link #decode} takes any of them, by detail-type.
 */
public final class AwsEventDecoder implements EventDecoder {
    @Override
    public CloudId cloud() {
        return CloudId.AWS;
    }

    @Override
    public EventJson json() {
        return AwsEvents.JSON;
    }

    /** An EventBridge envelope: an object with a string {@code detail-type} and {@code source}. */
    @Override
    public boolean recognises(JsonNode event) {
        return event != null && event.isObject() && event.path("detail-type").isTextual() && event.path("source").isTextual();
    }

    /** Any event a function of {@code operation} accepts, by its detail-type: what EventBridgeHandler and the CLI's --event do. */
    @Override
    public DecodedEvent decode(JsonNode event, String operation) {
        Envelope.check(event);
        return switch (Envelope.detailType(event)) {
            case AwsEvents.SCHEDULED -> scheduled(event);
            case AwsEvents.SNAPSHOT_NOTIFICATION, AwsEvents.SNAPSHOT_SET_NOTIFICATION -> snapshotJob(event, operation);
            case AwsEvents.INSTANCE_STATE_CHANGE -> instanceStateChange(event, operation);
            default -> cloudTrail(event, operation);
        };
    }

    /** A schedule's firing, for any operation: sweep the region. */
    public DecodedEvent scheduled(JsonNode event) {
        Envelope.check(event);
        String type = Envelope.detailType(event);
        String source = Envelope.source(event);
        if (!type.equals(AwsEvents.SCHEDULED) || !AwsEvents.SCHEDULE_SOURCES.contains(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + AwsEvents.SCHEDULED + "' from 'aws.events' or 'aws.scheduler'");
        }
        String id = text(event, "id");
        Instant firing;
        try { // the firing this delivery stands for: a retry or a replay still acts on its own window
            firing = Instant.parse(text(event, "time"));
        } catch (DateTimeParseException e) {
            throw new UnsupportedEventException("scheduled event " + safe(id) + " has no valid 'time' (when the schedule fired, such as "
                    + "2026-11-30T03:00:00Z): " + (event.has("time") ? quote(event.get("time").asText("")) : "none"));
        }
        return new DecodedEvent(id, text(event, "account"), required(event, "region"), Scope.REGION,
                Optional.empty(), "schedule " + event.path("resources").path(0).asText(""), Optional.empty(), Optional.empty(),
                Optional.of(firing));
    }

    /** A CloudTrail call {@code operation} reacts to, decoded by the operation's trigger into the resources it named. */
    public DecodedEvent cloudTrail(JsonNode event, String operation) {
        Envelope.check(event);
        Optional<AwsTrigger> trigger = AwsTriggers.of(operation);
        Map<String, Set<String>> accepted = trigger.map(AwsTrigger::calls).orElse(Map.of());
        String type = Envelope.detailType(event);
        String source = Envelope.source(event);
        if (!type.equals(AwsEvents.CLOUDTRAIL) || !accepted.containsKey(source)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; the " + operation + " function accepts '" + AwsEvents.CLOUDTRAIL + "' from "
                    + String.join(", ", new TreeSet<>(accepted.keySet())));
        }
        String eventName = string(event.path("detail"), "eventName", "detail.eventName");
        if (!accepted.get(source).contains(eventName)) {
            throw new UnsupportedEventException("unsupported CloudTrail eventName " + quote(eventName) + " from " + source
                    + ": the " + operation + " function evaluates " + String.join(", ", new TreeSet<>(accepted.get(source))));
        }
        return trigger.orElseThrow().call(CloudTrailCall.of(event, eventName));
    }

    /** EBS's notification that a snapshot job finished, for the operation that takes it (the snapshot lifecycle). */
    public DecodedEvent snapshotJob(JsonNode event, String operation) {
        Envelope.check(event);
        String type = Envelope.detailType(event);
        String source = Envelope.source(event);
        AwsTrigger taker = AwsTriggers.taking(AwsEvents.SNAPSHOT_NOTIFICATION);
        if (!operation.equals(taker.operation())) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; only the " + taker.operation() + " function handles EBS snapshot notifications, this one runs " + operation);
        }
        if (!taker.notifications().contains(type) || !source.equals(AwsEvents.EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + AwsEvents.SNAPSHOT_NOTIFICATION + "' and '" + AwsEvents.SNAPSHOT_SET_NOTIFICATION
                    + "' from '" + AwsEvents.EC2 + "'");
        }
        return taker.notification(event);
    }

    /** EC2's notification that an instance changed state, for the operation that takes it (patch baselines). */
    public DecodedEvent instanceStateChange(JsonNode event, String operation) {
        Envelope.check(event);
        String type = Envelope.detailType(event);
        String source = Envelope.source(event);
        if (!type.equals(AwsEvents.INSTANCE_STATE_CHANGE) || !source.equals(AwsEvents.EC2)) {
            throw new UnsupportedEventException("unsupported event: detail-type " + quote(type) + " from source " + quote(source)
                    + "; this handler accepts '" + AwsEvents.INSTANCE_STATE_CHANGE + "' from '" + AwsEvents.EC2 + "'");
        }
        AwsTrigger taker = AwsTriggers.taking(AwsEvents.INSTANCE_STATE_CHANGE);
        if (!operation.equals(taker.operation())) {
            throw new UnsupportedEventException("unsupported event: only the " + taker.operation()
                    + " function handles '" + AwsEvents.INSTANCE_STATE_CHANGE + "', this one runs " + operation);
        }
        return taker.notification(event);
    }
}
