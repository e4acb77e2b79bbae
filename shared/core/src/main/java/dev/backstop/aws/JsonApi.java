package dev.backstop.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.utils.internal.CodegenNamingUtils;

/**
 * Calls a JSON API of an AWS service as its generated SDK client would: SigV4-signed with the
 * SDK's own signer, through the handler's shared HTTP client, retried with {@link Retries}'
 * strategy, the endpoint from the same settings the generated clients read
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, their system properties and
 * profile keys). For the services whose SDK modules this build cannot get (GuardDuty, AWS Config,
 * Security Hub, Route 53 Resolver): their actions need a handful of calls each.
 *
 * <pre>{@code
 * JsonNode status = api.target("DescribeConfigurationRecorderStatus", json.createObjectNode());  // JSON 1.1
 * JsonNode detector = api.rest(SdkHttpMethod.GET, "/detector/" + id, null);                   // REST-JSON
 * }</pre>
 *
 * <p>A failure answers as the generated clients do, so {@code AwsErrors} sorts it the same way: an
 * error response is an {@link AwsServiceException} with the service's error code and HTTP status
 * (throttling and 5xx transient), a network failure an {@link SdkClientException}.
 */
public final class JsonApi {

    /**
     * One service's names.
     *
     * @param signingName what SigV4 signs for ({@code guardduty}, {@code config})
     * @param endpointPrefix the host's first label ({@code guardduty.us-east-1.amazonaws.com})
     * @param serviceId the service's id in its SDK model ({@code GuardDuty}, {@code Config Service}),
     *     which the SDK names the service's endpoint settings after
     * @param targetPrefix a JSON 1.1 service's {@code X-Amz-Target} prefix; null for a REST-JSON service
     */
    public record Service(String signingName, String endpointPrefix, String serviceId, String targetPrefix) {

        public Service {
            Objects.requireNonNull(signingName, "signingName");
            Objects.requireNonNull(endpointPrefix, "endpointPrefix");
            Objects.requireNonNull(serviceId, "serviceId");
        }

        /** {@code AWS_ENDPOINT_URL_CONFIG_SERVICE}: the service id upper-cased, its spaces underscores. */
        String environmentVariable() {
            return "AWS_ENDPOINT_URL_" + settingName().toUpperCase(Locale.ROOT);
        }

        /** {@code config_service}: the key of the profile's {@code services} section. */
        String profileProperty() {
            return settingName().toLowerCase(Locale.ROOT);
        }

        /**
         * {@code aws.endpointUrlConfig}: the service id in the SDK's own Pascal case ({@code CloudTrail},
         * {@code Sns}, {@code DynamoDb}) without a leading Amazon or AWS and a trailing Service, as the
         * SDK's code generator names its clients' property; a copy of its case rules would drift.
         */
        public String systemProperty() {
            return "aws.endpointUrl" + CodegenNamingUtils.pascalCase(serviceId)
                    .replaceFirst("^(?i)amazon", "").replaceFirst("^(?i)aws", "").replaceFirst("(?i)service$", "");
        }

        private String settingName() {
            return serviceId.replace(' ', '_');
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loaded, and its client built, on the first PATCH only. */
    private static final class Jdk {
        static final SdkHttpClient CLIENT = new JdkHttpClient();
    }

    private static final Supplier<SdkHttpClient> PATCH_CLIENT = () -> Jdk.CLIENT;

    private final SdkHttpClient http;
    private final Supplier<SdkHttpClient> patchHttp;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final Service service;
    private final URI endpoint;
    private final RetryStrategy retries;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public JsonApi(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Service service) {
        this(http, PATCH_CLIENT, credentials, region, service, endpoint(service, region), Retries.strategy(), Clock.systemUTC());
    }

    /**
     * @param patchHttp what sends a PATCH, which {@code HttpURLConnection} (the url-connection
     *     client's) cannot: the JDK's client in production, the same fake in tests
     */
    JsonApi(SdkHttpClient http, Supplier<SdkHttpClient> patchHttp, AwsCredentialsProvider credentials,
            Region region, Service service, URI endpoint, RetryStrategy retries, Clock clock) {
        this.http = http;
        this.patchHttp = patchHttp;
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.endpoint = endpoint;
        this.retries = retries;
        this.clock = clock;
    }

    private static URI endpoint(Service service, Region region) {
        return AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable(service.environmentVariable())
                .serviceEndpointOverrideSystemProperty(service.systemProperty())
                .serviceProfileProperty(service.profileProperty())
                .serviceEndpointPrefix(service.endpointPrefix())
                .defaultProtocol("https")
                .region(region)
                .build()
                .clientEndpoint();
    }

    /** The region the calls go to. */
    public Region region() {
        return region;
    }

    /** A JSON 1.1 operation: {@code POST /} with {@code X-Amz-Target: <prefix>.<operation>}; the response body. */
    public JsonNode target(String operation, JsonNode body) {
        return call(operation, targetRequest(operation, body));
    }

    /** The unsigned request of a JSON 1.1 operation (for a test to sign it beside the SDK client's). */
    SdkHttpFullRequest targetRequest(String operation, JsonNode body) {
        if (service.targetPrefix() == null) {
            throw new IllegalStateException(service.signingName() + " is a REST-JSON service: use rest()");
        }
        return base(SdkHttpMethod.POST, "/", body)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation)
                .build();
    }

