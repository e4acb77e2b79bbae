package dev.backstop.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * An S3 PutObject under Object Lock made as one signed HTTP PUT, addressed and signed as
 * {@link SignedS3ObjectReader} reads: a scheduled function that anchors chain heads needs no S3
 * module for that one call. S3 wants a Content-MD5 with every locked write.
 */
public final class SignedS3ObjectWriter implements S3ObjectWriter {

    private final SdkHttpClient http;
    private final SignedS3ObjectReader requests;

    public SignedS3ObjectWriter(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this(http, new SignedS3ObjectReader(http, credentials, region));
    }

    SignedS3ObjectWriter(SdkHttpClient http, SignedS3ObjectReader requests) {
        this.http = http;
        this.requests = requests;
    }

    @Override
    public String writeLocked(String bucket, String key, byte[] content, Instant retainUntil) {
        String where = "s3://" + bucket + "/" + key;
        SdkHttpFullRequest request = requests.request(bucket, key, null, null).toBuilder()
                .method(SdkHttpMethod.PUT)
                .putHeader("Content-Length", Integer.toString(content.length))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-MD5", Base64.getEncoder().encodeToString(md5(content)))
                .putHeader("x-amz-object-lock-mode", "COMPLIANCE")
                .putHeader("x-amz-object-lock-retain-until-date", retainUntil.truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(requests.sign(request))
                    .contentStreamProvider(() -> new ByteArrayInputStream(content)).build()).call();
            int status = response.httpResponse().statusCode();
            if (status / 100 != 2) {
                throw SdkServiceException.builder().statusCode(status)
                        .message("cannot write " + where + ": HTTP " + status + " " + body(response)).build();
            }
            return response.httpResponse().firstMatchingHeader("x-amz-version-id").orElse(null);
        } catch (IOException e) {
            throw SdkClientException.create("cannot write " + where + ": " + e.getMessage(), e);
        }
    }

    private static String body(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return SignedS3ObjectReader.errorCode(in.readAllBytes());
        }
    }

    private static byte[] md5(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }
}
