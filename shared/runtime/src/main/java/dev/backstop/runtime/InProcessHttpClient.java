package dev.backstop.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for priming only: it answers every request in the process with a small
 * successful response and never opens a connection, so the SDK's response handling runs without
 * AWS. JSON protocols (CloudTrail, DynamoDB) get one body with the members their calls read;
 * the query protocol (SNS) gets the XML envelope of the action named in the form.
 */
public final class InProcessHttpClient implements SdkHttpClient {

    private static final String JSON = """
            {"Trail":{"Name":"priming","TrailARN":"arn:aws:cloudtrail:us-east-1:000000000000:trail/priming",\
            "HomeRegion":"us-east-1"},"IsLogging":false,\
            "ResourceTagList":[{"ResourceId":"priming","TagsList":[{"Key":"priming","Value":"true"}]}],\
            "Item":{"auditId":{"S":"priming"}},"Attributes":{"auditId":{"S":"priming"}}}""";

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                boolean query = request.httpRequest().firstMatchingHeader("Content-Type")
                        .filter(type -> type.startsWith("application/x-www-form-urlencoded")).isPresent();
                String body = query ? xml(action(request)) : JSON;
                SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                        .putHeader("x-amzn-RequestId", "priming")
                        .putHeader("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1")
                        .build();
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "in-process";
    }

    @Override
    public void close() {
    }

    private static String xml(String action) {
        return "<" + action + "Response><" + action + "Result><MessageId>priming</MessageId></" + action + "Result>"
                + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></" + action + "Response>";
    }

    /** The query protocol's {@code Action} form field. */
    private static String action(HttpExecuteRequest request) {
        String form = request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        for (String field : form.split("&")) {
            if (field.startsWith("Action=")) {
                return URLDecoder.decode(field.substring(7), StandardCharsets.UTF_8);
            }
        }
        return "Unknown";
    }
}
