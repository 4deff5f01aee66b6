package dev.cloudwarden.aws;

import dev.cloudwarden.api.CloudId;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ProviderConfig;
import dev.cloudwarden.api.Providers;
import dev.cloudwarden.api.contract.TagOpsContract;
import dev.cloudwarden.api.contract.TaggedEstate;
import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import dev.cloudwarden.emulator.ResourceEstate;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TagOpsContract} against moto server, through the real SDK clients, on EBS volumes: a type EC2 lists whether or
 * not it has tags. Tags are read back with DescribeTags ({@link ResourceEstate#tagsOf}).
 */
@ExtendWith(MotoExtension.class)
class MotoTagOpsTest extends TagOpsContract {
    private final MotoServer moto;

    MotoTagOpsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected TaggedEstate createEstate() {
        return new Volumes(new ResourceEstate(moto.endpoint()));
    }

    @Override
    protected CloudProvider createProvider() {
        return Providers.find(CloudId.AWS).create(ProviderConfig.of(ResourceEstate.REGION).withEndpoint(moto.endpoint()));
    }

    /** {@link TaggedEstate} in EC2's terms: EBS volumes. */
    private record Volumes(ResourceEstate ec2) implements TaggedEstate {
        @Override
        public String type() {
            return "ec2:volume";
        }

        @Override
        public String resource(Map<String, String> tags) {
            return ec2.volume(tags);
        }

        @Override
        public void delete(String id) {
            ec2.delete(id);
        }

        @Override
        public Map<String, String> tagsOf(String id) {
            return ec2.tagsOf(id);
        }

        @Override
        public void close() {
            ec2.close();
        }
    }
}
