package dev.backstop.channels;

import static dev.backstop.channels.ChannelFixtures.JSON;
import static dev.backstop.channels.ChannelFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.Outcome;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.testing.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {

    private static final String HOOK = "/services/T0001/B0002/s3cretPathPart";
    private final LocalHttpServer receiver = LocalHttpServer.https();
    private final FakeSecretsManager secretsManager = new FakeSecretsManager();
    private final WebhookChannel channel = new WebhookChannel(ChannelFixtures.http(receiver),
            ChannelFixtures.secrets(secretsManager), JSON, ChannelFixtures.CLOCK);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void postsTheNoticeAsJsonWithABearerTokenAndASignatureTheReceiverCanCheck() throws Exception {
        secretsManager.put("backstop/hooks/payments", "{\"url\":\"" + receiver.uri(HOOK)
                + "\",\"token\":\"tok-1\",\"signingKey\":\"k3y\"}");
        receiver.answer("POST", HOOK, 200, "ok");

        String result = channel.deliver(notice("a-1", Outcome.REMEDIATED), new ChannelTarget.Webhook("backstop/hooks/payments"));

        assertThat(result).isEqualTo("sent (HTTP 200)");
        LocalHttpServer.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo(HOOK);
        assertThat(request.header("Authorization")).contains("Bearer tok-1");
        String timestamp = request.header(WebhookChannel.TIMESTAMP).orElseThrow();
        assertThat(timestamp).isEqualTo(Long.toString(ChannelFixtures.NOW.getEpochSecond()));
        assertThat(request.header(WebhookChannel.SIGNATURE))
                .contains("sha256=" + WebhookChannel.hmac("k3y", timestamp + "." + request.body()));
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("text").asText()).startsWith("Backstop REMEDIATED: cloudtrail-logging-stopped on ");
        JsonNode fields = body.path("backstop");
        assertThat(fields.path("account").asText()).isEqualTo("111122223333");
        assertThat(fields.path("accountAlias").asText()).isEqualTo("payments-prod");
        assertThat(fields.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(fields.path("resource").asText()).isEqualTo(ChannelFixtures.TRAIL);
        assertThat(fields.path("rule").asText()).isEqualTo("cloudtrail-logging-stopped");
        assertThat(fields.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(fields.path("changedBy").asText()).startsWith("arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory");
        assertThat(fields.path("consoleLink").asText()).startsWith("https://eu-west-1.console.aws.amazon.com/cloudtrailv2/");
        assertThat(fields.path("auditId").asText()).isEqualTo("a-1");
        assertThat(fields.path("undoCommand").asText()).isEqualTo("./backstop undo a-1 --yes");
    }

    @Test
    void withoutATokenOrKeyOnlyTheJsonIsSent() {
        secretsManager.put("backstop/hooks/plain", "{\"url\":\"" + receiver.uri(HOOK) + "\"}");
        receiver.answer("POST", HOOK, 204, "");

        channel.deliver(notice("a-1", Outcome.NOTIFIED), new ChannelTarget.Webhook("backstop/hooks/plain"));

        LocalHttpServer.Request request = receiver.requests().get(0);
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.header(WebhookChannel.SIGNATURE)).isEmpty();
    }

    @Test
    void aFailureNamesTheHostButNeverTheUrlsSecretPath() {
        secretsManager.put("backstop/hooks/payments", "{\"url\":\"" + receiver.uri(HOOK) + "\"}");
        receiver.answer("POST", HOOK, 500, "{\"error\":\"down\"}");

        assertThatThrownBy(() -> channel.deliver(notice("a-1", Outcome.REMEDIATED),
                new ChannelTarget.Webhook("backstop/hooks/payments")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("webhook https://127.0.0.1:")
                .hasMessageContaining("answered HTTP 500")
                .hasMessageNotContaining("s3cretPathPart");
    }

    @Test
    void aSecretWithoutAUrlIsAFailedDelivery() {
        secretsManager.put("backstop/hooks/broken", "{\"token\":\"t\"}");

        assertThatThrownBy(() -> channel.deliver(notice("a-1", Outcome.REMEDIATED), new ChannelTarget.Webhook("backstop/hooks/broken")))
                .isInstanceOf(DeliveryException.class).hasMessage("secret backstop/hooks/broken has no \"url\"");
    }
}
