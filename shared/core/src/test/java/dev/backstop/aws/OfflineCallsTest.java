package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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

class OfflineCallsTest {

    /** The SDK's edge: keeps each request that reaches it, and fails it without sending. */
    private static final class RecordingHttpClient implements SdkHttpClient {

        final List<String> requests = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request.httpRequest().getUri().toString());
            throw new IllegalStateException("recorded, not sent");
        }

        @Override
        public void close() {
        }
    }

    private final RecordingHttpClient http = new RecordingHttpClient();

    private CloudTrailClient client(AwsCredentialsProvider credentials) {
        return AwsClientsModule.build(CloudTrailClient.builder(), http, credentials, Region.US_EAST_1);
    }

    @Test
    void anOfflineCallIsStoppedBeforeItReachesTheHttpClient() {
        CloudTrailClient cloudTrail = client(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));

        assertThatThrownBy(() -> cloudTrail.getTrailStatus(r -> r.name("trail").overrideConfiguration(OfflineCalls::configure)))
                .satisfies(failure -> assertThat(OfflineCalls.stopped(failure)).isTrue());
        assertThat(http.requests).isEmpty();
    }

    @Test
    void anOfflineCallNeedsNoCredentials() {
        CloudTrailClient cloudTrail = client(() -> {
            throw SdkClientException.create("no credentials here");
        });

        assertThatThrownBy(() -> cloudTrail.getTrail(r -> r.name("trail").overrideConfiguration(OfflineCalls::configure)))
                .satisfies(failure -> assertThat(OfflineCalls.stopped(failure)).isTrue());
        assertThat(http.requests).isEmpty();
    }

    @Test
    void anOrdinaryCallGoesOutAsBefore() {
        CloudTrailClient cloudTrail = client(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));

        assertThatThrownBy(() -> cloudTrail.getTrailStatus(r -> r.name("trail")))
                .satisfies(failure -> assertThat(OfflineCalls.stopped(failure)).isFalse());
        assertThat(http.requests).isNotEmpty();
    }
}
