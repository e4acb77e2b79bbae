package dev.backstop.action.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * The shipped IAM rules against the samples in events/iam, and the Event Ruler 2.0.1 facts that
 * decided how the unexpected-network rule is written.
 */
class IamRulesTest {

    private final RuleBook shipped = TestRules.defaultPack();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "iam/create-access-key-by-root.json | iam-root-access-key-created",
            // Made with mallory's long-term key: the network rule's pattern matches too (its action decides).
            "iam/attach-user-policy-admin.json | iam-access-key-unexpected-network iam-admin-policy-attached",
            "iam/attach-role-policy-admin.json | iam-admin-policy-attached iam-admin-policy-attached-by-role-session",
            "iam/console-login-without-mfa.json | iam-console-login-without-mfa",
            "iam/access-key-from-unexpected-network.json | iam-access-key-unexpected-network",
            "iam/update-assume-role-policy-outside.json | iam-access-key-unexpected-network iam-role-trusts-outside-account",
            "iam/create-access-key-for-another-user.json | iam-access-key-for-another-user",
            "iam/create-login-profile-for-another-user.json | iam-login-profile-for-another-user",
            "sts/get-federation-token.json | iam-access-key-unexpected-network sts-federation-token-by-user"})
    void eachSampleMatchesItsRules(String sample, String rules) {
        assertThat(matched(SampleEvents.read(sample).toString())).containsExactly(rules.split(" "));
    }

    @Test
    void aConsoleLoginWithMfaOrAFailedOneMatchesNothing() {
        var withMfa = SampleEvents.read("iam/console-login-without-mfa.json");
        withMfa.withObject("/detail/additionalEventData").put("MFAUsed", "Yes");
        var failed = SampleEvents.read("iam/console-login-without-mfa.json");
        failed.withObject("/detail/responseElements").put("ConsoleLogin", "Failure");

        assertThat(matched(withMfa.toString())).isEmpty();
        assertThat(matched(failed.toString())).isEmpty();
    }

    @Test
    void anotherPolicyMatchesNoAdminRuleAndAKeyARoleCreatedForAUserIsAnotherUsers() {
        var readOnly = SampleEvents.read("iam/attach-user-policy-admin.json");
        readOnly.withObject("/detail/requestParameters").put("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        var byRole = SampleEvents.read("iam/create-access-key-by-root.json");
        byRole.withObject("/detail/userIdentity").put("type", "AssumedRole");

        assertThat(matched(readOnly.toString())).containsExactly("iam-access-key-unexpected-network");
        assertThat(matched(byRole.toString())).containsExactly("iam-access-key-for-another-user");
    }

    @Test
    void aKeyCreatedWithoutAUserNameIsTheCallersOwnAndTheRootsIsTheRootRules() {
        var own = SampleEvents.read("iam/create-access-key-for-another-user.json");
        own.withObject("/detail/requestParameters").remove("userName");
        var byRoot = SampleEvents.read("iam/create-access-key-for-another-user.json");
        byRoot.withObject("/detail/userIdentity").put("type", "Root");

        assertThat(matched(own.toString())).isEmpty();
        assertThat(matched(byRoot.toString())).containsExactly("iam-root-access-key-created");
    }

    @Test
    void aChangedPasswordMatchesTooAndAFederationTokenFromARoleDoesNot() {
        var changed = SampleEvents.read("iam/create-login-profile-for-another-user.json");
        changed.withObject("/detail").put("eventName", "UpdateLoginProfile");
        var fromRole = SampleEvents.read("sts/get-federation-token.json");
        fromRole.withObject("/detail/userIdentity").put("type", "AssumedRole");

        assertThat(matched(changed.toString())).containsExactly("iam-login-profile-for-another-user");
        assertThat(matched(fromRole.toString())).isEmpty();
    }

    @Test
    void theNetworkRuleMatchesLongTermKeysFromAnAddressOnly() {
        var session = SampleEvents.read("iam/access-key-from-unexpected-network.json");
        session.withObject("/detail/userIdentity").put("accessKeyId", "ASIA4EXAMPLESESSION1");
        var service = SampleEvents.read("iam/access-key-from-unexpected-network.json");
        service.withObject("/detail").put("sourceIPAddress", "AWS Internal");

        assertThat(matched(session.toString())).isEmpty();
        assertThat(matched(service.toString())).isEmpty();
        assertThat(shipped.find("iam-access-key-unexpected-network").orElseThrow().mode().label()).isEqualTo("off");
    }

    @Test
    void eventRulerHasNoAnythingButForCidr() {
        assertThat(JsonRuleCompiler.check("{\"ip\":[{\"anything-but\":{\"cidr\":\"10.0.0.0/8\"}}]}"))
                .contains("Unsupported anything-but pattern: cidr");
    }

    /** Why the complement of the expected networks, as positive cidr patterns, is no way out either. */
    @Test
    void eventRulerCidrRangesCrossAddressFamilies() throws Exception {
        Machine machine = new Machine();
        machine.addRule("lower half of IPv4", "{\"ip\":[{\"cidr\":\"0.0.0.0/1\"}]}");
        machine.addRule("lower half of IPv6", "{\"ip\":[{\"cidr\":\"::/1\"}]}");

        assertThat(machine.rulesForJSONEvent("{\"ip\":\"2001:db8::1\"}")).contains("lower half of IPv4");
        assertThat(machine.rulesForJSONEvent("{\"ip\":\"10.1.2.3\"}")).contains("lower half of IPv6");
    }

    private List<String> matched(String event) {
        return shipped.match(event).stream().map(Rule::id).filter(id -> id.startsWith("iam-") || id.startsWith("sts-"))
                .toList();
    }
}
