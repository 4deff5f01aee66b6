package dev.cloudwarden.core.testing;

import static dev.cloudwarden.core.testing.Firewalls.ANYWHERE;
import static dev.cloudwarden.core.testing.Firewalls.group;
import static dev.cloudwarden.core.testing.Firewalls.rule;
import static dev.cloudwarden.core.testing.Firewalls.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.cloudwarden.api.CloudException;
import dev.cloudwarden.api.FirewallOps.RevokeResult;
import dev.cloudwarden.api.FirewallRule;
import dev.cloudwarden.api.PortRange;
import dev.cloudwarden.api.Source;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test double keeps FirewallOps' contract, so what the engine's tests show holds against a real cloud. */
class InMemoryCloudTest {
    private final InMemoryCloud cloud = InMemoryCloud.holding(group("sg-web").rules(
            rule("sgr-ssh").tcp(22).from(ANYWHERE),
            rule("sgr-https").tcp(443).from(ANYWHERE),
            rule("sgr-out").egress().protocol("-1").from(ANYWHERE)).build());

    @Test
    void revokeRemovesTheNamedIngressRulesAndReportsTheOnesAlreadyGone() {
        RevokeResult result = cloud.revokeIngress("sg-web", Set.of("sgr-ssh", "sgr-gone", "sgr-out"));

        assertThat(result).isEqualTo(new RevokeResult(Set.of("sgr-ssh"), Set.of("sgr-gone", "sgr-out")));
        assertThat(ruleIds(cloud.group("sg-web"))).containsExactly("sgr-https", "sgr-out");
    }

    @Test
    void narrowReplacesTheSourcesAndKeepsProtocolAndPorts() {
        FirewallRule ssh = cloud.group("sg-web").rules().getFirst();

        cloud.narrowIngress("sg-web", ssh, List.of(Source.Cidr.of("10.0.0.0/8")));

        assertThat(ruleIds(cloud.group("sg-web"))).containsExactly("sgr-https", "sgr-out", "narrowed-sgr-ssh");
        FirewallRule narrowed = cloud.group("sg-web").rules().getLast();
        assertThat(narrowed.protocol()).isEqualTo(ssh.protocol());
        assertThat(narrowed.ports()).containsExactly(PortRange.single(22));
        assertThat(narrowed.sources()).containsExactly(Source.Cidr.of("10.0.0.0/8"));
    }

    @Test
    void changingAGroupThatDoesNotExistIsNotFound() {
        assertThatExceptionOfType(CloudException.class).isThrownBy(() -> cloud.revokeIngress("sg-gone", Set.of("sgr-ssh")))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.NOT_FOUND))
                .withMessageContaining("no group sg-gone");
    }

    @Test
    void anInjectedFailureFailsTheNextCallOnlyAndIsCounted() {
        CloudException failure = cloud.failNext(InMemoryCloud.LIST_GROUPS, CloudException.Kind.THROTTLED);

        assertThatExceptionOfType(CloudException.class).isThrownBy(cloud::listGroups).isSameAs(failure);
        assertThat(cloud.listGroups()).hasSize(1);
        assertThat(cloud.apiCalls().byOperation()).isEqualTo(Map.of(InMemoryCloud.LIST_GROUPS, 2L));
    }

    @Test
    void findGroupAnswersEmptyForAGroupThatDoesNotExist() {
        assertThat(cloud.findGroup("sg-gone")).isEmpty();
        assertThat(cloud.findGroup("sg-web")).contains(cloud.group("sg-web"));
    }
}
