package dev.cloudwarden.api;

/** Publishes messages to people and systems: an SNS topic (AWS), Event Grid (Azure), Pub/Sub (GCP). */
public interface NotificationOps {
    /**
     * Publishes one message. {@code subject} is a one-line summary (email subscribers see it);
     * {@code message} must not exceed {@link #maxMessageBytes()} in UTF-8.
     *
     * @param topic the destination in the cloud's own spelling, such as an SNS topic ARN
     * @return the id the service gave the message
     */
    String publish(String topic, String subject, String message);

    /** The largest message the service accepts, in UTF-8 bytes. */
    int maxMessageBytes();
}