    /** A REST-JSON operation: the method and the path (its variables already URL-encoded); the body may be null. */
    public JsonNode rest(SdkHttpMethod method, String path, JsonNode body) {
        SdkHttpFullRequest.Builder request = base(method, path, body);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return call(method + " " + path, request.build());
    }

    private SdkHttpFullRequest.Builder base(SdkHttpMethod method, String path, JsonNode body) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String[] pathAndQuery = path.split("\\?", 2);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(method)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort() == -1 ? null : endpoint.getPort())
                .encodedPath(base + pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.putRawQueryParameter(nameValue[0], nameValue.length == 2 ? nameValue[1] : "");
            }
        }
        if (body != null) {
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            request.contentStreamProvider(() -> new java.io.ByteArrayInputStream(bytes))
                    .putHeader("Content-Length", Integer.toString(bytes.length));
        }
        return request;
    }

    private JsonNode call(String operation, SdkHttpFullRequest request) {
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create(service.signingName())).token();
        while (true) {
            try {
                JsonNode answer = once(operation, request);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (SdkException failure) {
                Duration delay;
                try {
                    var refreshed = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token)
                            .failure(failure).build());
                    token = refreshed.token();
                    delay = refreshed.delay();
                } catch (TokenAcquisitionFailedException noMore) {
                    throw failure;
                }
                pause(delay, failure);
            }
        }
    }

    private JsonNode once(String operation, SdkHttpFullRequest request) {
        SignedRequest signed = sign(request);
        try {
            SdkHttpClient sender = signed.request().method() == SdkHttpMethod.PATCH ? patchHttp.get() : http;
            HttpExecuteResponse response = sender.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            byte[] body = read(response.responseBody());
            SdkHttpResponse head = response.httpResponse();
            if (head.statusCode() / 100 != 2) {
                throw error(operation, head, body);
            }
            return body.length == 0 ? MissingNode.getInstance() : parse(operation, body);
        } catch (IOException e) {
            throw SdkClientException.create(service.signingName() + " " + operation + ": " + e.getMessage(), e);
        }
    }

    SignedRequest sign(SdkHttpFullRequest request) {
        return signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(request.contentStreamProvider().orElse(null))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    }

    private JsonNode parse(String operation, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw SdkClientException.create(service.signingName() + " " + operation + " answered with no JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The service's error as the generated clients report it. JSON 1.1 names it in {@code __type}
     * ({@code com.amazonaws.config#NoSuchConfigurationRecorderException}), REST-JSON in the
     * {@code x-amzn-ErrorType} header ({@code BadRequestException:http://...}) or the body's {@code __type}.
     */
    private AwsServiceException error(String operation, SdkHttpResponse head, byte[] body) {
        JsonNode error = errorBody(body);
        String code = head.firstMatchingHeader("x-amzn-ErrorType")
                .or(() -> text(error, "__type")).or(() -> text(error, "code")).or(() -> text(error, "Code"))
                .map(JsonApi::shortCode).orElse("HTTP" + head.statusCode());
        String message = text(error, "message").or(() -> text(error, "Message")).orElse(operation + " failed");
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                .serviceName(service.signingName()).sdkHttpResponse(head).build();
        return AwsServiceException.builder().statusCode(head.statusCode()).awsErrorDetails(details)
                .requestId(head.firstMatchingHeader("x-amzn-RequestId").orElse(null))
                .message(service.signingName() + " " + operation + ": " + code + ": " + message).build();
    }

    private static JsonNode errorBody(byte[] body) {
        try {
            JsonNode error = body.length == 0 ? null : JSON.readTree(body);
            return error == null ? MissingNode.getInstance() : error;
        } catch (IOException notJson) {
            return MissingNode.getInstance(); // an HTML page from a proxy or an emulator: the status says enough
        }
    }

    private static String shortCode(String raw) {
        String code = raw.contains("#") ? raw.substring(raw.lastIndexOf('#') + 1) : raw;
        return code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static byte[] read(Optional<? extends InputStream> body) throws IOException {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        }
    }

    private static void pause(Duration delay, SdkException failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
