package dev.backstop.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditRecord;
import dev.backstop.config.Settings;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes each decision to the team's SNS topic: a one-line summary that says honestly what
 * happened, the full record as JSON, and the outcome as a message attribute for filtering.
 */
@Singleton
public final class Notifier {

    private final SnsClient sns;
    private final String topicArn;
    private final ObjectMapper mapper;

    @Inject
    Notifier(SnsClient sns, Settings settings, ObjectMapper mapper) {
        this.sns = sns;
        this.topicArn = settings.topicArn();
        this.mapper = mapper;
    }

    public void publish(AuditRecord record) {
        String summary = Summaries.of(record);
        ObjectNode message = mapper.createObjectNode().put("summary", summary);
        message.setAll((ObjectNode) mapper.valueToTree(record));
        String body;
        try {
            body = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification for " + record.auditId() + " cannot be written as JSON", e);
        }
        sns.publish(request -> request
                .topicArn(topicArn)
                .subject(Summaries.subject(record))
                .message(body)
                .messageAttributes(Map.of("outcome", MessageAttributeValue.builder()
                        .dataType("String").stringValue(record.outcome().name()).build())));
    }
}
