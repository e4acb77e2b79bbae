package dev.backstop.testing;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * IAM Roles Anywhere at its HTTP edge, for the calls no emulator serves: GetTrustAnchor,
 * Disable/EnableTrustAnchor and ListTagsForResource in the service's REST-JSON protocol, each
 * request required to be SigV4-signed for {@code rolesanywhere} (403 otherwise), a missing anchor
 * answered 404 with {@code x-amzn-ErrorType: ResourceNotFoundException}, as the service answers.
 */
public final class FakeRolesAnywhere implements SdkHttpClient {

    private static final Pattern ANCHOR = Pattern.compile("/trustanchor/([^/]+)(/(enable|disable))?");
    private static final String ACCOUNT = "123456789012";

    private record Anchor(String name, boolean enabled, Map<String, String> tags) {
    }

    private final Map<String, Anchor> anchors = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int failNext;

    public FakeRolesAnywhere anchor(String id, String name, boolean enabled) {
        anchors.put(id, new Anchor(name, enabled, new LinkedHashMap<>()));
        return this;
    }

    public FakeRolesAnywhere tag(String id, String key, String value) {
        anchors.get(id).tags().put(key, value);
        return this;
    }

    /** The next call is answered with this HTTP status (429, 500...) and the matching error type. */
    public FakeRolesAnywhere failNextWith(int status) {
        this.failNext = status;
        return this;
    }

    public boolean enabled(String id) {
        return anchors.get(id).enabled();
    }

    public static String arn(String id) {
        return "arn:aws:rolesanywhere:us-east-1:" + ACCOUNT + ":trust-anchor/" + id;
    }

    /** The requests made, as {@code METHOD path}. */
    public List<String> calls() {
        return calls;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return answer(request.httpRequest());
            }

            @Override
            public void abort() {
            }
        };
    }

    private synchronized HttpExecuteResponse answer(SdkHttpRequest request) {
        calls.add(request.method() + " " + request.encodedPath());
        String authorization = request.firstMatchingHeader("Authorization").orElse("");
        if (!authorization.startsWith("AWS4-HMAC-SHA256") || !authorization.contains("/rolesanywhere/aws4_request")) {
            return response(403, "AccessDeniedException", "{\"message\":\"the request is not signed for rolesanywhere\"}");
        }
        if (failNext != 0) {
            int status = failNext;
            failNext = 0;
            return response(status, status == 429 ? "ThrottlingException" : "InternalServerException", "{\"message\":\"x\"}");
        }
        if (request.encodedPath().equals("/ListTagsForResource")) {
            String arn = URLDecoder.decode(request.firstMatchingRawQueryParameter("resourceArn").orElse(""),
                    StandardCharsets.UTF_8);
            Anchor anchor = anchors.get(arn.substring(arn.lastIndexOf('/') + 1));
            if (anchor == null) {
                return notFound();
            }
            StringBuilder tags = new StringBuilder();
            anchor.tags().forEach((key, value) -> tags.append(tags.length() == 0 ? "" : ",")
                    .append("{\"key\":\"").append(key).append("\",\"value\":\"").append(value).append("\"}"));
            return response(200, null, "{\"tags\":[" + tags + "]}");
        }
        Matcher path = ANCHOR.matcher(request.encodedPath());
        if (!path.matches()) {
            return response(404, "UnknownOperationException", "{}");
        }
        String id = path.group(1);
        Anchor anchor = anchors.get(id);
        if (anchor == null) {
            return notFound();
        }
        if (path.group(3) != null) {
            anchor = new Anchor(anchor.name(), path.group(3).equals("enable"), anchor.tags());
            anchors.put(id, anchor);
        }
        return response(200, null, "{\"trustAnchor\":{\"trustAnchorId\":\"" + id + "\",\"trustAnchorArn\":\"" + arn(id)
                + "\",\"name\":\"" + anchor.name() + "\",\"enabled\":" + anchor.enabled()
                + ",\"source\":{\"sourceType\":\"CERTIFICATE_BUNDLE\"}}}");
    }

    private static HttpExecuteResponse notFound() {
        return response(404, "ResourceNotFoundException", "{\"message\":\"Resource not found\"}");
    }

    private static HttpExecuteResponse response(int status, String errorType, String body) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Type", "application/json");
        if (errorType != null) {
            response.putHeader("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/");
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    @Override
    public String clientName() {
        return "fake-rolesanywhere";
    }

    @Override
    public void close() {
    }
}
