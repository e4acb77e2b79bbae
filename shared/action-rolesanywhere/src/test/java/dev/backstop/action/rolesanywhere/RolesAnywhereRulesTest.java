package dev.backstop.action.rolesanywhere;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.TestRules;
import org.junit.jupiter.api.Test;

/** The shipped trust anchor rule against the sample in events/rolesanywhere. */
class RolesAnywhereRulesTest {

    private static final RuleBook SHIPPED = TestRules.defaultPack();

    @Test
    void aCreatedOrEnabledAnchorMatchesAndAFailedOrDeletedOneDoesNot() {
        ObjectNode enabled = read("rolesanywhere/create-trust-anchor.json");
        detail(enabled).put("eventName", "EnableTrustAnchor");
        ObjectNode failed = read("rolesanywhere/create-trust-anchor.json");
        detail(failed).put("errorCode", "AccessDeniedException");
        ObjectNode deleted = read("rolesanywhere/create-trust-anchor.json");
        detail(deleted).put("eventName", "DeleteTrustAnchor");

        assertThat(SHIPPED.match(read("rolesanywhere/create-trust-anchor.json").toString())).extracting(Rule::id)
                .containsExactly("rolesanywhere-trust-anchor-created");
        assertThat(SHIPPED.match(enabled.toString())).extracting(Rule::id).containsExactly("rolesanywhere-trust-anchor-created");
        assertThat(SHIPPED.match(failed.toString())).isEmpty();
        assertThat(SHIPPED.match(deleted.toString())).isEmpty();
    }
}
