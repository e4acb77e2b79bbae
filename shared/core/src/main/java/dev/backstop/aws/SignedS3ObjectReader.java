package dev.backstop.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
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
 * An S3 GetObject made as one HTTP GET signed with the SDK's own SigV4 signer, as the S3 client
 * signs it, through the handler's shared HTTP client. It spares every function that does not act
 * on S3 the S3 module (4.4 MB) it would carry only to read a rule file.
 *
 * <p>The endpoint comes from the same settings the generated clients read
 * ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, their system properties and profile
 * keys), else S3's regional endpoint. Requests are virtual-hosted on AWS, path-style on an
 * endpoint override (an emulator) and for bucket names with dots (whose host names a wildcard
 * certificate does not cover). {@code If-None-Match} lets S3 answer 304 for an unchanged file;
 * {@code x-amz-expected-bucket-owner} makes S3 refuse a bucket another account owns.
 */
public final class SignedS3ObjectReader implements S3ObjectReader {

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final boolean overridden;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SignedS3ObjectReader(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this(http, credentials, region, AwsClientEndpointProvider.builder()
                .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_S3")
                .serviceEndpointOverrideSystemProperty("aws.endpointUrlS3")
                .serviceProfileProperty("s3")
                .serviceEndpointPrefix("s3")
                .defaultProtocol("https")
                .region(region)
                .build());
    }

    private SignedS3ObjectReader(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
            AwsClientEndpointProvider endpoints) {
        this(http, credentials, region, endpoints.clientEndpoint(), endpoints.isEndpointOverridden(), Clock.systemUTC());
    }

    SignedS3ObjectReader(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint,
            boolean overridden, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.overridden = overridden;
        this.clock = clock;
    }

    @Override
    public Optional<StoredObject> readIfChanged(String bucket, String key, String expectedOwner, String knownETag) {
        String where = "s3://" + bucket + "/" + key;
        SdkHttpRequest request = sign(request(bucket, key, expectedOwner, knownETag));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
            int status = response.httpResponse().statusCode();
            byte[] body = read(response.responseBody());
            if (status == 304) {
                return Optional.empty();
            }
            if (status / 100 != 2) {
                throw SdkServiceException.builder().statusCode(status)
                        .message("cannot read " + where + ": HTTP " + status + " " + errorCode(body)).build();
            }
            return Optional.of(new StoredObject(response.httpResponse().firstMatchingHeader("ETag").orElse(null),
                    response.httpResponse().firstMatchingHeader("x-amz-version-id").orElse(null), body));
        } catch (IOException e) {
            throw SdkClientException.create("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    SdkHttpFullRequest request(String bucket, String key, String expectedOwner, String knownETag) {
        boolean pathStyle = overridden || bucket.contains(".");
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        String path = base + (pathStyle ? "/" + SdkHttpUtils.urlEncode(bucket) : "") + "/"
                + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol(endpoint.getScheme())
                .host(pathStyle ? endpoint.getHost() : bucket + "." + endpoint.getHost())
                .port(endpoint.getPort() == -1 ? null : endpoint.getPort())
                .encodedPath(path);
        if (knownETag != null) {
            request.putHeader("If-None-Match", knownETag);
        }
        if (expectedOwner != null) {
            // Signed with the request, so no one on the way can drop it.
            request.putHeader("x-amz-expected-bucket-owner", expectedOwner);
        }
        return request.build();
    }

    /** As the S3 client signs a GetObject: no path normalising, no double encoding, unsigned (empty) payload. */
    SdkHttpRequest sign(SdkHttpFullRequest request) {
        return signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    private static byte[] read(Optional<? extends InputStream> body) throws IOException {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readNBytes(MAX_BYTES + 1);
        }
    }

    /** S3's error code, such as {@code NoSuchKey} or {@code AccessDenied}, from its XML error body. */
    static String errorCode(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int start = text.indexOf("<Code>");
        int end = text.indexOf("</Code>");
        return start >= 0 && end > start ? text.substring(start + "<Code>".length(), end) : "";
    }
}
