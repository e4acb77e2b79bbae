package dev.backstop.action.rolesanywhere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The four IAM Roles Anywhere calls the trust anchor action makes, each one HTTP request of the
 * service's REST-JSON protocol signed with the SDK's own SigV4 signer through the function's
 * shared HTTP client: the SDK's Roles Anywhere module is not on the registries Backstop builds
 * from. The endpoint comes from the settings the generated clients read
 * ({@code AWS_ENDPOINT_URL_ROLESANYWHERE}, {@code AWS_ENDPOINT_URL}, their system properties and
 * profile keys), else the regional endpoint. A failed call is an {@link AwsServiceException} with
 * the service's error code, so throttling and 5xx count as transient as the SDK's do.
 */
final class RolesAnywhereApi {

    static final String SIGNING_NAME = "rolesanywhere";

    /** What GetTrustAnchor tells of one. */
    record TrustAnchor(String id, String arn, String name, boolean enabled) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    RolesAnywhereApi(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this(http, credentials, region, AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_ROLESANYWHERE")
                .serviceEndpointOverrideSystemProperty("aws.endpointUrlRolesAnywhere")
                .serviceProfileProperty("rolesanywhere")
                .serviceEndpointPrefix("rolesanywhere")
                .defaultProtocol("https")
                .region(region)
                .build().clientEndpoint());
    }

    RolesAnywhereApi(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The trust anchor; empty when there is none of that id. */
    Optional<TrustAnchor> getTrustAnchor(String id) {
        try {
            return Optional.of(trustAnchor(call(SdkHttpMethod.GET, "/trustanchor/" + encode(id), Map.of())));
        } catch (AwsServiceException e) {
            if ("ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void disableTrustAnchor(String id) {
        call(SdkHttpMethod.POST, "/trustanchor/" + encode(id) + "/disable", Map.of());
    }

    void enableTrustAnchor(String id) {
        call(SdkHttpMethod.POST, "/trustanchor/" + encode(id) + "/enable", Map.of());
    }

    Map<String, String> listTagsForResource(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        call(SdkHttpMethod.GET, "/ListTagsForResource", Map.of("resourceArn", arn)).path("tags")
                .forEach(tag -> tags.putIfAbsent(tag.path("key").asText(), tag.path("value").asText()));
        return tags;
    }

    private JsonNode call(SdkHttpMethod method, String path, Map<String, String> query) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method).uri(endpoint)
                .encodedPath(basePath() + path).putHeader("Accept", "application/json");
        query.forEach(request::putRawQueryParameter);
        if (method == SdkHttpMethod.POST) {
            request.putHeader("Content-Type", "application/json");
        }
        SdkHttpRequest signed = signer.sign(sign -> sign.identity(credentials.resolveCredentials()).request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())).request();
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
            byte[] body = read(response.responseBody());
            JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                String code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                        .map(type -> type.split(":")[0])
                        .orElse(json.path("__type").asText(json.path("code").asText("HTTP" + status)));
                throw AwsServiceException.builder().statusCode(status).message(json.path("message").asText(code))
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code.substring(code.indexOf('#') + 1))
                                .errorMessage(json.path("message").asText(code)).serviceName("RolesAnywhere").build())
                        .build();
            }
            return json;
        } catch (IOException e) {
            throw SdkClientException.create("IAM Roles Anywhere " + method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private String basePath() {
        String base = endpoint.getRawPath();
        return base == null ? "" : base.replaceAll("/+$", "");
    }

    private static TrustAnchor trustAnchor(JsonNode response) {
        JsonNode anchor = response.path("trustAnchor");
        return new TrustAnchor(anchor.path("trustAnchorId").asText(), anchor.path("trustAnchorArn").asText(),
                anchor.path("name").asText(), anchor.path("enabled").asBoolean(false));
    }

    private static String encode(String segment) {
        return SdkHttpUtils.urlEncode(segment);
    }

    private static byte[] read(Optional<? extends InputStream> body) throws IOException {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        }
    }
}
