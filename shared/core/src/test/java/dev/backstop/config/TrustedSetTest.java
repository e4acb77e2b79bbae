package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrustedSetTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "BACKSTOP_AUDIT_TABLE", "backstop-audit",
            "BACKSTOP_TOPIC_ARN", "arn:aws:sns:us-east-1:999999999999:backstop"));

    @Test
    void trustsTheListedAccountsTheDeploymentsOwnAndTheResourcesAccount() {
        env.put("BACKSTOP_TRUSTED_ACCOUNTS", " 444455556666 ,,012345678901");
        env.put("BACKSTOP_HOME_ACCOUNT", "999999999999");
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", "111122223333");
        env.put("BACKSTOP_MEMBER_ROLE_NAME", "BackstopRemediation");

        TrustedSet trusted = Settings.fromEnvironment(env).trusted();

        assertThat(trusted.accounts()).containsExactlyInAnyOrder("444455556666", "012345678901", "999999999999",
                "111122223333");
        assertThat(trusted.trusts("012345678901", "222233334444")).as("listed, leading zero kept").isTrue();
        assertThat(trusted.trusts("222233334444", "222233334444")).as("the resource's own account").isTrue();
        assertThat(trusted.trusts("777788889999", "222233334444")).isFalse();
        assertThat(trusted.trusts(null, "222233334444")).isFalse();
    }

    @Test
    void trustsTheOrganizationByItsIdOnly() {
        env.put("BACKSTOP_TRUSTED_ORGANIZATION", "o-abcdef1234");

        TrustedSet trusted = Settings.fromEnvironment(env).trusted();

        assertThat(trusted.organization()).contains("o-abcdef1234");
        assertThat(trusted.trustsOrganization("o-abcdef1234")).isTrue();
        assertThat(trusted.trustsOrganization("o-zzzzzz9999")).isFalse();
        assertThat(trusted.trustsOrganization(null)).isFalse();
    }

    @Test
    void withoutSettingsOnlyTheResourcesOwnAccountIsTrusted() {
        TrustedSet trusted = Settings.fromEnvironment(env).trusted();

        assertThat(trusted).isEqualTo(TrustedSet.none());
        assertThat(trusted.trusts("123456789012", "123456789012")).isTrue();
        assertThat(trusted.trusts("111122223333", "123456789012")).isFalse();
        assertThat(trusted.trustsOrganization("o-abcdef1234")).isFalse();
    }

    @Test
    void rejectsAnAccountThatIsNotTwelveDigitsNamingTheVariable() {
        env.put("BACKSTOP_TRUSTED_ACCOUNTS", "444455556666,4444-5555-6666");

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessage("BACKSTOP_TRUSTED_ACCOUNTS: expected a 12-digit account id, found \"4444-5555-6666\"");
    }

    @Test
    void rejectsAnOrganizationIdThatIsNoneNamingTheVariable() {
        env.put("BACKSTOP_TRUSTED_ORGANIZATION", "r-abcd");

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessage("BACKSTOP_TRUSTED_ORGANIZATION: expected an organization id (o- and 10 to 32 lower-case"
                        + " letters or digits), found \"r-abcd\"");
    }

    @Test
    void aSetMadeInCodeIsValidatedToo() {
        assertThatThrownBy(() -> new TrustedSet(Optional.empty(), Set.of("12345")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("\"12345\"");
    }
}
