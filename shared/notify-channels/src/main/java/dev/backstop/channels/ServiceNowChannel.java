package dev.backstop.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.inject.Inject;

/**
 * ServiceNow through its Table API: {@code POST /api/now/table/TABLE} opens a record (the
 * incident table by default) with Backstop's ticket key as {@code correlation_id}, {@code PATCH
 * /api/now/table/TABLE/SYS_ID} adds {@code work_notes} on a repeat, and on undo sets the
 * incident's resolved state (6) with {@code close_code} and {@code close_notes}. The secret holds
 * {@code username} and {@code password} (basic auth) or an OAuth {@code token} (bearer).
 */
final class ServiceNowChannel implements Channel {

    /** The incident table's Resolved state. */
    static final String RESOLVED = "6";
    private static final int SHORT_DESCRIPTION_LIMIT = 160;

    private final HttpJson http;
    private final Secrets secrets;
    private final TicketIndex index;
    private final ObjectMapper json;

    @Inject
    ServiceNowChannel(HttpJson http, Secrets secrets, TicketIndex index, ObjectMapper json) {
        this.http = http;
        this.secrets = secrets;
        this.index = index;
        this.json = json;
    }

    @Override
    public String deliver(Notice notice, ChannelTarget target) {
        ChannelTarget.ServiceNow now = (ChannelTarget.ServiceNow) target;
        String auth = Authorization.header(secrets.read(now.secret()), now.secret(), "username", "password");
        TicketKey key = new TicketKey("servicenow", now.instance() + "/" + now.table(), notice.rule(), notice.resource());
        return Tickets.deliver(index, key, notice, new Tickets.System() {
            @Override
            public TicketIndex.Ticket open(Notice opened, TicketKey ticketKey) {
                return create(now, auth, opened, ticketKey);
            }

            @Override
            public void update(TicketIndex.Ticket ticket, Notice repeat) {
                patch(now, auth, ticket, json.createObjectNode()
                        .put("work_notes", "Backstop decided again on this resource:\n\n" + repeat.text()));
            }

            @Override
            public void resolve(TicketIndex.Ticket ticket, Notice undone) {
                patch(now, auth, ticket, json.createObjectNode().put("state", RESOLVED).put("close_code", now.closeCode())
                        .put("close_notes", "The decision was undone.\n\n" + undone.text()));
            }
        });
    }

    private TicketIndex.Ticket create(ChannelTarget.ServiceNow now, String auth, Notice notice, TicketKey key) {
        ObjectNode body = json.createObjectNode()
                .put("short_description", limit("Backstop " + notice.outcome().name() + ": " + notice.rule() + " on "
                        + notice.resource()))
                .put("description", notice.text())
                .put("correlation_id", key.id())
                .put("correlation_display", "Backstop");
        now.assignmentGroup().ifPresent(group -> body.put("assignment_group", group));
        String path = "/api/now/table/" + now.table();
        JsonNode result = http.send("POST", URI.create(now.instance() + path), headers(auth), body,
                "ServiceNow " + now.instance() + " POST " + path).body().path("result");
        String sysId = result.path("sys_id").asText("");
        if (sysId.isEmpty()) {
            throw new DeliveryException("ServiceNow " + now.instance() + " created a record but its reply names no sys_id");
        }
        return new TicketIndex.Ticket(sysId, result.path("number").asText(sysId));
    }

    private void patch(ChannelTarget.ServiceNow now, String auth, TicketIndex.Ticket ticket, ObjectNode body) {
        String path = "/api/now/table/" + now.table() + "/" + URLEncoder.encode(ticket.id(), StandardCharsets.UTF_8);
        http.send("PATCH", URI.create(now.instance() + path), headers(auth), body,
                "ServiceNow " + now.instance() + " PATCH " + path);
    }

    private static Map<String, String> headers(String auth) {
        return Map.of("Authorization", auth);
    }

    private static String limit(String text) {
        return text.length() <= SHORT_DESCRIPTION_LIMIT ? text : text.substring(0, SHORT_DESCRIPTION_LIMIT - 3) + "...";
    }
}
