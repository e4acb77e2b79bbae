package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "BACKSTOP_AUDIT_TABLE", "backstop-audit",
            "BACKSTOP_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:backstop"));

    @Test
    void defaultsToDryRunWithNoOwnPrincipals() {
        Settings settings = Settings.fromEnvironment(env);

        assertThat(settings.auditTable()).isEqualTo("backstop-audit");
        assertThat(settings.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(settings.ownPrincipals()).isEmpty();
        assertThat(settings.protectedPrincipals()).isEmpty();
    }

    @Test
    void readsProtectedPrincipalsApartFromBackstopsOwnRoles() {
        env.put("BACKSTOP_OWN_PRINCIPALS", "arn:aws:iam::123456789012:role/backstop-CloudTrailFunctionRole-ABC");
        env.put("BACKSTOP_PROTECTED_PRINCIPALS", " arn:aws:iam::123456789012:role/BreakGlass ,,arn:aws:iam::123456789012:role/ci-*");

        Settings settings = Settings.fromEnvironment(env);

        assertThat(settings.ownPrincipals()).containsExactly("arn:aws:iam::123456789012:role/backstop-CloudTrailFunctionRole-ABC");
        assertThat(settings.protectedPrincipals()).containsExactly(
                "arn:aws:iam::123456789012:role/BreakGlass", "arn:aws:iam::123456789012:role/ci-*");
        assertThat(settings.neverChanged()).containsExactly("arn:aws:iam::123456789012:role/backstop-CloudTrailFunctionRole-ABC",
                "arn:aws:iam::123456789012:role/BreakGlass", "arn:aws:iam::123456789012:role/ci-*");
    }

    @Test
    void readsModeAndACommaSeparatedPrincipalList() {
        env.put("BACKSTOP_MODE", "Enforce");
        env.put("BACKSTOP_OWN_PRINCIPALS", " arn:aws:iam::123456789012:role/Backstop-* ,, arn:aws:iam::123456789012:role/BreakGlass");

        Settings settings = Settings.fromEnvironment(env);

        assertThat(settings.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(settings.ownPrincipals()).containsExactly(
                "arn:aws:iam::123456789012:role/Backstop-*", "arn:aws:iam::123456789012:role/BreakGlass");
    }

    @Test
    void readsATeamRuleFileLocationAndItsTtl() {
        env.put("BACKSTOP_RULES_LOCATION", "s3://security-rules/backstop/team.yaml");
        env.put("BACKSTOP_RULES_TTL_SECONDS", "60");

        Settings settings = Settings.fromEnvironment(env);

        assertThat(settings.rulesLocation()).get().satisfies(location -> {
            assertThat(location.bucket()).isEqualTo("security-rules");
            assertThat(location.key()).isEqualTo("backstop/team.yaml");
        });
        assertThat(settings.rulesTtl()).isEqualTo(java.time.Duration.ofSeconds(60));
    }

    @Test
    void rejectsARuleFileLocationItCannotRead() {
        env.put("BACKSTOP_RULES_LOCATION", "ssm:/backstop/rules");

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).hasMessage("BACKSTOP_RULES_LOCATION: expected"
                + " s3://BUCKET/KEY, found \"ssm:/backstop/rules\"");
    }

    @Test
    void rejectsATtlThatIsNotAPositiveNumber() {
        env.put("BACKSTOP_RULES_TTL_SECONDS", "0");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_RULES_TTL_SECONDS: expected a positive number of seconds, found \"0\"");
    }

    @Test
    void namesTheMissingVariable() {
        env.remove("BACKSTOP_AUDIT_TABLE");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .isInstanceOf(SettingsException.class)
                .hasMessage("BACKSTOP_AUDIT_TABLE is not set");
    }

    @Test
    void rejectsAnUnknownMode() {
        env.put("BACKSTOP_MODE", "yolo");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_MODE: unknown mode \"yolo\"; expected one of enforce, dry-run, notify, off");
    }

    @Test
    void rejectsATopicThatIsNotAnArn() {
        env.put("BACKSTOP_TOPIC_ARN", "backstop");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_TOPIC_ARN: expected an SNS topic ARN, found \"backstop\"");
    }

    @Test
    void breakerLimitsDefaultToTwentyPerAccountTenPerRuleAndThreeFlapsAnHour() {
        BreakerLimits limits = Settings.fromEnvironment(env).breakerLimits();

        assertThat(limits).isEqualTo(new BreakerLimits(20, 10, java.time.Duration.ofMinutes(10), 3,
                java.time.Duration.ofHours(1)));
    }

    @Test
    void readsTheBreakerLimitsTheTemplatePasses() {
        env.put("BACKSTOP_BLAST_ACCOUNT_LIMIT", "50");
        env.put("BACKSTOP_BLAST_RULE_LIMIT", "5");
        env.put("BACKSTOP_BLAST_WINDOW_SECONDS", "300");
        env.put("BACKSTOP_FLAPPING_LIMIT", "2");
        env.put("BACKSTOP_FLAPPING_WINDOW_SECONDS", "7200");

        assertThat(Settings.fromEnvironment(env).breakerLimits()).isEqualTo(new BreakerLimits(50, 5,
                java.time.Duration.ofMinutes(5), 2, java.time.Duration.ofHours(2)));
    }

    @Test
    void rejectsABreakerLimitThatIsNotAPositiveWholeNumberNamingTheVariable() {
        env.put("BACKSTOP_FLAPPING_LIMIT", "0");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_FLAPPING_LIMIT: expected a positive whole number, found \"0\"");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "arn:aws:iam::*:role/BreakGlass", "arn:aws:iam::1234567890*:role/x",
        "arn:aws:iam::\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12:role/x", "BreakGlass"})
    void refusesAProtectedPrincipalThatDoesNotNameItsAccount(String pattern) {
        env.put("BACKSTOP_OWN_PRINCIPALS", "arn:aws:iam::123456789012:role/Backstop," + pattern);

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("BACKSTOP_OWN_PRINCIPALS: \"" + pattern + "\" cannot name a protected principal: ");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "arn:aws:iam::*:role/BreakGlass", "arn:aws:iam::1234567890*:role/x",
        "BreakGlass"})
    void refusesAProtectedPrincipalPatternWithoutItsAccountNamingTheVariableAndTheEntry(String pattern) {
        env.put("BACKSTOP_PROTECTED_PRINCIPALS", "arn:aws:iam::123456789012:role/BreakGlass," + pattern);

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("BACKSTOP_PROTECTED_PRINCIPALS: \"" + pattern + "\" cannot name a protected principal: ");
    }

    @Test
    void readsNumbersAsAsciiDigitsWhateverTheScript() {
        env.put("BACKSTOP_RULES_TTL_SECONDS", "\u0666\u0660");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_RULES_TTL_SECONDS: expected a positive number of seconds, found \"\u0666\u0660\"");
    }
}
