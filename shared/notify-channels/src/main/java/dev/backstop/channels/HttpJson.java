package dev.backstop.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTPS for the channels, on the JDK's HTTP client: a short timeout (a slow ticket
 * system must not hold the function), no redirects (an Authorization header goes only where the
 * rule file said), and every address checked by the {@link EgressGuard} first. A reply outside
 * 2xx is a {@link DeliveryException} naming the call, the status and the start of the reply.
 */
final class HttpJson {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT = 300;

    private final HttpClient http;
    private final EgressGuard guard;
    private final ObjectMapper json;

    HttpJson(HttpClient http, EgressGuard guard, ObjectMapper json) {
        this.http = http;
        this.guard = guard;
        this.json = json;
    }

    /** The client the channels use in Lambda: the JDK's own, so no HTTP library joins the artifact. */
    static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A reply: its status and its JSON body (missing when it had none or it was not JSON). */
    record Reply(int status, JsonNode body) {
    }

    /**
     * Sends the request and returns the reply; {@code what} names the call in errors without
     * anything secret (a webhook's path often is a credential, so it is never shown).
     */
    Reply send(String method, URI uri, Map<String, String> headers, JsonNode body, String what) {
        return send(method, uri, headers, body == null ? null : write(body), what);
    }

    /** As {@link #send(String, URI, Map, JsonNode, String)}, with the body as the exact text to send (a signed one). */
    Reply send(String method, URI uri, Map<String, String> headers, String text, String what) {
        guard.check(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(what + " timed out after " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new DeliveryException(what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(what + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException(what + " answered HTTP " + response.statusCode() + excerpt(response.body()));
        }
        return new Reply(response.statusCode(), parse(response.body(), what));
    }

    private JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // A webhook may answer "ok"; a ticket system's JSON is checked by the channel that needs it.
            return MissingNode.getInstance();
        }
    }

    String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body cannot be written as JSON", e);
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return ": " + (flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...");
    }
}
