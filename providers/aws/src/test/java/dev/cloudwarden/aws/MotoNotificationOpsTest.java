package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.contract.NotificationOpsContract;
import dev.cloudwarden.api.contract.TopicEstate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NotificationOpsContract} against moto server, through the real SDK clients: SNS topics, each with an SQS
 * queue subscribed, from which what was delivered is read ({@link ResourceEstate#delivered}).
 */
@ExtendWith(MotoExtension.class)
class MotoNotificationOpsTest extends NotificationOpsContract {
    private final MotoServer moto;

    MotoNotificationOpsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected TopicEstate createEstate() {
        return new Topics(new ResourceEstate(moto.endpoint()));
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
    }

    /** {@link TopicEstate} in SNS's terms: topics named by their ARNs. */
    private static final class Topics implements TopicEstate {
        private final ResourceEstate sns;
        /** What each topic's queue held so far: reading the queue empties it. */
        private final Map<String, List<Delivered>> delivered = new HashMap<>();
        private int made;

        Topics(ResourceEstate sns) {
            this.sns = sns;
        }

        @Override
        public String topic() {
            return sns.createTopicWithQueue();
        }

        @Override
        public String deletedTopic() {
            String topic = sns.topic("deleted-" + ++made, Map.of());
            sns.delete(topic);
            return topic;
        }

        @Override
        public List<Delivered> delivered(String topic) {
            List<Delivered> all = delivered.computeIfAbsent(topic, t -> new ArrayList<>());
            sns.delivered(topic).forEach(d -> all.add(new Delivered(d.messageId(), d.subject(), d.message())));
            return List.copyOf(all);
        }

        @Override
        public void close() {
            sns.close();
        }
    }
}
