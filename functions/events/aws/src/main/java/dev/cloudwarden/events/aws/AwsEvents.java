package dev.cloudwarden.events.aws;

import dev.cloudwarden.core.trigger.EventJson;
import java.util.Set;

/** The names EventBridge gives AWS's events (detail-types and sources), and the limits of one event. */
public final class AwsEvents {
    public static final String SCHEDULED = "Scheduled Event";
    /**
     * Where a sweep's event comes from: an EventBridge rule's schedule ({@code aws.events}), or an EventBridge
     * Scheduler schedule, whose input the Terraform module writes in the same shape with {@code aws.scheduler}
     * as its source (Scheduler itself sends only the input its target names).
     */
    public static final Set<String> SCHEDULE_SOURCES = Set.of("aws.events", "aws.scheduler");
    public static final String CLOUDTRAIL = "AWS API Call via CloudTrail";
    /** EBS's own notifications (not CloudTrail): createSnapshot and copySnapshot under one detail-type … */
    public static final String SNAPSHOT_NOTIFICATION = "EBS Snapshot Notification";
    /** … createSnapshots (multi-volume sets) under another. */
    public static final String SNAPSHOT_SET_NOTIFICATION = "EBS Multi-Volume Snapshots Completion Status";
    /** EC2's own notification of an instance's new state (not CloudTrail). */
    public static final String INSTANCE_STATE_CHANGE = "EC2 Instance State-change Notification";

    /** The sources of the calls and notifications the operations react to. */
    public static final String EC2 = "aws.ec2";
    public static final String TAGGING = "aws.tagging";
    public static final String SSM = "aws.ssm";

    /**
     * EventBridge's limit on an event: a PutEvents entry is at most 256 KB, and no event it delivers is larger (its
     * service events, CloudTrail's included, stay under it). Anything larger is not an EventBridge event, and is not
     * read further than this.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    /**
     * How deep objects and arrays may nest. The events cloudwarden reads nest a few levels (a CloudTrail record's
     * request parameters a dozen at most); Jackson's own limit is 1,000.
     */
    public static final int MAX_NESTING = 64;
    /** How an EventBridge event is read before any field is. */
    public static final EventJson JSON = new EventJson("EventBridge", "an EventBridge event", MAX_EVENT_BYTES, MAX_NESTING);

    private AwsEvents() {
    }
}
