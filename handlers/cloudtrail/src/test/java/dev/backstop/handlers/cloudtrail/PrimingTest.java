package dev.backstop.handlers.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.RuleBook;
import dev.backstop.runtime.InProcessHttpClient;
import dev.backstop.testing.TestRules;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

class PrimingTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:14:09Z");
    private static final Settings SETTINGS = new Settings("backstop-audit",
            "arn:aws:sns:us-east-1:123456789012:backstop", Mode.DRY_RUN, List.of());
    private static final Set<String> READS = Set.of("getTrail", "getTrailStatus", "listTags", "getItem", "getTopicAttributes");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final RuleBook rules = TestRules.defaultPack();

    /** An HTTP client at the very edge of the SDK: it keeps whatever reaches it and sends nothing. */
    private static final class RecordingHttpClient implements SdkHttpClient {

        final List<String> requests = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request.httpRequest().method() + " " + request.httpRequest().getUri());
            throw new IllegalStateException("priming must not send anything");
        }

        @Override
        public void close() {
        }
    }

    private Priming priming(CloudTrailClient cloudTrail, DynamoDbClient dynamoDb, SnsClient sns) {
        return new Priming(new CloudTrailEventParser(), () -> () -> rules, () -> json, () -> cloudTrail, () -> dynamoDb,
                () -> sns, SETTINGS, Region.US_EAST_1, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void primesTheSdkCallsWithoutSendingAnythingOrAskingForCredentials() {
        RecordingHttpClient http = new RecordingHttpClient();
        AwsCredentialsProvider noCredentials = () -> {
            throw SdkClientException.create("no credentials at checkpoint");
        };

        Priming.Primed primed = priming(
                AwsClientsModule.build(CloudTrailClient.builder(), http, noCredentials, Region.US_EAST_1),
                AwsClientsModule.build(DynamoDbClient.builder(), http, noCredentials, Region.US_EAST_1),
                AwsClientsModule.build(SnsClient.builder(), http, noCredentials, Region.US_EAST_1)).prime();

        assertThat(primed.stopped()).isEqualTo(READS.size());
        assertThat(http.requests).isEmpty();
    }

    @Test
    void makesOnlyReadCallsAtTheSdkEdge() {
        List<String> calls = new ArrayList<>();

        priming(recording(CloudTrailClient.class, calls), recording(DynamoDbClient.class, calls),
                recording(SnsClient.class, calls)).prime();

        assertThat(calls).containsExactlyInAnyOrderElementsOf(READS);
    }

    @Test
    void runsADecisionsCallsAndTheirResponsesOnClientsAnsweredInTheProcess() {
        Priming.Primed primed = priming(recording(CloudTrailClient.class, new ArrayList<>()),
                recording(DynamoDbClient.class, new ArrayList<>()), recording(SnsClient.class, new ArrayList<>())).prime();

        assertThat(primed.answered()).isEqualTo(8);
    }

    @Test
    void theInProcessHttpClientAnswersWhatTheSdkReads() {
        InProcessHttpClient inProcess = new InProcessHttpClient();
        AwsCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));

        try (CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), inProcess, keys, Region.US_EAST_1);
                SnsClient sns = AwsClientsModule.build(SnsClient.builder(), inProcess, keys, Region.US_EAST_1)) {
            assertThat(cloudTrail.getTrail(r -> r.name("x")).trail().name()).isEqualTo("priming");
            assertThat(cloudTrail.getTrailStatus(r -> r.name("x")).isLogging()).isFalse();
            assertThat(sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:t").message("m")).messageId())
                    .isEqualTo("priming");
        }
    }

    @Test
    void aCheckpointRunsThePrimingWithoutFailing() {
        RecordingHttpClient http = new RecordingHttpClient();
        Priming priming = priming(recording(CloudTrailClient.class, new ArrayList<>()),
                AwsClientsModule.build(DynamoDbClient.builder(), http, () -> {
                    throw SdkClientException.create("no credentials");
                }, Region.US_EAST_1),
                recording(SnsClient.class, new ArrayList<>()));

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
        assertThat(http.requests).isEmpty();
    }

    /** A client that records the name of every call made on it and answers none. */
    private static <T> T recording(Class<T> client, List<String> calls) {
        return client.cast(Proxy.newProxyInstance(client.getClassLoader(), new Class<?>[] {client}, (proxy, method, args) -> {
            if (method.getName().equals("serviceName")) {
                return client.getSimpleName();
            }
            if (method.getName().equals("close") || method.getDeclaringClass() == Object.class) {
                return null;
            }
            calls.add(method.getName());
            throw new UnsupportedOperationException("a recording fake answers nothing");
        }));
    }
}
