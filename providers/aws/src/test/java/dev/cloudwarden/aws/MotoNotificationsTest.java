package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.NotificationOps;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import dev.cloudwarden.emulator.ResourceEstate.Delivered;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link NotificationOps} against moto server: what is published arrives in an SQS queue subscribed to the topic. */
@ExtendWith(MotoExtension.class)
class MotoNotificationsTest {
    private final MotoServer moto;
    private ResourceEstate estate;
    private CloudProvider provider;
    private NotificationOps notifications;

    MotoNotificationsTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connect() {
        estate = new ResourceEstate(moto.endpoint());
        provider = Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
        notifications = provider.notifications().orElseThrow();
    }

    @AfterEach
    void disconnect() {
        provider.close();
        estate.close();
    }

    @Test
    void publishedMessageReachesTheSubscribedQueue_underTheIdPublishReturned() {
        String topic = estate.createTopicWithQueue();
        String message = "{\"violations\":3,\"note\":\"Grüße\"}";

        String id = notifications.publish(topic, "cloudwarden: 3 resources miss required tags", message);

        assertThat(estate.delivered(topic)).containsExactly(
                new Delivered(id, "cloudwarden: 3 resources miss required tags", message));
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("sns:Publish", 1L));
    }

    @Test
    void aLongSubjectOnSeveralLines_arrivesAsOneLineOf100Characters() {
        String topic = estate.createTopicWithQueue();

        notifications.publish(topic, "tag compliance\nus-east-1: " + "x".repeat(200), "body");

        Delivered delivered = estate.delivered(topic).getFirst();
        assertThat(delivered.subject()).hasSize(100).startsWith("tag compliance us-east-1: xxx").doesNotContain("\n");
    }

    @Test
    void aMessageOfExactlyTheLimit_isPublished() {
        String topic = estate.createTopicWithQueue();
        String message = "é".repeat(notifications.maxMessageBytes() / 2); // two bytes each in UTF-8
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(262_144);

        notifications.publish(topic, "big", message);

        assertThat(estate.delivered(topic).getFirst().message()).isEqualTo(message);
    }

    @Test
    void aMessageOverTheLimit_isRefusedBeforeAnyCall() {
        String topic = estate.createTopicWithQueue();

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> notifications.publish(topic, "too big", "x".repeat(262_145)));

        assertThat(e).hasMessageContaining("262145").hasMessageContaining("262144");
        assertThat(provider.apiCalls().total()).isZero();
    }

    @Test
    void aTopicThatDoesNotExist_isNotFound_namingTheCall() {
        CloudException e = catchThrowableOfType(CloudException.class, () -> notifications.publish(
                "arn:aws:sns:us-east-1:123456789012:nothing-here", "subject", "message"));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isEqualTo("sns:Publish");
    }
}
