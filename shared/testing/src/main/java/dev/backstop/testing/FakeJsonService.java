package dev.backstop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An AWS JSON service on this machine, for the services neither emulator serves: the test answers
 * each call ("POST /standards/register" for a REST-JSON call, the X-Amz-Target operation such as
 * "Route53Resolver.ListTagsForResource" for a JSON 1.1 one) with the documented response shape,
 * keeping whatever state it needs, so the real signed client is tested at the SDK edge. A call not
 * signed for the service is answered 403, as AWS would.
 *
 * <pre>{@code
 * try (FakeJsonService fake = FakeJsonService.start("securityhub", (call, request) -> ...)) {
 *     JsonApi api = fake.pointedHere(SECURITY_HUB.systemProperty(), () -> new JsonApi(http, credentials, region, SECURITY_HUB));
 * }
 * }</pre>
 */
public final class FakeJsonService implements AutoCloseable {

    /** Answers one call: the answer's body, or {@link #error} for an error response. */
    @FunctionalInterface
    public interface Answers {
        JsonNode answer(String call, JsonNode request);
    }

    /** An error response: the status and the service's error code ({@code __type}). */
    public static final class ServiceError extends RuntimeException {

        private final int status;
        private final String code;

        public ServiceError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String signingName;
    private final Answers answers;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private FakeJsonService(HttpServer server, String signingName, Answers answers) {
        this.server = server;
        this.signingName = signingName;
        this.answers = answers;
    }

    public static FakeJsonService start(String signingName, Answers answers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeJsonService fake = new FakeJsonService(server, signingName, answers);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * What {@code build} builds while the endpoint system property {@code property} points here
     * ({@code JsonApi.Service#systemProperty}): a client reads its endpoint once, when it is built.
     */
    public <T> T pointedHere(String property, Supplier<T> build) {
        System.setProperty(property, endpoint());
        try {
            return build.get();
        } finally {
            System.clearProperty(property);
        }
    }

    /** Every call received, in order, signed or not. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String call = target != null ? target : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        calls.add(call);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")
                || !authorization.contains("/" + signingName + "/aws4_request")) {
            reply(exchange, 403, object().put("__type", "InvalidSignatureException")
                    .put("message", "not signed for " + signingName));
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            reply(exchange, 200, answers.answer(call, body.length == 0 ? object() : JSON.readTree(body)));
        } catch (ServiceError e) {
            reply(exchange, e.status, object().put("__type", e.code).put("message", e.getMessage()));
        }
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (body.has("__type")) {
            exchange.getResponseHeaders().add("X-Amzn-ErrorType", body.get("__type").asText());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
