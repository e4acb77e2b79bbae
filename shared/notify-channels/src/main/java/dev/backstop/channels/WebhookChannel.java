package dev.backstop.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.notify.Notice;
import dev.backstop.notify.NoticeJson;
import dev.backstop.rules.ChannelTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;

/**
 * An HTTPS webhook: {@code POST} of the notice as JSON, with a top-level {@code text} (so a Slack
 * or Mattermost incoming webhook shows it as is) and every field under {@code backstop}. The
 * secret holds the {@code url} (a chat webhook's URL is itself a credential), and optionally a
 * {@code token} sent as a bearer token and a {@code signingKey}: then {@code X-Backstop-Timestamp}
 * (epoch seconds) and {@code X-Backstop-Signature} ({@code sha256=} and the hex HMAC-SHA256 of
 * {@code TIMESTAMP.BODY}) let the receiver check the message is Backstop's and fresh.
 */
final class WebhookChannel implements Channel {

    static final String TIMESTAMP = "X-Backstop-Timestamp";
    static final String SIGNATURE = "X-Backstop-Signature";

    private final HttpJson http;
    private final Secrets secrets;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    WebhookChannel(HttpJson http, Secrets secrets, ObjectMapper json, Clock clock) {
        this.http = http;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String deliver(Notice notice, ChannelTarget target) {
        String name = ((ChannelTarget.Webhook) target).secret();
        JsonNode secret = secrets.read(name);
        URI url;
        try {
            url = URI.create(Secrets.field(secret, name, "url"));
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("secret " + name + ": \"url\" is not a URL");
        }
        ObjectNode body = json.createObjectNode().put("text", notice.text());
        body.set("backstop", NoticeJson.of(json, notice));
        String text = http.write(body);
        Map<String, String> headers = new HashMap<>();
        Secrets.optionalField(secret, name, "token").ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        Optional<String> signingKey = Secrets.optionalField(secret, name, "signingKey");
        if (signingKey.isPresent()) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP, timestamp);
            headers.put(SIGNATURE, "sha256=" + hmac(signingKey.get(), timestamp + "." + text));
        }
        int status = http.send("POST", url, headers, text, "webhook " + EgressGuard.describe(url) + " (secret " + name + ")")
                .status();
        return "sent (HTTP " + status + ")";
    }

    static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
