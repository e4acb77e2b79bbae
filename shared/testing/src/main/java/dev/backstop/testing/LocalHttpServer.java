package dev.backstop.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTP server on 127.0.0.1 that plays a remote API for a test: it records every request
 * (method, path, query, headers, body) and answers from the replies the test scripted by method
 * and path pattern (404 for anything else). {@link #https()} speaks TLS with a certificate made
 * once per JVM by the JDK's keytool for 127.0.0.1 and localhost, which {@link #clientContext()}
 * trusts, so the code under test speaks real TLS to it; {@link #plain()} speaks plain HTTP, as an
 * emulator's endpoint does.
 *
 * <pre>{@code
 * try (LocalHttpServer jira = LocalHttpServer.https()) {
 *     jira.answer("POST", "/rest/api/2/issue", 201, "{\"id\":\"10000\",\"key\":\"PAY-1\"}");
 *     ... jira.uri("") ... jira.requests() ...
 * }
 * }</pre>
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final char[] PASSWORD = "local-test-only".toCharArray();
    private static KeyStore keyStore;

    /** One request as the server read it; header names in lower case. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** A scripted reply. */
    public record Reply(int status, String body) {
    }

    private record Route(String method, Pattern path, Function<Request, Reply> reply) {
    }

    private final HttpServer server;
    private final SSLContext clientContext;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private LocalHttpServer(HttpServer server, SSLContext clientContext, String scheme) {
        this.server = server;
        this.clientContext = clientContext;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plain HTTP server, as an emulator's endpoint is. */
    public static LocalHttpServer plain() {
        try {
            return new LocalHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), null, "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server whose certificate {@link #clientContext()} trusts. */
    public static LocalHttpServer https() {
        try {
            KeyStore keys = keyStore();
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("local", keys.getCertificate("local"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trust.getTrustManagers(), null);
            return new LocalHttpServer(server, clientContext, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the local server", e);
        }
    }

    /** Answers requests of this method whose path matches the pattern with a fixed reply. */
    public LocalHttpServer answer(String method, String pathPattern, int status, String body) {
        return answer(method, pathPattern, request -> new Reply(status, body));
    }

    /** Answers requests of this method whose path matches the pattern as the function says; later scripts win. */
    public LocalHttpServer answer(String method, String pathPattern, Function<Request, Reply> reply) {
        routes.add(0, new Route(method, Pattern.compile(pathPattern), reply));
        return this;
    }

    /** The server's URL for a path, such as {@code uri("/rest/api/2/issue")}; {@code ""} for its base. */
    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** An SSL context that trusts this server's certificate, for the client under test (HTTPS only). */
    public SSLContext clientContext() {
        return clientContext;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(values)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        requests.add(request);
        Reply reply = routes.stream()
                .filter(route -> route.method().equals(request.method()) && route.path().matcher(request.path()).matches())
                .findFirst()
                .map(route -> route.reply().apply(request))
                .orElse(new Reply(404, "{\"error\":\"no scripted reply for " + request.method() + " " + request.path() + "\"}"));
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** A key pair and self-signed certificate for 127.0.0.1, made by keytool once per JVM. */
    private static synchronized KeyStore keyStore() throws IOException, GeneralSecurityException {
        if (keyStore != null) {
            return keyStore;
        }
        Path folder = Files.createTempDirectory("backstop-local-https");
        Path file = folder.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "local", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a test certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test certificate", e);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        Files.delete(file);
        Files.delete(folder);
        keyStore = keys;
        return keys;
    }
}
