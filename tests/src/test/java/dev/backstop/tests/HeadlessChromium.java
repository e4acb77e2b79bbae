package dev.backstop.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver over the WebDriver protocol
 * (plain HTTP and JSON, so no browser library is needed). scripts/test installs both packages;
 * the flags are those that work on these machines (no sandbox as root, no background networking,
 * which this closed network refuses).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,2000");

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, String base, Path profile) throws IOException, InterruptedException {
        this.driver = driver;
        this.base = base;
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", CHROMIUM.toString());
        options.putArray("args").addAll(FLAGS.stream().map(JSON.getNodeFactory()::textNode).toList())
                .add("--user-data-dir=" + profile);
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        this.session = post("/session", capabilities).get("sessionId").asText();
    }

    /** Starts ChromeDriver on a free port and a browser session with a fresh profile under {@code dir}. */
    static HeadlessChromium start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the page test needs Debian's chromium and chromium-driver"
                    + " (scripts/test installs them: apt-get install chromium chromium-driver)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromedriver.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        for (int attempt = 0; ; attempt++) {
            try {
                JsonNode status = JSON.readTree(probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                if (status.path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException notYet) {
                if (attempt > 100) {
                    driver.destroy();
                    throw notYet;
                }
            }
            Thread.sleep(100);
        }
        Files.createDirectories(dir.resolve("profile"));
        return new HeadlessChromium(driver, base, dir.resolve("profile"));
    }

    void open(URI page) throws IOException, InterruptedException {
        post("/session/" + session + "/url", JSON.createObjectNode().put("url", page.toString()));
    }

    /** Runs a function body in the page and returns what it returns, as JSON. */
    JsonNode run(String script) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return post("/session/" + session + "/execute/sync", body);
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/session/" + session
                + "/screenshot")).build(), HttpResponse.BodyHandlers.ofString());
        Files.write(file, Base64.getDecoder().decode(JSON.readTree(response.body()).get("value").asText()));
    }

    @Override
    public void close() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/session/" + session)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            // The driver goes below either way, and its browser with it.
        } finally {
            driver.destroy();
        }
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + path + " answered " + response.statusCode() + ": " + answer);
        }
        return answer.get("value");
    }
}
