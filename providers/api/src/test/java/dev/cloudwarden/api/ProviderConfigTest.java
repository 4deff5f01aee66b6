package dev.cloudwarden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The endpoint rule every cloud shares, checked before any client exists; the deadline a run hands its provider. */
class ProviderConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000", "https://ec2.us-east-1.amazonaws.com", "http://localhost:15101/",
            "http://[::1]:4566/moto", "HTTP://127.0.0.1"})
    void anAbsoluteHttpUrlWithAHost_isAnEndpoint(String text) {
        URI endpoint = ProviderConfig.endpoint(text);

        assertThat(new ProviderConfig("us-east-1", Optional.of(endpoint)).endpoint()).contains(endpoint);
    }

    @Test
    void anEmptyEndpoint_isRefused_sayingWhy() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProviderConfig.endpoint(""))
                .withMessage("endpoint '' cannot be used: it does not start with http:// or https://; give an absolute http:// or https://"
                        + " URL with a host, such as http://127.0.0.1:5000");
    }

    @Test
    void aHostAndPortWithoutScheme_isRefused() {
        // java.net.URI reads "localhost" as the scheme of an opaque URI: the SDK would fail on it at client construction
        assertThatIllegalArgumentException().isThrownBy(() -> ProviderConfig.endpoint("localhost:15101"))
                .withMessageStartingWith("endpoint 'localhost:15101' cannot be used: it does not start with http:// or https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1", "http://", "http:///path", "http://127.0.0.1:99999", "http://user@127.0.0.1",
            "http://127.0.0.1/?q=1", "http://127.0.0.1/#x", "http://exa mple", "/relative/path", "127.0.0.1"})
    void anythingElse_isRefused_inOneSentence(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ProviderConfig.endpoint(text))
                .withMessageStartingWith("endpoint '")
                .withMessageContaining("give an absolute http:// or https:// URL with a host")
                .withMessageNotContaining("Exception");
    }

    @Test
    void aConfigMadeInCodeIsCheckedToo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProviderConfig("us-east-1", Optional.of(URI.create("localhost:15101"))));
    }

    @Test
    void theDeadline_survivesTheOperationsName() {
        Instant deadline = Instant.parse("2026-03-10T06:00:30Z");

        ProviderConfig config = ProviderConfig.of("us-east-1").withDeadline(deadline).forOperation("security-group-audit");

        assertThat(config.deadline()).contains(deadline);
        assertThat(config.application()).isEqualTo("cloudwarden-security-group-audit");
        assertThat(ProviderConfig.of("us-east-1").deadline()).isEmpty();
    }
}
