package dev.backstop.channels;

import static dev.backstop.channels.ChannelFixtures.JSON;
import static dev.backstop.channels.ChannelFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.audit.Outcome;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.testing.FakeSns;
import org.junit.jupiter.api.Test;

class ChatbotChannelTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:payments-chat";
    private final FakeSns sns = new FakeSns();
    private final ChatbotChannel channel = new ChatbotChannel(sns, JSON);

    @Test
    void publishesTheCustomNotificationFormatChatbotRenders() throws Exception {
        channel.deliver(notice("a-1", Outcome.REMEDIATED), new ChannelTarget.ChatbotTopic(TOPIC));

        assertThat(sns.published()).singleElement().satisfies(request -> assertThat(request.topicArn()).isEqualTo(TOPIC));
        JsonNode message = JSON.readTree(sns.published().get(0).message());
        assertThat(message.path("version").asText()).isEqualTo("1.0");
        assertThat(message.path("source").asText()).isEqualTo("custom");
        JsonNode content = message.path("content");
        assertThat(content.path("textType").asText()).isEqualTo("client-markdown");
        assertThat(content.path("title").asText()).isEqualTo(":white_check_mark: Backstop REMEDIATED: "
                + "cloudtrail-logging-stopped on " + ChannelFixtures.TRAIL);
        assertThat(content.path("description").asText()).contains("*Account:* 111122223333 (payments-prod)",
                "*Region:* eu-west-1", "*Changed by:* arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory",
                "*Audit id:* `a-1`");
        assertThat(content.path("nextSteps")).extracting(JsonNode::asText).containsExactly(
                "Console: " + notice("a-1", Outcome.REMEDIATED).consoleLink(),
                "Audit record: `./backstop audit show a-1`",
                "Undo: `./backstop undo a-1 --yes`");
        assertThat(message.path("metadata").path("relatedResources").get(0).asText()).isEqualTo(ChannelFixtures.TRAIL);
    }

    @Test
    void repeatsOnOneResourceShareAThread() throws Exception {
        channel.deliver(notice("a-1", Outcome.REMEDIATED), new ChannelTarget.ChatbotTopic(TOPIC));
        channel.deliver(notice("a-2", Outcome.REMEDIATED), new ChannelTarget.ChatbotTopic(TOPIC));

        String first = JSON.readTree(sns.published().get(0).message()).path("metadata").path("threadId").asText();
        String second = JSON.readTree(sns.published().get(1).message()).path("metadata").path("threadId").asText();
        assertThat(first).isNotBlank().isEqualTo(second);
    }
}
