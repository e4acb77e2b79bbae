package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.testing.TestRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static final String ACCOUNT = "111122223333";
    private final RuleLoader loader = TestRules.loader(Instant.parse("2026-11-20T09:00:00Z"));

    private static final RuleText TEAM = new RuleText("team.yaml", """
            version: 1
            rules: []
            notify:
              owner-tags: [owner, team]
              default: security
              contacts:
                payments:
                  - chatbot: arn:aws:sns:eu-west-1:111122223333:payments-chat
                  - jira: {url: "https://acme.atlassian.net/", project: PAY, secret: backstop/jira}
                platform:
                  - servicenow: {url: "https://acme.service-now.com", secret: backstop/servicenow, assignment-group: Platform}
                  - webhook: {secret: backstop/hooks/platform}
                security:
                  - sns: arn:aws:sns:eu-west-1:111122223333:security-oncall
              accounts:
                "111122223333": {alias: payments-prod, contact: platform}
                "444455556666": {alias: sandbox}
            """);

    private final Routing routing = loader.load(TestRules.withDefaultPack(TEAM)).routing();

    @Test
    void readsEveryChannelWithItsDefaults() {
        assertThat(routing.origin()).isEqualTo("team.yaml:3");
        assertThat(routing.channels("payments")).containsExactly(
                new ChannelTarget.ChatbotTopic("arn:aws:sns:eu-west-1:111122223333:payments-chat"),
                new ChannelTarget.Jira("https://acme.atlassian.net", "PAY", "Task", "backstop/jira", Optional.empty()));
        assertThat(routing.channels("platform")).containsExactly(
                new ChannelTarget.ServiceNow("https://acme.service-now.com", "incident", "backstop/servicenow",
                        Optional.of("Platform"), "Resolved by caller"),
                new ChannelTarget.Webhook("backstop/hooks/platform"));
        assertThat(routing.alias(ACCOUNT)).contains("payments-prod");
        assertThat(routing.alias("999999999999")).isEmpty();
    }

    @Test
    void theFirstOwnerTagThatNamesAContactRoutesTheNotice() {
        Routing.Route route = routing.route(Map.of("team", "platform", "owner", "payments"), ACCOUNT);

        assertThat(route.contact()).contains("payments");
        assertThat(route.why()).isEqualTo("resource tag owner=payments");
    }

    @Test
    void anOwnerTagThatNamesNoContactFallsBackToTheAccountAndSaysSo() {
        Routing.Route route = routing.route(Map.of("owner", "nobody-we-know"), ACCOUNT);

        assertThat(route.contact()).contains("platform");
        assertThat(route.why()).isEqualTo("resource tag owner=nobody-we-know names no contact, so the contact of account "
                + ACCOUNT);
    }

    @Test
    void anAccountWithoutAContactFallsBackToTheDefault() {
        Routing.Route route = routing.route(Map.of(), "444455556666");

        assertThat(route.contact()).contains("security");
        assertThat(route.why()).isEqualTo("no owner tag (owner, team), so the default contact");
    }

    @Test
    void withoutANotifySectionOnlyTheDefaultTopicHears() {
        Routing none = loader.load(TestRules.withDefaultPack()).routing();

        assertThat(none).isEqualTo(Routing.NONE);
        assertThat(none.route(Map.of("owner", "payments"), ACCOUNT).contact()).isEmpty();
    }

    @Test
    void onlyOneFileRoutesNotifications() {
        RuleText second = new RuleText("second.yaml", """
                version: 1
                rules: []
                notify:
                  default: other
                  contacts:
                    other: [{sns: "arn:aws:sns:eu-west-1:111122223333:other"}]
                """);

        List<RuleError> errors = loader.check(TestRules.withDefaultPack(TEAM, second));

        assertThat(errors).extracting(RuleError::toString).containsExactly(
                "second.yaml:3: rule -: notify: given at team.yaml:3 already; one file gives it");
    }
}
