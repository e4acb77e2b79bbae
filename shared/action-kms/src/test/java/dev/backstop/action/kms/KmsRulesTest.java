package dev.backstop.action.kms;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.TestRules;
import org.junit.jupiter.api.Test;

/**
 * The shipped KMS rules against the samples in events/kms: each call meets its any-key rule and
 * Backstop's own key's rule (the actions tell the two keys apart), both shipped in notify but the
 * own key's deletion.
 */
class KmsRulesTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    @Test
    void aScheduledDeletionMeetsTheAnyKeyRuleInNotifyAndTheOwnKeyRule() {
        ObjectNode failed = read("kms/schedule-key-deletion.json");
        detail(failed).put("errorCode", "KMSInvalidStateException");

        assertThat(SHIPPED.match(read("kms/schedule-key-deletion.json").toString())).extracting(Rule::id)
                .containsExactlyInAnyOrder("kms-key-deletion-scheduled", "self-watch-key-deletion-scheduled");
        assertThat(SHIPPED.match(failed.toString())).isEmpty();
        assertThat(SHIPPED.find("kms-key-deletion-scheduled").orElseThrow().mode()).isEqualTo(Mode.NOTIFY);
    }

    @Test
    void aKeyPolicySetOrAKeyCreatedWithOneMeetsTheOutsidePolicyRule() {
        ObjectNode disabled = read("kms/put-key-policy-outside.json");
        detail(disabled).put("eventName", "DisableKey");

        assertThat(SHIPPED.match(read("kms/put-key-policy-outside.json").toString())).extracting(Rule::id)
                .containsExactlyInAnyOrder("kms-key-policy-outside-account", "self-watch-key-policy-changed");
        assertThat(SHIPPED.match(read("kms/create-key-outside.json").toString())).extracting(Rule::id)
                .containsExactly("kms-key-policy-outside-account");
        assertThat(SHIPPED.match(disabled.toString())).extracting(Rule::id).doesNotContain("kms-key-policy-outside-account");
        assertThat(SHIPPED.find("kms-key-policy-outside-account").orElseThrow().mode()).isEqualTo(Mode.NOTIFY);
    }
}
