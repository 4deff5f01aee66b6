package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudwarden.aws.RegionalEc2.Retries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Which client serves which region and retries, how often one is built, and what closing closes. */
class RegionalEc2Test {
    private final List<String> built = new ArrayList<>();
    private final FakeEc2 home = new FakeEc2("us-east-1", Retries.ADAPTIVE);
    private final RegionalEc2 clients = new RegionalEc2("us-east-1", home, (region, retries) -> {
        built.add(region + "/" + retries);
        return new FakeEc2(region, retries);
    });

    @Test
    void theHomeRegionsAdaptiveClient_isTheProvidersOwn_builtNever() {
        assertThat(clients.in("us-east-1")).isSameAs(home);
        assertThat(built).isEmpty();
    }

    @Test
    void eachOtherRegionAndEachRetryKind_isBuiltOnFirstUse_once() {
        Ec2Client dr = clients.in("us-west-2");
        Ec2Client drWrites = clients.nonRepeatingIn("us-west-2");
        Ec2Client homeWrites = clients.nonRepeatingIn("us-east-1");

        assertThat(clients.in("us-west-2")).isSameAs(dr);
        assertThat(clients.nonRepeatingIn("us-west-2")).isSameAs(drWrites).isNotSameAs(dr);
        assertThat(clients.nonRepeatingIn("us-east-1")).isSameAs(homeWrites).isNotSameAs(home);
        assertThat(built).containsExactly("us-west-2/ADAPTIVE", "us-west-2/THROTTLING_ONLY", "us-east-1/THROTTLING_ONLY");
    }

    @Test
    void closing_closesWhatItBuilt_butNotTheProvidersClient_andRefusesLaterUse() {
        FakeEc2 dr = (FakeEc2) clients.in("us-west-2");
        FakeEc2 writes = (FakeEc2) clients.nonRepeatingIn("us-east-1");

        clients.close();

        assertThat(dr.closed).isTrue();
        assertThat(writes.closed).isTrue();
        assertThat(home.closed).isFalse();
        assertThatThrownBy(() -> clients.in("us-west-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /** An EC2 client that only knows whether it was closed. */
    private static final class FakeEc2 implements Ec2Client {
        private final String name;
        private boolean closed;

        FakeEc2(String region, Retries retries) {
            this.name = "ec2 " + region + " " + retries;
        }

        @Override
        public String serviceName() {
            return name;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
