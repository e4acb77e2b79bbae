package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberAccessTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "BACKSTOP_AUDIT_TABLE", "backstop-audit",
            "BACKSTOP_TOPIC_ARN", "arn:aws:sns:us-east-1:999999999999:backstop",
            "BACKSTOP_HOME_ACCOUNT", "999999999999"));

    @Test
    void allowsTheHomeAccountAndTheListedMembersOnly() {
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", " 111122223333, ,012345678901");
        env.put("BACKSTOP_MEMBER_ROLE_NAME", "BackstopRemediation");

        MemberAccess members = Settings.fromEnvironment(env).members();

        assertThat(members.allows("999999999999")).isTrue();
        assertThat(members.allows("111122223333")).isTrue();
        assertThat(members.allows("012345678901")).as("leading zero kept").isTrue();
        assertThat(members.allows("123456789012")).isFalse();
        assertThat(members.allows(null)).isFalse();
        assertThat(members.isMember("999999999999")).isFalse();
        assertThat(members.isMember("111122223333")).isTrue();
    }

    @Test
    void theHomeAccountAloneAllowsNoOtherAccount() {
        MemberAccess members = Settings.fromEnvironment(env).members();

        assertThat(members.allows("999999999999")).isTrue();
        assertThat(members.allows("111122223333")).isFalse();
        assertThat(members.allowedAccounts()).isEmpty();
    }

    @Test
    void theHomeAccountOnTheListIsNoMember() {
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", "999999999999");

        MemberAccess members = Settings.fromEnvironment(env).members();

        assertThat(members.isMember("999999999999")).isFalse();
        assertThat(members.allowedAccounts()).isEmpty();
    }

    @Test
    void withoutAHomeAccountEveryAccountIsDecidedAsOne() {
        MemberAccess members = MemberAccess.singleAccount();

        assertThat(members.allows("123456789012")).isTrue();
        assertThat(members.isMember("123456789012")).isFalse();
    }

    @Test
    void namesTheMemberRoleInEachMember() {
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", "222233334444,111122223333");
        env.put("BACKSTOP_MEMBER_ROLE_NAME", "BackstopRemediation");

        MemberAccess members = Settings.fromEnvironment(env).members();

        assertThat(members.roleArn("aws", "111122223333")).isEqualTo("arn:aws:iam::111122223333:role/BackstopRemediation");
        assertThat(members.roleArn("aws-cn", "222233334444")).isEqualTo("arn:aws-cn:iam::222233334444:role/BackstopRemediation");
    }

    @Test
    void rejectsAnAccountIdThatIsNotTwelveDigitsNamingTheVariable() {
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", "111122223333,11112222333");

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessage("BACKSTOP_ALLOWED_ACCOUNTS: expected a 12-digit account id, found \"11112222333\"");
    }

    @Test
    void rejectsABadHomeAccount() {
        env.put("BACKSTOP_HOME_ACCOUNT", "arn:aws:iam::999999999999:root");

        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessageStartingWith("BACKSTOP_HOME_ACCOUNT: expected a 12-digit account id");
    }

    @Test
    void membersNeedTheRoleToAssume() {
        env.put("BACKSTOP_ALLOWED_ACCOUNTS", "111122223333");

        assertThatThrownBy(() -> Settings.fromEnvironment(env)).isInstanceOf(SettingsException.class)
                .hasMessage("BACKSTOP_ALLOWED_ACCOUNTS names member accounts, so BACKSTOP_HOME_ACCOUNT and"
                        + " BACKSTOP_MEMBER_ROLE_NAME must be set too");
    }

    @Test
    void rejectsARoleNameOrExternalIdIamWouldRefuse() {
        env.put("BACKSTOP_MEMBER_ROLE_NAME", "role/Backstop");
        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessage("BACKSTOP_MEMBER_ROLE_NAME: not an IAM role name: \"role/Backstop\"");

        env.put("BACKSTOP_MEMBER_ROLE_NAME", "BackstopRemediation");
        env.put("BACKSTOP_MEMBER_EXTERNAL_ID", "has space");
        assertThatThrownBy(() -> Settings.fromEnvironment(env))
                .hasMessageStartingWith("BACKSTOP_MEMBER_EXTERNAL_ID: ");
    }
}
