package dev.cloudwarden.api.contract;

import java.util.List;
import java.util.Objects;

/**
 * Destinations of notifications made in a cloud's own terms, and what reached them, for {@link NotificationOpsContract}:
 * an SNS topic with a queue subscribed, an Event Grid topic, a Pub/Sub topic with a subscription. Everything here goes
 * around the provider under test.
 */
public interface TopicEstate extends AutoCloseable {

    /** A new topic, named as the provider's publish takes it, that keeps what it receives. */
    String topic();

    /** A topic that existed and was deleted, named as the provider's publish takes it. */
    String deletedTopic();

    /** Every message delivered to one of {@link #topic()}'s topics so far, in any order. */
    List<Delivered> delivered(String topic);

    @Override
    default void close() {
    }

    /** One message as it arrived: the id publish answered, its subject (empty when it has none), its text. */
    record Delivered(String messageId, String subject, String message) {
        public Delivered {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(message, "message");
        }
    }
}
