package dev.backstop.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The JDK's own HTTP client behind the SDK's client interface, for the one method the
 * url-connection client cannot send: {@code HttpURLConnection} refuses PATCH, which Security Hub's
 * BatchUpdateFindings is. Built on first use, so a function that never sends a PATCH never starts it.
 */
final class JdkHttpClient implements SdkHttpClient {

    // Set by the JDK client itself; a signed request carries them too, but sending them again is refused.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.httpRequest().getUri().toString()))
                        .timeout(Duration.ofSeconds(20))
                        .method(request.httpRequest().method().name(), body(request));
                request.httpRequest().forEachHeader((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(value -> builder.header(name, value));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                SdkHttpResponse.Builder head = SdkHttpResponse.builder().statusCode(response.statusCode());
                response.headers().map().forEach(head::putHeader);
                return HttpExecuteResponse.builder().response(head.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body()))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static HttpRequest.BodyPublisher body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public String clientName() {
        return "jdk";
    }

    @Override
    public void close() {
    }
}
