package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.TrailStorage;
import dev.backstop.testing.FakeJsonService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * DescribeTrails at the SDK edge. The emulators do not check signatures, so the request is compared
 * with the one the CloudTrail client itself sends, caught just before sending: the same target and
 * body, and, signed at the same instant with the client's extra headers, the same Authorization
 * header. The answers come from a local CloudTrail that checks the call is signed for CloudTrail.
 */
class SignedTrailDestinationsTest {

    private static final StaticCredentialsProvider KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    private static final Region REGION = Region.EU_WEST_1;
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private FakeJsonService cloudTrail;

    @AfterEach
    void stop() {
        if (cloudTrail != null) {
            cloudTrail.close();
        }
    }

    @Test
    void signsDescribeTrailsAsTheCloudTrailClientDoes() {
        URI endpoint = URI.create("https://cloudtrail.eu-west-1.amazonaws.com");
        Caught theirs = cloudTrailClientRequest(endpoint);
        JsonApi api = api(endpoint, clockAt(theirs.request()));

        SdkHttpFullRequest.Builder ours = api.targetRequest("DescribeTrails", SignedTrailDestinations.request()).toBuilder();
        assertThat(ours.host()).isEqualTo(theirs.request().host());
        assertThat(ours.encodedPath()).isEqualTo(theirs.request().encodedPath());
        assertThat(ours.firstMatchingHeader("X-Amz-Target")).isEqualTo(theirs.request().firstMatchingHeader("X-Amz-Target"));
        assertThat(body(ours.build())).isEqualTo(theirs.body());
        for (Map.Entry<String, List<String>> header : theirs.request().headers().entrySet()) {
            if (!List.of("Authorization", "X-Amz-Date").contains(header.getKey())) {
                ours.putHeader(header.getKey(), header.getValue());
            }
        }
        SdkHttpRequest signed = api.sign(ours.build()).request();

        assertThat(signed.firstMatchingHeader("Authorization")).isPresent()
                .isEqualTo(theirs.request().firstMatchingHeader("Authorization"));
    }

    @Test
    void readsTheBucketsAndLogGroupsOfEveryTrailShadowTrailsIncluded() {
        AtomicReference<JsonNode> asked = new AtomicReference<>();
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> {
            asked.set(request);
            ObjectNode answer = FakeJsonService.object();
            answer.putArray("trailList").add(FakeJsonService.object().put("Name", "org-trail")
                    .put("S3BucketName", "org-trail-logs")
                    .put("CloudWatchLogsLogGroupArn", "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"))
                    .add(FakeJsonService.object().put("Name", "audit").put("HomeRegion", "us-east-1")
                            .put("S3BucketName", "audit-logs"))
                    .add(FakeJsonService.object().put("Name", "no-bucket-yet").putNull("S3BucketName"));
            return answer;
        });

        TrailStorage storage = destinations().read();

        assertThat(storage).isEqualTo(new TrailStorage(Set.of("org-trail-logs", "audit-logs"),
                Set.of("arn:aws:logs:eu-west-1:111122223333:log-group:trail:*")));
        assertThat(cloudTrail.calls()).containsExactly(SignedTrailDestinations.CLOUDTRAIL.targetPrefix() + ".DescribeTrails");
        assertThat(asked.get().path("includeShadowTrails").asBoolean()).isTrue();
    }

    @Test
    void anAccountWithNoTrailHasNoTrailBucket() {
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> FakeJsonService.object().putArray("trailList")
                .removeAll().objectNode());

        assertThat(destinations().read().buckets()).isEmpty();
    }

    @Test
    void aDeniedDescribeTrailsIsCloudTrailsErrorNotAnAccountWithoutTrailBuckets() {
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> {
            throw new FakeJsonService.ServiceError(400, "AccessDeniedException", "not authorized to DescribeTrails");
        });

        assertThatThrownBy(() -> destinations().read()).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"));
    }

    @Test
    void aTrailListThatIsNoListIsRefusedNamingTheField() {
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> FakeJsonService.object()
                .put("trailList", "audit-logs"));

        assertThatThrownBy(() -> destinations().read()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("CloudTrail DescribeTrails answered trailList that is no list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S3BucketName", "CloudWatchLogsLogGroupArn"})
    void aDestinationThatIsNoNameIsRefusedRatherThanSkipped(String field) {
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> {
            ObjectNode answer = FakeJsonService.object();
            answer.putArray("trailList").add(FakeJsonService.object().put("Name", "audit").put(field, 42));
            return answer;
        });

        assertThatThrownBy(() -> destinations().read()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("CloudTrail DescribeTrails answered a trail whose " + field + " is no name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trail-logs", "arn:aws:s3:::trail-logs", "arn:aws:logs:us-east-1:123456789012:log-group:",
            "arn:aws:logs:us-east-1:123456789012:log-stream:trail-logs", "arn:aws:logs:us-east-1:1234:log-group:trail-logs:*",
            "arn:aws:logs:us-east-1:123456789012:log-group:trail logs:*"})
    void aLogGroupThatIsNoLogGroupArnIsRefusedRatherThanLeftUnguarded(String group) {
        cloudTrail = FakeJsonService.start("cloudtrail", (call, request) -> {
            ObjectNode answer = FakeJsonService.object();
            answer.putArray("trailList").add(FakeJsonService.object().put("Name", "audit")
                    .put("CloudWatchLogsLogGroupArn", group));
            return answer;
        });

        assertThatThrownBy(() -> destinations().read()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a trail's CloudWatchLogsLogGroupArn is no log group ARN").hasMessageEndingWith(group);
    }

    private SignedTrailDestinations destinations() {
        return new SignedTrailDestinations(api(URI.create(cloudTrail.endpoint()), Clock.systemUTC()));
    }

    private static JsonApi api(URI endpoint, Clock clock) {
        return new JsonApi(HTTP, () -> HTTP, KEYS, REGION, SignedTrailDestinations.CLOUDTRAIL, endpoint, Retries.strategy(),
                clock);
    }

    private record Caught(SdkHttpRequest request, String body) {
    }

    private static Caught cloudTrailClientRequest(URI endpoint) {
        AtomicReference<Caught> caught = new AtomicReference<>();
        ExecutionInterceptor stop = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String body = context.requestBody().map(payload -> read(payload.contentStreamProvider().newStream()))
                        .orElse("");
                caught.set(new Caught(context.httpRequest(), body));
                throw new IllegalStateException("caught before sending");
            }
        };
        try (CloudTrailClient client = CloudTrailClient.builder().region(REGION).credentialsProvider(KEYS).httpClient(HTTP)
                .endpointOverride(endpoint).overrideConfiguration(override -> override.addExecutionInterceptor(stop))
                .build()) {
            assertThatThrownBy(() -> client.describeTrails(request -> request.includeShadowTrails(true)))
                    .hasMessage("caught before sending");
        }
        return caught.get();
    }

    private static String body(SdkHttpFullRequest request) {
        return request.contentStreamProvider().map(provider -> read(provider.newStream())).orElse("");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Clock clockAt(SdkHttpRequest signed) {
        String date = signed.firstMatchingHeader("X-Amz-Date").orElseThrow();
        return Clock.fixed(ZonedDateTime.parse(date, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")).toInstant(),
                ZoneOffset.UTC);
    }
}
