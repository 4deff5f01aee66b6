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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NotificationOps} against moto server: what is published arrives in an SQS queue subscribed to the topic. What
 * every cloud must do is {@link dev.cloudwarden.api.contract.NotificationOpsContract} ({@link MotoNotificationOpsTest});
 * this class holds what SNS adds: its subject rules, its limit, its call names.
 */
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
    void aLongSubjectOnSeveralLines_arrivesAsOneLineOf100Characters() {
        String topic = estate.createTopicWithQueue();

        notifications.publish(topic, "tag compliance\nus-east-1: " + "x".repeat(200), "body");

        Delivered delivered = estate.delivered(topic).getFirst();
        assertThat(delivered.subject()).hasSize(100).startsWith("tag compliance us-east-1: xxx").doesNotContain("\n");
        assertThat(provider.apiCalls().byOperation()).isEqualTo(Map.of("sns:Publish", 1L));
    }

    @Test
    void theLimitIsSnsDefault_256KiB() {
        assertThat(notifications.maxMessageBytes()).isEqualTo(262_144);
    }

    @Test
    void aTopicThatDoesNotExist_isNotFound_namingTheCall() {
        CloudException e = catchThrowableOfType(CloudException.class, () -> notifications.publish(
                "arn:aws:sns:us-east-1:123456789012:nothing-here", "subject", "message"));

        assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND);
        assertThat(e.operation()).isEqualTo("sns:Publish");
    }
}
