package dev.backstop.action.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTest {

    private final Networks networks = Networks.parse(List.of("203.0.113.0/24", "198.51.100.128/25", "10.0.0.0/8",
            "2001:db8:ab00::/40", "192.0.2.7/32"));

    @ParameterizedTest(name = "{0} inside: {1}")
    @CsvSource({
            "203.0.113.0, true", "203.0.113.255, true", "203.0.114.0, false",
            "198.51.100.128, true", "198.51.100.127, false",
            "10.255.255.255, true", "11.0.0.0, false",
            "192.0.2.7, true", "192.0.2.8, false",
            "2001:db8:ab12::1, true", "2001:db8:ac00::1, false", "2001:0db8:abff:0:0:0:0:1, true",
            // IPv4 and IPv6 never meet: an address in one family is in no network of the other.
            "::ffff:10.1.2.3, true", "::a01:203, false"})
    void placesAnAddressInOrOutOfTheNetworks(String address, boolean inside) {
        assertThat(networks.contains(address)).contains(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS Internal", "ec2.amazonaws.com", "localhost", "", "999.1.1.1", "1.2.3"})
    void aHostNameIsNoAddressAndIsNeverLookedUp(String text) {
        assertThat(networks.contains(text)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "2001:db8::/129", "office/24", "10.0.0.0/-1", "10.0.0.0/x"})
    void rejectsWhatIsNotANetworkNamingIt(String cidr) {
        assertThatThrownBy(() -> Networks.parse(List.of(cidr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + cidr + "\" is not a network in CIDR notation");
    }
}
