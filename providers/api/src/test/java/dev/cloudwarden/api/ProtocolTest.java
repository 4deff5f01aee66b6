package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({
            "-1,      all",
            "all,     all",
            "*,       all",
            "Any,     all",
            "6,       tcp",
            "Tcp,     tcp",
            "' TCP ', tcp",
            "17,      udp",
            "Udp,     udp",
            "1,       icmp",
            "Icmp,    icmp",
            "58,      icmpv6",
            "47,      47",
    })
    void foldsEachCloudsSpellingIntoOneName(String text, String name) {
        assertThat(Protocol.of(text)).isEqualTo(new Protocol(name));
    }

    @Test
    void awsAzureAndGcpSpellingsOfTcpCompareEqual() {
        assertThat(Protocol.of("6")).isEqualTo(Protocol.of("Tcp")).isEqualTo(Protocol.of("tcp")).isEqualTo(Protocol.TCP);
    }

    @Test
    void onlyPortBasedProtocolsSelectTrafficByPort() {
        assertThat(Protocol.TCP.hasPorts()).isTrue();
        assertThat(Protocol.UDP.hasPorts()).isTrue();
        assertThat(Protocol.ALL.hasPorts()).isTrue();
        assertThat(Protocol.of("sctp").hasPorts()).isTrue();
        assertThat(Protocol.of("icmp").hasPorts()).isFalse();
        assertThat(Protocol.of("47").hasPorts()).isFalse();
    }

    @Test
    void allIncludesEveryProtocolAndEachOtherOnlyItself() {
        assertThat(Protocol.ALL.includes(Protocol.TCP)).isTrue();
        assertThat(Protocol.ALL.includes(Protocol.of("icmp"))).isTrue();
        assertThat(Protocol.TCP.includes(Protocol.TCP)).isTrue();
        assertThat(Protocol.TCP.includes(Protocol.UDP)).isFalse();
        assertThat(Protocol.TCP.includes(Protocol.ALL)).isFalse();
    }
}
