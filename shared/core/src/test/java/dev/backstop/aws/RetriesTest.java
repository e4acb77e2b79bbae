package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.AwsErrors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;

/**
 * The clients every handler builds retry throttling and 5xx inside the invocation and give up on
 * terminal errors at once: the real SDK client, with its HTTP answered at the edge.
 */
class RetriesTest {

    private record Answer(int status, String body) {
    }

    /** Answers each request with the next scripted response, counting the attempts. */
    private static final class ScriptedHttp implements SdkHttpClient {

        private final Deque<Answer> answers = new ArrayDeque<>();
        private final AtomicInteger attempts = new AtomicInteger();

        ScriptedHttp answer(int times, int status, String body) {
            for (int i = 0; i < times; i++) {
                answers.add(new Answer(status, body));
            }
            return this;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    attempts.incrementAndGet();
                    Answer answer = answers.isEmpty() ? new Answer(500, "{}") : answers.poll();
                    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(answer.status())
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", Integer.toString(body.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static final String THROTTLED = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
    private static final String UNAVAILABLE = "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}";
    private static final String DENIED = "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}";
    private static final String LOGGING = "{\"IsLogging\":true}";

    private static CloudTrailClient client(SdkHttpClient http) {
        return AwsClientsModule.build(CloudTrailClient.builder(), http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), Region.US_EAST_1);
    }

    @Test
    void throttlingAtTheSdkEdgeIsRetriedWithinTheInvocation() {
        ScriptedHttp http = new ScriptedHttp().answer(2, 400, THROTTLED).answer(1, 200, LOGGING);

        boolean logging = client(http).getTrailStatus(r -> r.name("management-events")).isLogging();

        assertThat(logging).isTrue();
        assertThat(http.attempts).hasValue(3);
    }

    @Test
    void serverErrorsAtTheSdkEdgeAreRetriedUpToTheLimitThenHandedBackAsTransient() {
        ScriptedHttp http = new ScriptedHttp().answer(Retries.MAX_ATTEMPTS, 503, UNAVAILABLE);

        assertThatThrownBy(() -> client(http).getTrailStatus(r -> r.name("management-events")))
                .isInstanceOf(CloudTrailException.class)
                .satisfies(error -> assertThat(AwsErrors.isTransient(error)).isTrue());
        assertThat(http.attempts).hasValue(Retries.MAX_ATTEMPTS);
    }

    @Test
    void accessDeniedAtTheSdkEdgeIsNotRetried() {
        ScriptedHttp http = new ScriptedHttp().answer(1, 400, DENIED).answer(1, 200, LOGGING);

        assertThatThrownBy(() -> client(http).startLogging(r -> r.name("management-events")))
                .isInstanceOf(CloudTrailException.class)
                .satisfies(error -> assertThat(AwsErrors.isTransient(error)).isFalse());
        assertThat(http.attempts).hasValue(1);
    }
}
