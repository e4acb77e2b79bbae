package dev.backstop.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A notice as the JSON fields the default topic's message and the webhooks carry. */
public final class NoticeJson {

    private NoticeJson() {
    }

    public static ObjectNode of(ObjectMapper mapper, Notice notice) {
        ObjectNode fields = mapper.createObjectNode()
                .put("title", notice.title())
                .put("text", notice.text())
                .put("auditId", notice.auditId())
                .put("account", notice.account())
                .put("accountAlias", notice.accountAlias().orElse(null))
                .put("region", notice.region())
                .put("resource", notice.resource())
                .put("rule", notice.rule())
                .put("severity", notice.severity() == null ? null : notice.severity().name().toLowerCase(java.util.Locale.ROOT))
                .put("outcome", notice.outcome().name())
                .put("changedBy", notice.actor())
                .put("decidedAt", notice.decidedAt().toString())
                .put("consoleLink", notice.consoleLink())
                .put("undoCommand", notice.undoCommand().orElse(null))
                .put("owner", notice.contact().orElse(null))
                .put("route", notice.route())
                .put("mode", notice.mode())
                .put("declared", notice.declared().orElse(null))
                .put("vetoCommand", notice.vetoCommand().orElse(null))
                .put("pipelineOwner", notice.pipelineOwner().orElse(null));
        notice.details().forEach(fields.putArray("details")::add);
        return fields;
    }
}
