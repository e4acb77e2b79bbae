package dev.backstop.channels;

import static dev.backstop.channels.ChannelFixtures.JSON;
import static dev.backstop.channels.ChannelFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.Outcome;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.testing.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceNowChannelTest {

    private final LocalHttpServer now = LocalHttpServer.https();
    private final FakeSecretsManager secretsManager = new FakeSecretsManager()
            .put("backstop/servicenow", "{\"username\":\"backstop.bot\",\"password\":\"pw\"}");
    private final ServiceNowChannel channel = new ServiceNowChannel(ChannelFixtures.http(now),
            ChannelFixtures.secrets(secretsManager), new InMemoryTicketIndex(), JSON);
    private final ChannelTarget.ServiceNow target = new ChannelTarget.ServiceNow(now.uri("").toString(), "incident",
            "backstop/servicenow", Optional.of("Platform Security"), "Resolved by caller");

    @AfterEach
    void stop() {
        now.close();
    }

    @Test
    void opensAnIncidentThroughTheTableApiWithTheTicketKeyAsCorrelationId() throws Exception {
        now.answer("POST", "/api/now/table/incident", 201,
                "{\"result\":{\"sys_id\":\"9d385017c611228701d22104cc95c371\",\"number\":\"INC0010001\"}}");

        String result = channel.deliver(notice("a-1", Outcome.REMEDIATED), target);

        assertThat(result).isEqualTo("opened INC0010001");
        LocalHttpServer.Request request = now.requests().get(0);
        assertThat(request.header("Authorization")).contains("Basic "
                + Base64.getEncoder().encodeToString("backstop.bot:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("Accept")).contains("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("short_description").asText()).startsWith("Backstop REMEDIATED: cloudtrail-logging-stopped on ");
        assertThat(body.path("description").asText()).contains("Region: eu-west-1", "Audit id: a-1");
        assertThat(body.path("correlation_id").asText()).matches("backstop-[0-9a-f]{32}");
        assertThat(body.path("correlation_display").asText()).isEqualTo("Backstop");
        assertThat(body.path("assignment_group").asText()).isEqualTo("Platform Security");
    }

    @Test
    void aRepeatAddsWorkNotesAndAnUndoResolvesTheIncident() throws Exception {
        now.answer("POST", "/api/now/table/incident", 201, "{\"result\":{\"sys_id\":\"abc123\",\"number\":\"INC0010002\"}}");
        now.answer("PATCH", "/api/now/table/incident/abc123", 200, "{\"result\":{\"sys_id\":\"abc123\"}}");
        channel.deliver(notice("a-1", Outcome.REMEDIATED), target);

        assertThat(channel.deliver(notice("a-2", Outcome.NOTIFIED), target)).isEqualTo("updated INC0010002");
        assertThat(channel.deliver(notice("undo#a-1", Outcome.UNDONE), target)).isEqualTo("resolved INC0010002");

        JsonNode workNotes = JSON.readTree(now.requests().get(1).body());
        assertThat(now.requests().get(1).method()).isEqualTo("PATCH");
        assertThat(workNotes.path("work_notes").asText()).contains("Audit id: a-2");
        JsonNode resolution = JSON.readTree(now.requests().get(2).body());
        assertThat(resolution.path("state").asText()).isEqualTo("6");
        assertThat(resolution.path("close_code").asText()).isEqualTo("Resolved by caller");
        assertThat(resolution.path("close_notes").asText()).contains("undone", "Outcome: UNDONE");
    }

    @Test
    void anOAuthTokenIsSentAsABearerToken() {
        secretsManager.put("backstop/servicenow-oauth", "{\"token\":\"oauth-abc\"}");
        now.answer("POST", "/api/now/table/incident", 201, "{\"result\":{\"sys_id\":\"s1\",\"number\":\"INC1\"}}");

        channel.deliver(notice("a-1", Outcome.FAILED), new ChannelTarget.ServiceNow(target.instance(), "incident",
                "backstop/servicenow-oauth", Optional.empty(), "Resolved by caller"));

        assertThat(now.requests().get(0).header("Authorization")).contains("Bearer oauth-abc");
    }
}
