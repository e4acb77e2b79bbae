package dev.backstop.channels;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:9001/2018-06-01/runtime/invocation/next", "https://localhost/x",
        "https://169.254.169.254/latest/meta-data/", "https://[::1]/", "https://0.0.0.0/"})
    void neverCallsThisMachineOrLinkLocalAddresses(String url) {
        assertThatThrownBy(() -> EgressGuard.PUBLIC.check(URI.create(url)))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/x", "ftp://example.com/"})
    void callsHttpsOnly(String url) {
        assertThatThrownBy(() -> EgressGuard.PUBLIC.check(URI.create(url)))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("only https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.5/hook", "https://203.0.113.7/hook"})
    void callsPrivateAndPublicAddresses(String url) {
        assertThatCode(() -> EgressGuard.PUBLIC.check(URI.create(url))).doesNotThrowAnyException();
    }
}
