package dev.cloudwarden.core.testing;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.contract.NotificationOpsContract;
import dev.cloudwarden.api.contract.TopicEstate;
import java.util.List;

/**
 * The in-memory cloud keeps {@link NotificationOpsContract}, so that what the engine's tests show over it holds on every
 * cloud.
 */
class InMemoryNotificationOpsTest extends NotificationOpsContract {
    private final InMemoryCloud cloud = new InMemoryCloud(CloudId.AWS, Firewalls.REGION);

    @Override
    protected TopicEstate createEstate() {
        return new MemoryTopics(cloud);
    }

    @Override
    protected CloudProvider createProvider() {
        return cloud;
    }

    /** Topics of the in-memory cloud, which holds every topic a test names; what reached them is what it published. */
    private static final class MemoryTopics implements TopicEstate {
        private final InMemoryCloud cloud;
        private int made;

        MemoryTopics(InMemoryCloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public String topic() {
            return "topic-" + ++made;
        }

        @Override
        public String deletedTopic() {
            String topic = topic();
            cloud.deleteTopic(topic);
            return topic;
        }

        @Override
        public List<Delivered> delivered(String topic) {
            return cloud.published().stream().filter(m -> m.topic().equals(topic))
                    .map(m -> new Delivered(m.messageId(), m.subject(), m.body())).toList();
        }
    }
}
