package dev.backstop.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;
import java.util.Locale;
import javax.inject.Inject;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A topic that AWS Chatbot (Amazon Q Developer in chat applications) relays to Slack, Teams or
 * Chime, in its custom-notification format: version 1.0, source custom, a markdown title and
 * description, the next steps (console link, audit, undo) and a thread per rule and resource,
 * so repeats on one resource stay in one thread.
 */
final class ChatbotChannel implements Channel {

    // Kept within what a chat message shows whole; the audit record holds the rest.
    private static final int TITLE_LIMIT = 250;
    private static final int DESCRIPTION_LIMIT = 8000;

    private final SnsClient sns;
    private final ObjectMapper json;

    @Inject
    ChatbotChannel(SnsClient sns, ObjectMapper json) {
        this.sns = sns;
        this.json = json;
    }

    @Override
    public String deliver(Notice notice, ChannelTarget target) {
        String topic = ((ChannelTarget.ChatbotTopic) target).topicArn();
        String id = SnsChannel.publish(sns, topic, null, message(notice), notice);
        return "sent (message " + id + ")";
    }

    String message(Notice notice) {
        ObjectNode message = json.createObjectNode().put("version", "1.0").put("source", "custom")
                .put("id", notice.auditId());
        ObjectNode content = message.putObject("content").put("textType", "client-markdown")
                .put("title", limit(emoji(notice) + " " + notice.title(), TITLE_LIMIT))
                .put("description", limit(description(notice), DESCRIPTION_LIMIT));
        content.putArray("nextSteps")
                .add("Console: " + notice.consoleLink())
                .add("Audit record: `./backstop audit show " + notice.auditId() + "`")
                .add(notice.undoCommand().map(command -> "Undo: `" + command + "`")
                        .orElse("Nothing to undo: Backstop changed nothing that can be reversed"));
        content.putArray("keywords").add(notice.outcome().name()).add(notice.rule()).add(notice.account())
                .add(notice.region() == null ? "-" : notice.region());
        ObjectNode metadata = message.putObject("metadata")
                .put("threadId", TicketKey.digest(notice.rule() + "\n" + notice.resource()))
                .put("summary", limit(notice.title(), TITLE_LIMIT))
                .put("eventType", "BackstopDecision");
        metadata.putArray("relatedResources").add(notice.resource());
        metadata.putObject("additionalContext").put("auditId", notice.auditId()).put("account", notice.account())
                .put("outcome", notice.outcome().name()).put("owner", notice.contact().orElse("none"));
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat notification cannot be written as JSON", e);
        }
    }

    private static String description(Notice notice) {
        StringBuilder text = new StringBuilder()
                .append("*Account:* ").append(notice.accountName()).append('\n')
                .append("*Region:* ").append(notice.region()).append('\n')
                .append("*Resource:* `").append(notice.resource()).append("`\n")
                .append("*Rule:* ").append(notice.rule())
                .append(notice.severity() == null ? "" : " (" + notice.severity().name().toLowerCase(Locale.ROOT) + ")")
                .append('\n')
                .append("*Outcome:* ").append(notice.outcome().name()).append('\n')
                .append("*Changed by:* ").append(notice.actor()).append('\n');
        notice.details().forEach(detail -> text.append("*Backstop:* ").append(detail).append('\n'));
        text.append("*Audit id:* `").append(notice.auditId()).append("`\n")
                .append("*Owner:* ").append(notice.contact().orElse("none")).append(" (").append(notice.route()).append(')');
        return text.toString();
    }

    private static String emoji(Notice notice) {
        return switch (notice.outcome()) {
            case FAILED -> ":x:";
            case REMEDIATED -> ":white_check_mark:";
            case UNDONE -> ":leftwards_arrow_with_hook:";
            case PENDING -> ":hourglass_flowing_sand:";
            case VETOED -> ":no_entry_sign:";
            case WOULD_REMEDIATE, NOTIFIED -> ":warning:";
            default -> ":information_source:";
        };
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }
}
