package dev.cloudwarden.aws;

import static dev.cloudwarden.emulator.Ec2Estate.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.emulator.MotoExtension;
import dev.cloudwarden.emulator.MotoServer;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against moto server, plus what moto's request recorder lets us check independently. */
@ExtendWith(MotoExtension.class)
class MotoFirewallsTest extends FirewallOpsContract {
    private final MotoServer moto;

    MotoFirewallsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    protected URI endpoint() {
        return moto.endpoint();
    }

    @Test
    void sweepIsOneDescribe_atTheLargestPageSize() {
        estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"));
        moto.startRecording();

        firewalls.listGroups();

        assertThat(moto.recordedRequests()).singleElement().satisfies(body ->
                assertThat(body).contains("Action=DescribeSecurityGroups&").contains("MaxResults=1000"));
    }

    @Test
    void revokeReadsTheGroupThenSendsOneMutatingCall_andOurCountMatchesTheEmulators() {
        String web = estate.group("web", Map.of(), tcp(22, "0.0.0.0/0"), tcp(3389, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"));
        Set<String> open = Set.of(ruleId(web, "tcp 22 from 0.0.0.0/0"), ruleId(web, "tcp 3389 from 0.0.0.0/0"));
        long before = provider.apiCalls().total();
        moto.startRecording();

        firewalls.revokeIngress(web, open);

        assertThat(moto.recordedActions()).containsExactly("DescribeSecurityGroups", "RevokeSecurityGroupIngress");
        assertThat(provider.apiCalls().total() - before).isEqualTo(moto.recordedActions().size());
        assertThat(estate.ingress(web)).containsExactly("tcp 443 from 0.0.0.0/0");
    }
}
