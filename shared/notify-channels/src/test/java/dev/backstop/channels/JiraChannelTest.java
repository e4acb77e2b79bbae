package dev.backstop.channels;

import static dev.backstop.channels.ChannelFixtures.JSON;
import static dev.backstop.channels.ChannelFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.Outcome;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.testing.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JiraChannelTest {

    private final LocalHttpServer jira = LocalHttpServer.https();
    private final FakeSecretsManager secretsManager = new FakeSecretsManager()
            .put("backstop/jira", "{\"email\":\"bot@example.com\",\"apiToken\":\"t0ken\"}");
    private final InMemoryTicketIndex index = new InMemoryTicketIndex();
    private final JiraChannel channel = new JiraChannel(ChannelFixtures.http(jira), ChannelFixtures.secrets(secretsManager),
            index, JSON);
    private final ChannelTarget.Jira target = new ChannelTarget.Jira(jira.uri("").toString(), "PAY", "Task", "backstop/jira",
            Optional.empty());

    @AfterEach
    void stop() {
        jira.close();
    }

    @Test
    void opensAnIssueWithTheDocumentedFieldsAndBasicAuth() throws Exception {
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10007\",\"key\":\"PAY-7\",\"self\":\"x\"}");

        String result = channel.deliver(notice("a-1", Outcome.REMEDIATED), target);

        assertThat(result).isEqualTo("opened PAY-7");
        LocalHttpServer.Request request = jira.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/rest/api/2/issue");
        assertThat(request.header("Authorization")).contains("Basic "
                + Base64.getEncoder().encodeToString("bot@example.com:t0ken".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.header("Accept")).contains("application/json");
        JsonNode fields = JSON.readTree(request.body()).path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("PAY");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("summary").asText()).isEqualTo("Backstop: cloudtrail-logging-stopped on "
                + ChannelFixtures.TRAIL);
        assertThat(fields.path("description").asText()).contains("Account: 111122223333 (payments-prod)",
                "Audit id: a-1", "Undo: ./backstop undo a-1 --yes", "Console: https://eu-west-1.console.aws.amazon.com/");
        assertThat(fields.path("labels")).extracting(JsonNode::asText)
                .contains("backstop", "backstop-cloudtrail-logging-stopped");
    }

    @Test
    void aRepeatOnTheSameResourceAndRuleCommentsInsteadOfOpeningAnother() throws Exception {
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10007\",\"key\":\"PAY-7\"}");
        jira.answer("POST", "/rest/api/2/issue/PAY-7/comment", 201, "{\"id\":\"1\"}");
        channel.deliver(notice("a-1", Outcome.REMEDIATED), target);

        String result = channel.deliver(notice("a-2", Outcome.REMEDIATED), target);

        assertThat(result).isEqualTo("updated PAY-7");
        assertThat(jira.requests()).extracting(LocalHttpServer.Request::path)
                .containsExactly("/rest/api/2/issue", "/rest/api/2/issue/PAY-7/comment");
        assertThat(JSON.readTree(jira.requests().get(1).body()).path("body").asText()).contains("Audit id: a-2");
    }

    @Test
    void anUndoMovesTheIssueToADoneStatusAndTheNextDecisionOpensANewOne() throws Exception {
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10007\",\"key\":\"PAY-7\"}");
        jira.answer("POST", "/rest/api/2/issue/PAY-7/comment", 201, "{}");
        jira.answer("GET", "/rest/api/2/issue/PAY-7/transitions", 200, """
                {"transitions": [
                  {"id": "21", "name": "In Progress", "to": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}},
                  {"id": "31", "name": "Done", "to": {"name": "Done", "statusCategory": {"key": "done"}}}]}
                """);
        jira.answer("POST", "/rest/api/2/issue/PAY-7/transitions", 204, "");
        channel.deliver(notice("a-1", Outcome.REMEDIATED), target);

        String result = channel.deliver(notice("undo#a-1", Outcome.UNDONE), target);

        assertThat(result).isEqualTo("resolved PAY-7");
        LocalHttpServer.Request transition = jira.requests().get(jira.requests().size() - 1);
        assertThat(transition.method()).isEqualTo("POST");
        assertThat(JSON.readTree(transition.body()).path("transition").path("id").asText()).isEqualTo("31");
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10008\",\"key\":\"PAY-8\"}");
        assertThat(channel.deliver(notice("a-3", Outcome.REMEDIATED), target)).isEqualTo("opened PAY-8");
    }

    @Test
    void aNamedResolveTransitionIsTheOneTaken() throws Exception {
        ChannelTarget.Jira named = new ChannelTarget.Jira(target.site(), "PAY", "Bug", "backstop/jira", Optional.of("Close"));
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"key\":\"PAY-9\"}");
        jira.answer("POST", "/rest/api/2/issue/PAY-9/comment", 201, "{}");
        jira.answer("GET", "/rest/api/2/issue/PAY-9/transitions", 200, """
                {"transitions": [{"id": "31", "name": "Done", "to": {"statusCategory": {"key": "done"}}},
                                 {"id": "41", "name": "Close", "to": {"statusCategory": {"key": "done"}}}]}
                """);
        jira.answer("POST", "/rest/api/2/issue/PAY-9/transitions", 204, "");
        channel.deliver(notice("a-1", Outcome.REMEDIATED), named);

        channel.deliver(notice("undo#a-1", Outcome.UNDONE), named);

        assertThat(JSON.readTree(jira.requests().get(0).body()).path("fields").path("issuetype").path("name").asText())
                .isEqualTo("Bug");
        assertThat(JSON.readTree(jira.requests().get(jira.requests().size() - 1).body()).path("transition").path("id")
                .asText()).isEqualTo("41");
    }

    @Test
    void aPersonalAccessTokenIsSentAsABearerToken() {
        secretsManager.put("backstop/jira-dc", "{\"token\":\"pat-123\"}");
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"key\":\"PAY-1\"}");

        channel.deliver(notice("a-1", Outcome.NOTIFIED),
                new ChannelTarget.Jira(target.site(), "PAY", "Task", "backstop/jira-dc", Optional.empty()));

        assertThat(jira.requests().get(0).header("Authorization")).contains("Bearer pat-123");
    }

    @Test
    void aRefusedIssueSaysWhyAndLeavesTheNextDeliveryFreeToOpenOne() {
        jira.answer("POST", "/rest/api/2/issue", 400, "{\"errorMessages\":[],\"errors\":{\"project\":\"valid project is required\"}}");

        assertThatThrownBy(() -> channel.deliver(notice("a-1", Outcome.REMEDIATED), target))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("POST /rest/api/2/issue answered HTTP 400")
                .hasMessageContaining("valid project is required")
                .hasMessageNotContaining("t0ken");
        jira.answer("POST", "/rest/api/2/issue", 201, "{\"key\":\"PAY-2\"}");
        assertThat(channel.deliver(notice("a-2", Outcome.REMEDIATED), target)).isEqualTo("opened PAY-2");
    }

    @Test
    void aMissingSecretOrOneOutsideThePrefixIsAFailedDeliveryBeforeAnyCall() {
        assertThatThrownBy(() -> channel.deliver(notice("a-1", Outcome.REMEDIATED),
                new ChannelTarget.Jira(target.site(), "PAY", "Task", "backstop/nope", Optional.empty())))
                .isInstanceOf(DeliveryException.class).hasMessageStartingWith("cannot read secret backstop/nope");
        assertThatThrownBy(() -> channel.deliver(notice("a-1", Outcome.REMEDIATED),
                new ChannelTarget.Jira(target.site(), "PAY", "Task", "prod/db-password", Optional.empty())))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("secret prod/db-password is outside backstop/, the only secrets Backstop reads");
        assertThat(secretsManager.reads()).containsExactly("backstop/nope");
        assertThat(jira.requests()).isEmpty();
    }
}
