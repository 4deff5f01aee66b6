package dev.cloudwarden.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.IpPermission;

class RuleKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"ingress:tcp:22:22:0.0.0.0/0", "ingress:-1:::10.0.0.0/8", "ingress:tcp:3389:3389:::/0",
            "ingress:icmp:8:-1:0.0.0.0/0", "ingress:tcp:8080:8080:123456789012/sg-0abc", "ingress:udp:53:53:sg-0abc",
            "egress:-1:::pl-0abc", "ingress:50:::2001:db8::/32"})
    void readsBackWhatItWrites_andItsPermissionHasTheSameKey(String id) {
        RuleKey key = RuleKey.parse(id);

        assertThat(key.id()).isEqualTo(id);
        assertThat(RuleKey.of(key.egress(), key.permission()).map(RuleKey::id)).containsExactly(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgr-0abc", "ingress:tcp:22:22:", "inbound:tcp:22:22:0.0.0.0/0", "ingress::22:22:0.0.0.0/0",
            "ingress:tcp:ssh:22:0.0.0.0/0"})
    void refusesAnIdItDidNotWrite_namingIt(String id) {
        assertThatThrownBy(() -> RuleKey.parse(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + id + "'");
    }

    @org.junit.jupiter.api.Test
    void onePermissionWithManyPeers_isOneKeyPerPeer_asEc2CountsRules() {
        IpPermission permission = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(r -> r.cidrIp("0.0.0.0/0"), r -> r.cidrIp("10.0.0.0/8"))
                .ipv6Ranges(r -> r.cidrIpv6("::/0"))
                .userIdGroupPairs(p -> p.groupId("sg-1").userId("123456789012"))
                .prefixListIds(p -> p.prefixListId("pl-1")).build();

        assertThat(RuleKey.of(false, permission).map(RuleKey::id)).containsExactly("ingress:tcp:443:443:0.0.0.0/0",
                "ingress:tcp:443:443:10.0.0.0/8", "ingress:tcp:443:443:::/0", "ingress:tcp:443:443:123456789012/sg-1",
                "ingress:tcp:443:443:pl-1");
    }
}
