package dev.backstop.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/**
 * Jira through its REST API (version 2, which Jira Cloud and Data Center both serve and which
 * takes plain text): {@code POST /rest/api/2/issue} opens an issue, {@code POST
 * /rest/api/2/issue/KEY/comment} tells of a repeat, and on undo {@code GET} then {@code POST
 * /rest/api/2/issue/KEY/transitions} moves it to a done status. The secret holds {@code email}
 * and {@code apiToken} (Cloud, basic auth) or a {@code token} (Data Center, bearer).
 */
final class JiraChannel implements Channel {

    private static final int SUMMARY_LIMIT = 255;

    private final HttpJson http;
    private final Secrets secrets;
    private final TicketIndex index;
    private final ObjectMapper json;

    @Inject
    JiraChannel(HttpJson http, Secrets secrets, TicketIndex index, ObjectMapper json) {
        this.http = http;
        this.secrets = secrets;
        this.index = index;
        this.json = json;
    }

    @Override
    public String deliver(Notice notice, ChannelTarget target) {
        ChannelTarget.Jira jira = (ChannelTarget.Jira) target;
        String auth = Authorization.header(secrets.read(jira.secret()), jira.secret(), "email", "apiToken");
        TicketKey key = new TicketKey("jira", jira.site() + "/" + jira.project(), notice.rule(), notice.resource());
        return Tickets.deliver(index, key, notice, new Tickets.System() {
            @Override
            public TicketIndex.Ticket open(Notice opened, TicketKey ticketKey) {
                return create(jira, auth, opened, ticketKey);
            }

            @Override
            public void update(TicketIndex.Ticket ticket, Notice repeat) {
                comment(jira, auth, ticket, "Backstop decided again on this resource:\n\n" + repeat.text());
            }

            @Override
            public void resolve(TicketIndex.Ticket ticket, Notice undone) {
                comment(jira, auth, ticket, "The decision was undone; resolving.\n\n" + undone.text());
                transition(jira, auth, ticket);
            }
        });
    }

    private TicketIndex.Ticket create(ChannelTarget.Jira jira, String auth, Notice notice, TicketKey key) {
        ObjectNode body = json.createObjectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", jira.project());
        fields.put("summary", limit("Backstop: " + notice.rule() + " on " + notice.resource()));
        fields.put("description", notice.text() + "\nTicket key: " + key.id());
        fields.putObject("issuetype").put("name", jira.issueType());
        fields.putArray("labels").add("backstop").add(label(notice.rule())).add(key.id());
        JsonNode reply = http.send("POST", uri(jira, "/rest/api/2/issue"), headers(auth), body,
                "Jira " + jira.site() + " POST /rest/api/2/issue").body();
        String issue = reply.path("key").asText("");
        if (issue.isEmpty()) {
            throw new DeliveryException("Jira " + jira.site() + " opened an issue but its reply names no key");
        }
        return new TicketIndex.Ticket(issue, issue);
    }

    private void comment(ChannelTarget.Jira jira, String auth, TicketIndex.Ticket ticket, String text) {
        String path = "/rest/api/2/issue/" + encode(ticket.id()) + "/comment";
        http.send("POST", uri(jira, path), headers(auth), json.createObjectNode().put("body", text),
                "Jira " + jira.site() + " POST " + path);
    }

    private void transition(ChannelTarget.Jira jira, String auth, TicketIndex.Ticket ticket) {
        String path = "/rest/api/2/issue/" + encode(ticket.id()) + "/transitions";
        JsonNode transitions = http.send("GET", uri(jira, path), headers(auth), (JsonNode) null,
                "Jira " + jira.site() + " GET " + path).body().path("transitions");
        String id = null;
        for (JsonNode transition : transitions) {
            boolean wanted = jira.resolveTransition()
                    .map(name -> name.equalsIgnoreCase(transition.path("name").asText()))
                    .orElse("done".equals(transition.path("to").path("statusCategory").path("key").asText()));
            if (wanted) {
                id = transition.path("id").asText();
                break;
            }
        }
        if (id == null) {
            throw new DeliveryException("Jira " + ticket.number() + " has no transition " + jira.resolveTransition()
                    .map(name -> "named \"" + name + "\"").orElse("to a done status") + " for its current status");
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("transition").put("id", id);
        http.send("POST", uri(jira, path), headers(auth), body, "Jira " + jira.site() + " POST " + path);
    }

    private static Map<String, String> headers(String auth) {
        return Map.of("Authorization", auth);
    }

    private static URI uri(ChannelTarget.Jira jira, String path) {
        return URI.create(jira.site() + path);
    }

    private static String label(String rule) {
        return "backstop-" + rule.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    private static String limit(String text) {
        return text.length() <= SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 3) + "...";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
