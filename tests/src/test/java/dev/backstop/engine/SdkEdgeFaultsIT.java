package dev.backstop.engine;

import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.testing.FakeS3;
import dev.backstop.testing.SampleEvents;
import dev.backstop.tests.Emulators;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Throttling and 5xx injected at the SDK edge, under the engine's real clients talking to the
 * emulators: a share of DynamoDB and CloudTrail requests is answered 429 or 503 before it is
 * sent. The clients retry; what still fails is handed back and delivered again, as Lambda
 * would. Nothing is lost and nothing is done twice: every event ends decided, and StartLogging
 * reaches CloudTrail exactly once per stopped trail.
 */
class SdkEdgeFaultsIT {

    private static final double FAULT_RATE = 0.15;

    /** Answers some JSON-protocol requests (DynamoDB, CloudTrail) with 429 or 503 instead of sending them. */
    private static final class FaultyHttp implements SdkHttpClient {

        private final SdkHttpClient real = UrlConnectionHttpClient.create();
        private final Random random = new Random(6);
        final AtomicInteger injected = new AtomicInteger();
        final AtomicInteger startLoggingSent = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            if (!target.isEmpty() && fault()) {
                injected.incrementAndGet();
                int status = injected.get() % 2 == 0 ? 429 : 503;
                return answer(status);
            }
            if (target.endsWith(".StartLogging")) {
                startLoggingSent.incrementAndGet();
            }
            return real.prepareRequest(request);
        }

        private synchronized boolean fault() {
            return random.nextDouble() < FAULT_RATE;
        }

        private static ExecutableHttpRequest answer(int status) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = "{\"message\":\"injected at the SDK edge\"}".getBytes();
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(status)
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
            real.close();
        }
    }

    @Test
    void throttlingAndServerErrorsAreRetriedAndNoEventIsLostOrActedOnTwice() throws Exception {
        Emulators.requireLocalEndpoint();
        DemoWorld world = DemoComponent.create().world();
        Stage stage = world.build(Emulators.uniquePrefix("faults"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Stage> trails = new ArrayList<>();
            for (Future<Stage> trail : pool.invokeAll(IntStream.range(0, 40).mapToObj(i -> (Callable<Stage>) () -> {
                Stage made = world.withTrail(stage, stage.trailName() + "-" + i);
                world.stopLogging(made);
                return made;
            }).toList())) {
                trails.add(trail.get());
            }
            FaultyHttp http = new FaultyHttp();
            AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
            Region region = new DefaultAwsRegionProviderChain().getRegion();
            RemediationEngine engine = DaggerTestComponent.factory().create(
                    new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                            .withBreakerLimits(new BreakerLimits(1000, 1000, Duration.ofDays(1), 3, Duration.ofHours(1))),
                    Clock.systemUTC(),
                    AwsClientsModule.build(CloudTrailClient.builder(), http, credentials, region),
                    AwsClientsModule.build(DynamoDbClient.builder(), http, credentials, region),
                    AwsClientsModule.build(SnsClient.builder(), http, credentials, region), region, new FakeS3()).engine();
            List<byte[]> pending = new ArrayList<>();
            trails.forEach(trail -> {
                byte[] event = world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), trail);
                pending.addAll(List.of(event, event));
            });
            List<AuditRecord> decisions = new ArrayList<>();
            int rounds = 0;
            int handedBack = 0;
            while (!pending.isEmpty() && rounds++ < 20) {
                List<Future<AuditRecord>> results = pool.invokeAll(pending.stream()
                        .map(event -> (Callable<AuditRecord>) () -> engine.handle(apiCall(event))).toList(),
                        5, TimeUnit.MINUTES);
                List<byte[]> again = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    try {
                        decisions.add(results.get(i).get());
                    } catch (ExecutionException handedBackForRetry) {
                        again.add(pending.get(i));
                    }
                }
                handedBack += again.size();
                pending.clear();
                pending.addAll(again);
            }

            System.err.printf("SdkEdgeFaultsIT: %d faults injected, %d deliveries handed back and redelivered, %d rounds%n",
                    http.injected.get(), handedBack, rounds);
            assertThat(pending).as("deliveries never decided").isEmpty();
            assertThat(http.injected.get()).isPositive();
            assertThat(http.startLoggingSent.get()).isEqualTo(40);
            Map<String, List<Outcome>> byEvent = decisions.stream().collect(Collectors.groupingBy(AuditRecord::eventId,
                    Collectors.mapping(AuditRecord::outcome, Collectors.toList())));
            assertThat(byEvent).hasSize(40).allSatisfy((eventId, outcomes) -> assertThat(outcomes)
                    .hasSize(2).containsOnlyOnce(Outcome.DUPLICATE));
            assertThat(trails).allSatisfy(trail -> assertThat(world.isLogging(trail)).isTrue());
            // Decisions only: forty calls by one principal also trip its breaker, whose record joins the chain.
            assertThat(world.auditItems(stage).stream().filter(item -> !item.containsKey("kind")
                            && item.get("auditId").s().startsWith("decision#")))
                    .hasSize(80).allSatisfy(item -> assertThat(item.get("status").s()).isEqualTo("complete"));
        } finally {
            pool.shutdownNow();
        }
    }
}
