package dev.cloudwarden.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.NotificationOps;
import dev.cloudwarden.api.contract.TopicEstate.Delivered;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link NotificationOps} must do on every cloud: deliver a message as it was given, under the id publish
 * answered, up to the limit it states, refuse a longer one before any call, and say NOT_FOUND for a topic that is gone.
 * A cloud's test extends it and says how to make topics there and read what reached them ({@link TopicEstate}).
 */
public abstract class NotificationOpsContract {
    private static final String SUBJECT = "cloudwarden: 3 resources miss required tags";

    private TopicEstate estate;
    private CloudProvider provider;
    private NotificationOps notifications;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract TopicEstate createEstate();

    /** A provider of the estate's cloud and region, offering notifications. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectNotificationContract() {
        estate = createEstate();
        provider = createProvider();
        notifications = provider.notifications()
                .orElseThrow(() -> new AssertionError(provider.cloud() + " offers no notifications"));
    }

    @AfterEach
    final void disconnectNotificationContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final TopicEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final NotificationOps notifications() {
        return notifications;
    }

    @Test
    void aPublishedMessageArrivesAsItWasGiven_underTheIdPublishAnswered() {
        String topic = estate.topic();
        String other = estate.topic();
        String message = "{\"violations\":3,\"note\":\"Grüße, 東京\"}";

        String id = notifications.publish(topic, SUBJECT, message);

        assertThat(id).isNotBlank();
        assertThat(estate.delivered(topic)).containsExactly(new Delivered(id, SUBJECT, message));
        assertThat(estate.delivered(other)).isEmpty();
    }

    @Test
    void eachPublishIsOneMessage_withAnIdOfItsOwn() {
        String topic = estate.topic();

        String first = notifications.publish(topic, SUBJECT + " (1/2)", "first");
        String second = notifications.publish(topic, SUBJECT + " (2/2)", "second");

        assertThat(first).isNotEqualTo(second);
        assertThat(estate.delivered(topic)).containsExactlyInAnyOrder(new Delivered(first, SUBJECT + " (1/2)", "first"),
                new Delivered(second, SUBJECT + " (2/2)", "second"));
    }

    @Test
    void aMessageOfExactlyTheLimit_isDeliveredWhole() {
        String topic = estate.topic();
        int limit = notifications.maxMessageBytes();
        String message = "é".repeat(limit / 2) + "x".repeat(limit % 2); // two bytes each in UTF-8
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(limit);

        notifications.publish(topic, SUBJECT, message);

        assertThat(estate.delivered(topic)).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(message));
    }

    @Test
    void aMessageOverTheLimit_isRefusedBeforeAnyCall() {
        String topic = estate.topic();
        String message = "x".repeat(notifications.maxMessageBytes() + 1);
        ApiCalls before = provider.apiCalls();

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> notifications.publish(topic, SUBJECT, message));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).contains(Integer.toString(notifications.maxMessageBytes()));
        assertThat(provider.apiCalls().since(before).total()).isZero();
        assertThat(estate.delivered(topic)).isEmpty();
    }

    @Test
    void aTopicThatIsGone_isNotFound() {
        String gone = estate.deletedTopic();

        CloudException e = catchThrowableOfType(CloudException.class, () -> notifications.publish(gone, SUBJECT, "message"));

        assertThat(e).as("a publish to a topic that is gone fails").isNotNull();
        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isNotBlank();
    }
}
