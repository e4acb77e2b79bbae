package dev.backstop.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.engine.EngineModule;
import dev.backstop.notify.Notice;
import dev.backstop.notify.Notices;
import dev.backstop.rules.ChannelTarget;
import dev.backstop.rules.Routing;
import dev.backstop.rules.Severity;
import dev.backstop.testing.LocalHttpServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notices, records and the HTTP plumbing the channel tests share. */
final class ChannelFixtures {

    static final ObjectMapper JSON = EngineModule.objectMapper();
    static final Instant NOW = Instant.parse("2026-11-20T10:00:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ACCOUNT = "111122223333";
    static final String TRAIL = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main";

    private ChannelFixtures() {
    }

    static AuditRecord record(String auditId, Outcome outcome) {
        ActionResult action = new ActionResult("cloudtrail-logging-stopped", Severity.HIGH, "cloudtrail.start-logging",
                Mode.ENFORCE, TRAIL, outcome, Map.of("isLogging", "false"), Map.of("isLogging", "true"),
                outcome == Outcome.REMEDIATED ? JsonNodeFactory.instance.objectNode().put("call", "StopLogging") : ActionResult.noUndo(),
                "StartLogging on " + TRAIL + ", verified by read-back", Map.of("owner", "payments"));
        return new AuditRecord(auditId, "ev-" + auditId, "StopLogging", "cloudtrail.amazonaws.com", ACCOUNT, "eu-west-1",
                NOW.minusSeconds(5), NOW, "arn:aws:sts::111122223333:assumed-role/DeveloperAccess/mallory", "AssumedRole",
                "203.0.113.9", outcome, "decided", List.of(action));
    }

    static Routing routing(ChannelTarget... targets) {
        return new Routing(List.of("owner"), Map.of("payments", List.of(targets)),
                Map.of(ACCOUNT, new Routing.Account("payments-prod", null)), Optional.empty(), "team.yaml:3");
    }

    static Notice notice(String auditId, Outcome outcome) {
        return Notices.of(record(auditId, outcome), routing(new ChannelTarget.Webhook("backstop/x"))).get(0);
    }

    /** The channels' HTTP on a client that trusts the local server, allowed to call this machine. */
    static HttpJson http(LocalHttpServer server) {
        HttpClient client = HttpClient.newBuilder().sslContext(server.clientContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpJson(client, EgressGuard.allowingLoopback(), JSON);
    }

    static Secrets secrets(FakeSecretsManager secretsManager) {
        return new Secrets(secretsManager, new ChannelSettings("backstop/"), JSON, CLOCK);
    }
}
