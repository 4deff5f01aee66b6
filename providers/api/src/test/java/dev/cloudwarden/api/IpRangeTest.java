package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {

    @Test
    void parsesAnIpv4Block() {
        IpRange range = IpRange.parse("10.0.0.0/8");

        assertThat(range.ipv6()).isFalse();
        assertThat(range.prefixLength()).isEqualTo(8);
        assertThat(range.first()).isEqualTo(BigInteger.valueOf(10L << 24));
        assertThat(range.last()).isEqualTo(BigInteger.valueOf((11L << 24) - 1));
        assertThat(range.sizeExponent()).isEqualTo(24);
    }

    @Test
    void parsesAnIpv6Block() {
        IpRange range = IpRange.parse("2001:db8::/32");

        assertThat(range.ipv6()).isTrue();
        assertThat(range.prefixLength()).isEqualTo(32);
        assertThat(range.sizeExponent()).isEqualTo(96);
    }

    @Test
    void readsABareAddressAsASingleHost() {
        assertThat(IpRange.parse("203.0.113.7").prefixLength()).isEqualTo(32);
        assertThat(IpRange.parse("2001:db8::7").prefixLength()).isEqualTo(128);
    }

    @Test
    void keepsTheTextAsWrittenButComparesByNetwork() {
        IpRange written = IpRange.parse(" 10.1.2.3/8 ");

        assertThat(written.cidr()).isEqualTo("10.1.2.3/8");
        assertThat(written.toString()).isEqualTo("10.1.2.3/8");
        assertThat(written.first()).isEqualTo(IpRange.parse("10.0.0.0/8").first());
        assertThat(written.contains(IpRange.parse("10.200.0.0/16"))).isTrue();
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "0.0.0.0/0,      203.0.113.0/24,  true",
            "10.0.0.0/8,     10.1.0.0/16,     true",
            "10.0.0.0/8,     10.0.0.0/8,      true",
            "10.0.0.0/8,     10.255.255.255,  true",
            "10.0.0.0/8,     10.0.0.0/7,      false",
            "10.0.0.0/8,     11.0.0.0/8,      false",
            "::/0,           2001:db8::/32,   true",
            "2001:db8::/32,  2001:db8:1::/48, true",
            "2001:db8::/32,  2001:db9::/48,   false",
    })
    void containsOnlyWholeSubranges(String outer, String inner, boolean expected) {
        assertThat(IpRange.parse(outer).contains(IpRange.parse(inner))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource({
            "10.0.0.0/8,     10.255.255.255/32, true",
            "10.0.0.0/7,     11.128.0.0/9,      true",
            "10.1.0.0/16,    10.0.0.0/8,        true",
            "10.0.0.0/8,     11.0.0.0/8,        false",
            "100.64.0.0/10,  100.128.0.0/10,    false",
            "2001:db8::/32,  2001:db8:1::/48,   true",
            "2001:db8::/32,  2001:db9::/32,     false",
    })
    void overlapsWhenTheBlocksShareAnAddress(String a, String b, boolean expected) {
        assertThat(IpRange.parse(a).overlaps(IpRange.parse(b))).isEqualTo(expected);
        assertThat(IpRange.parse(b).overlaps(IpRange.parse(a))).isEqualTo(expected);
    }

    @Test
    void neverRelatesIpv4ToIpv6() {
        assertThat(IpRange.ALL_IPV4.contains(IpRange.ALL_IPV6)).isFalse();
        assertThat(IpRange.ALL_IPV6.contains(IpRange.ALL_IPV4)).isFalse();
        assertThat(IpRange.ALL_IPV4.overlaps(IpRange.ALL_IPV6)).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            example.com         | 'example.com' is not an IPv4 or IPv6 CIDR block
            10.0.0/8            | '10.0.0/8' is not an IPv4 or IPv6 CIDR block
            ""                  | '' is not an IPv4 or IPv6 CIDR block
            10.0.0.0/x          | '10.0.0.0/x' has no numeric prefix length
            10.0.0.0/33         | '10.0.0.0/33' has prefix length 33, expected 0..32
            2001:db8::/129      | '2001:db8::/129' has prefix length 129, expected 0..128
            1:2:3/64            | '1:2:3/64' is not a valid IP address
            ::ffff:10.0.0.1/128 | '::ffff:10.0.0.1/128' mixes IPv4 and IPv6 notation
            """)
    void refusesWhatIsNotACidrBlockAndSaysWhy(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse(text)).withMessage(message);
    }

    @Test
    void refusesAnOctetOver255WithoutAskingTheResolver() {
        RecordingResolverProvider.LOOKUPS.clear();

        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("10.0.0.256/32"))
                .withMessage("'10.0.0.256/32' is not a valid IP address");
        assertThat(RecordingResolverProvider.LOOKUPS).isEmpty();
    }
}
