package dev.backstop.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client at the SDK's edge for services no emulator serves (LookupEvents, Athena): it
 * answers each request with the next canned response, in order, and keeps what the SDK sent, so
 * a test sees the real client's marshalling, paging and retries.
 */
public final class CannedHttp implements SdkHttpClient {

    /** What the SDK sent: the operation (X-Amz-Target) and the JSON body. */
    public record Sent(String target, String body) {
    }

    private record Canned(int status, String body) {
    }

    private final Deque<Canned> responses = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();

    /** A 200 response with this JSON body. */
    public CannedHttp ok(String json) {
        responses.add(new Canned(200, json));
        return this;
    }

    /** An error response as AWS's JSON protocols write one, such as {@code ThrottlingException}. */
    public CannedHttp error(int status, String type, String message) {
        responses.add(new Canned(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}"));
        return this;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String body = request.contentStreamProvider().map(provider -> {
                    try {
                        return new String(provider.newStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse("");
                synchronized (CannedHttp.this) {
                    sent.add(new Sent(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""), body));
                    Canned next = responses.poll();
                    if (next == null) {
                        throw new AssertionError("no response left for " + body);
                    }
                    byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(next.status())
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", String.valueOf(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
