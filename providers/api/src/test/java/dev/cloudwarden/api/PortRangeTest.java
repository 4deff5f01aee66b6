package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {

    @ParameterizedTest(name = "''{0}'' is {1}-{2}")
    @CsvSource({
            "22,          22,  22",
            "' 3389 ',    3389, 3389",
            "20-23,       20,  23",
            "'1000 - 2000', 1000, 2000",
            "*,           0,   65535",
            "0-65535,     0,   65535",
    })
    void parsesAPortARangeOrEveryPort(String text, int from, int to) {
        assertThat(PortRange.parse(text)).isEqualTo(new PortRange(from, to));
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ssh   | 'ssh' is not a port or a port range like 20-23
            20-   | '20-' is not a port or a port range like 20-23
            23-20 | port range 23-20 is not within 0-65535 in order
            70000 | port range 70000-70000 is not within 0-65535 in order
            """)
    void refusesWhatIsNotAPortRangeAndSaysWhy(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parse(text)).withMessage(message);
    }

    @Test
    void coversContainsAndOverlapsAreInclusive() {
        PortRange range = new PortRange(1000, 2000);

        assertThat(range.covers(1000)).isTrue();
        assertThat(range.covers(2000)).isTrue();
        assertThat(range.covers(2001)).isFalse();
        assertThat(range.contains(PortRange.single(1433))).isTrue();
        assertThat(range.contains(new PortRange(1500, 2500))).isFalse();
        assertThat(range.overlaps(new PortRange(2000, 2500))).isTrue();
        assertThat(range.overlaps(new PortRange(2001, 2500))).isFalse();
    }

    @Test
    void printsASinglePortWithoutADash() {
        assertThat(PortRange.single(22)).hasToString("22");
        assertThat(new PortRange(20, 21)).hasToString("20-21");
    }
}
