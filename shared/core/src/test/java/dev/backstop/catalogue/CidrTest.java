package dev.backstop.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.0/24", "0.0.0.0/0", "2001:db8::/32", "::/0", "10.0.0.1/32"})
    void readsNetworksInCidrNotation(String cidr) {
        assertThat(Cidr.read(cidr)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.0/33", "10.0.0.300/8", "office", "example.com/24", "2001:db8::/129", "10.0.0.0",
        "10.0.0.0/\u0662\u0664", "10.0.0.0/-1", "10.0.0.0/24/8"})
    void refusesWhatIsNoNetwork(String cidr) {
        assertThat(Cidr.read(cidr)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.9", "203.0.113.255"})
    void holdsTheAddressesOfItsNetwork(String address) {
        assertThat(Cidr.parse("203.0.113.0/24").contains(Cidr.literal(address).orElseThrow())).isTrue();
        assertThat(Cidr.parse("203.0.114.0/24").contains(Cidr.literal(address).orElseThrow())).isFalse();
    }
}
