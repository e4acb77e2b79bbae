package dev.backstop.handlers.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.TestRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AlarmPrimingTest {

    private static final Settings SETTINGS = new Settings("backstop-audit",
            "arn:aws:sns:us-east-1:123456789012:backstop", Mode.DRY_RUN, List.of());

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

    @Test
    void readsBothAlarmShapesAndPrimesTheLookupAndTheClaimWithoutSendingAnything() {
        RecordingHttpClient http = new RecordingHttpClient();
        AwsCredentialsProvider noCredentials = () -> {
            throw SdkClientException.create("no credentials at checkpoint");
        };
        AlarmPriming priming = new AlarmPriming(new AlarmPayloadParser(), () -> () -> rules, () -> json,
                () -> AwsClientsModule.build(CloudTrailClient.builder(), http, noCredentials, Region.US_EAST_1),
                () -> AwsClientsModule.build(DynamoDbClient.builder(), http, noCredentials, Region.US_EAST_1), SETTINGS,
                Clock.fixed(Instant.parse("2026-11-20T10:31:00Z"), ZoneOffset.UTC));

        assertThat(priming.prime()).isEqualTo(2 * AlarmPriming.SAMPLES.size());
        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(http.requests).isEmpty();
    }
}
