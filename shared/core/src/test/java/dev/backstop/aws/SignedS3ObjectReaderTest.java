package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reader's GET must be the request the S3 client itself sends, signature included: the
 * emulators do not check signatures, so this is where a wrong signing setting would show. The S3
 * client's request is caught just before sending; the reader then signs the same request at the
 * same instant, and both must carry the same Authorization header.
 */
class SignedS3ObjectReaderTest {

    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    private static final Region REGION = Region.EU_WEST_1;
    private static final String KEY = "rules/team file+v1 (ü).yaml";

    @Test
    void signsAPathStyleGetOnAnEmulatorAsTheS3ClientDoes() {
        URI endpoint = URI.create("http://localhost:4566");
        SdkHttpRequest theirs = s3ClientRequest(endpoint, true, "security-rules");

        assertSameRequest(theirs, new SignedS3ObjectReader(UrlConnectionHttpClient.create(), KEYS, REGION, endpoint,
                true, clockAt(theirs)), "security-rules");
    }

    @Test
    void signsAVirtualHostedGetOnAwsAsTheS3ClientDoes() {
        URI endpoint = URI.create("https://s3.eu-west-1.amazonaws.com");
        SdkHttpRequest theirs = s3ClientRequest(endpoint, false, "security-rules");

        assertSameRequest(theirs, new SignedS3ObjectReader(UrlConnectionHttpClient.create(), KEYS, REGION, endpoint,
                false, clockAt(theirs)), "security-rules");
    }

    @Test
    void usesPathStyleForABucketNameWithDots() {
        SignedS3ObjectReader reader = new SignedS3ObjectReader(UrlConnectionHttpClient.create(), KEYS, REGION,
                URI.create("https://s3.eu-west-1.amazonaws.com"), false, Clock.systemUTC());

        SdkHttpFullRequest request = reader.request("rules.example.com", "team.yaml", null, "\"v1\"");

        assertThat(request.host()).isEqualTo("s3.eu-west-1.amazonaws.com");
        assertThat(request.encodedPath()).isEqualTo("/rules.example.com/team.yaml");
        assertThat(request.firstMatchingHeader("If-None-Match")).contains("\"v1\"");
    }

    @Test
    void sendsTheExpectedBucketOwnerSignedWithTheRequest() {
        SignedS3ObjectReader reader = new SignedS3ObjectReader(UrlConnectionHttpClient.create(), KEYS, REGION,
                URI.create("https://s3.eu-west-1.amazonaws.com"), false, Clock.systemUTC());

        SdkHttpRequest signed = reader.sign(reader.request("security-rules", "team.yaml", "123456789012", null));

        assertThat(signed.firstMatchingHeader("x-amz-expected-bucket-owner")).contains("123456789012");
        assertThat(signed.firstMatchingHeader("Authorization").orElseThrow()).contains("x-amz-expected-bucket-owner");
    }

    @Test
    void anUnreachableEndpointIsAnSdkClientException() {
        SignedS3ObjectReader reader = new SignedS3ObjectReader(UrlConnectionHttpClient.create(), KEYS, REGION,
                URI.create("http://127.0.0.1:9"), true, Clock.systemUTC());

        assertThatThrownBy(() -> reader.readIfChanged("security-rules", "team.yaml", null))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
                .hasMessageStartingWith("cannot read s3://security-rules/team.yaml: ");
    }

    /** The reader's request with the S3 client's extra headers (invocation id, retry info), signed by the reader. */
    private static void assertSameRequest(SdkHttpRequest theirs, SignedS3ObjectReader reader, String bucket) {
        SdkHttpFullRequest.Builder ours = reader.request(bucket, KEY, null, null).toBuilder();
        assertThat(ours.host()).isEqualTo(theirs.host());
        assertThat(ours.encodedPath()).isEqualTo(theirs.encodedPath());
        assertThat(ours.protocol()).isEqualTo(theirs.protocol());
        for (Map.Entry<String, List<String>> header : theirs.headers().entrySet()) {
            if (!List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256").contains(header.getKey())) {
                ours.putHeader(header.getKey(), header.getValue());
            }
        }
        SdkHttpRequest signed = reader.sign(ours.build());

        assertThat(signed.firstMatchingHeader("x-amz-content-sha256"))
                .isEqualTo(theirs.firstMatchingHeader("x-amz-content-sha256"));
        assertThat(signed.firstMatchingHeader("Authorization")).isPresent()
                .isEqualTo(theirs.firstMatchingHeader("Authorization"));
    }

    private static SdkHttpRequest s3ClientRequest(URI endpoint, boolean pathStyle, String bucket) {
        AtomicReference<SdkHttpRequest> caught = new AtomicReference<>();
        ExecutionInterceptor stop = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                caught.set(context.httpRequest());
                throw new IllegalStateException("caught before sending");
            }
        };
        try (S3Client s3 = S3Client.builder().region(REGION).credentialsProvider(KEYS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).forcePathStyle(pathStyle)
                .overrideConfiguration(override -> override.addExecutionInterceptor(stop)).build()) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key(KEY)))
                    .hasMessage("caught before sending");
        }
        return caught.get();
    }

    private static Clock clockAt(SdkHttpRequest signed) {
        String date = signed.firstMatchingHeader("X-Amz-Date").orElseThrow();
        return Clock.fixed(ZonedDateTime.parse(date, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant(),
                ZoneOffset.UTC);
    }
}
