package dev.backstop.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.AuditJson;
import dev.backstop.audit.AuditRecord;
import dev.backstop.config.Settings;
import dev.backstop.rules.RuleSource;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes each decision to the team's SNS topic: a summary that says honestly what happened,
 * each resource's notice (account and alias, region, resource, rule, outcome, who made the
 * change, console link, audit id, undo command, owner), the full record as JSON, and the
 * outcome as a message attribute for filtering. The notification function subscribes to the
 * topic and takes each decision on to its owners' channels, reading the record by its id.
 */
@Singleton
public final class Notifier {

    private final SnsClient sns;
    private final String topicArn;
    private final ObjectMapper mapper;
    // A provider: the rule source audits and notifies each rule-file version it loads, so it needs
    // this notifier, and a record of a load has no actions to route.
    private final Provider<RuleSource> rules;

    @Inject
    Notifier(SnsClient sns, Settings settings, ObjectMapper mapper, Provider<RuleSource> rules) {
        this.sns = sns;
        this.topicArn = settings.topicArn();
        this.mapper = mapper;
        this.rules = rules;
    }

    public void publish(AuditRecord record) {
        List<Notice> notices = record.actions().isEmpty() ? List.of() : Notices.of(record, rules.get().current().directives());
        ObjectNode message = mapper.createObjectNode().put("summary", Summaries.of(record));
        ArrayNode described = message.putArray("notices");
        notices.forEach(notice -> described.add(NoticeJson.of(mapper, notice)));
        message.setAll(AuditJson.record(record));
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
