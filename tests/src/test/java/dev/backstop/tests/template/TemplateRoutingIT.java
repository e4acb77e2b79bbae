package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.tests.Emulators;
import dev.backstop.tests.template.SamTemplate.EventRule;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's own EventBridge rules, recreated on the emulators' EventBridge with a queue
 * standing in for each function, deliver every sample in events/ to exactly the functions
 * routing.yaml names. It all lives on a fresh bus, so parallel runs and other tests never meet.
 */
class TemplateRoutingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<EventRule> RULES = SamTemplate.load().eventRules();
    private static final Map<String, List<String>> EXPECTED = RoutingExpectations.load();

    private static EventBridgeClient eventBridge;
    private static SqsClient sqs;
    private static String bus;
    /** What was created, for the clean-up: target ids by rule name, queue URLs by function. */
    private static final Map<String, List<String>> targetsByRule = new LinkedHashMap<>();
    private static final Map<String, String> queueByFunction = new TreeMap<>();

    @BeforeAll
    static void recreateTheTemplatesRulesOnAFreshBus() {
        Emulators.requireLocalEndpoint();
        SdkHttpClient http = UrlConnectionHttpClient.create();
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        eventBridge = AwsClientsModule.build(EventBridgeClient.builder(), http,
                EnvironmentVariableCredentialsProvider.create(), region);
        sqs = AwsClientsModule.build(SqsClient.builder(), http, EnvironmentVariableCredentialsProvider.create(), region);
        bus = Emulators.uniquePrefix("backstop-routing");
        eventBridge.createEventBus(request -> request.name(bus));
        // No queue policy for events.amazonaws.com: the emulator does not ask for one.
        for (EventRule rule : RULES) {
            String queueUrl = queueByFunction.computeIfAbsent(rule.target(),
                    function -> sqs.createQueue(request -> request.queueName(bus + "-" + function)).queueUrl());
            String queueArn = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            eventBridge.putRule(request -> request.eventBusName(bus).name(rule.name()).eventPattern(rule.pattern()));
            targetsByRule.computeIfAbsent(rule.name(), name -> new ArrayList<>()).add(rule.target());
            eventBridge.putTargets(request -> request.eventBusName(bus).rule(rule.name())
                    .targets(target -> target.id(rule.target()).arn(queueArn)));
        }
    }

    @AfterAll
    static void deleteWhatWasCreated() {
        targetsByRule.forEach((rule, targets) -> {
            eventBridge.removeTargets(request -> request.eventBusName(bus).rule(rule).ids(targets));
            eventBridge.deleteRule(request -> request.eventBusName(bus).name(rule));
        });
        if (bus != null) {
            eventBridge.deleteEventBus(request -> request.name(bus));
        }
        queueByFunction.values().forEach(queueUrl -> sqs.deleteQueue(request -> request.queueUrl(queueUrl)));
    }

    @Test
    void everySampleEventReachesExactlyItsFunctions() {
        // Only EventBridge events can be put on a bus; routing.yaml gives the others no function.
        List<Sample> samples = Sample.all().stream().filter(Sample::eventBridge).toList();
        Map<String, String> sampleByEventId = new HashMap<>();
        for (Sample sample : samples) {
            sampleByEventId.put(put(sample), sample.name());
        }

        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> received = new TreeMap<>();
        queueByFunction.forEach((function, queueUrl) -> {
            List<String> routed = samples.stream().map(Sample::name)
                    .filter(name -> EXPECTED.getOrDefault(name, List.of()).contains(function))
                    .sorted().toList();
            expected.put(function, routed);
            received.put(function, receive(queueUrl, routed.size()).stream()
                    .map(eventId -> sampleByEventId.getOrDefault(eventId, "an event not put by this test: " + eventId))
                    .sorted().toList());
        });

        assertThat(received).as("samples from events/ that reached each function's queue").isEqualTo(expected);
    }

    /**
     * Puts a sample on the bus as its source would and returns the id EventBridge gave it.
     * PutEvents cannot set account, region or id: the emulator fills in its own.
     */
    private static String put(Sample sample) {
        JsonNode event = sample.event();
        PutEventsResultEntry result = eventBridge.putEvents(request -> request.entries(entry -> entry
                .eventBusName(bus)
                .source(event.path("source").asText())
                .detailType(event.path("detail-type").asText())
                .detail(event.path("detail").toString())
                .time(Instant.parse(event.path("time").asText()))
                .resources(StreamSupport.stream(event.path("resources").spliterator(), false)
                        .map(JsonNode::asText).toList())))
                .entries().get(0);
        assertThat(result.errorCode()).as("PutEvents of events/%s: %s", sample.name(), result.errorMessage()).isNull();
        return result.eventId();
    }

    /**
     * The ids of the events in a queue: waits up to ten seconds for the expected number, then
     * for one empty receive (a second long), which shows that nothing more is coming.
     */
    private static List<String> receive(String queueUrl, int expected) {
        List<String> eventIds = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty() && eventIds.size() >= expected) {
                break;
            }
            messages.forEach(message -> eventIds.add(eventIdOf(message)));
        }
        return eventIds;
    }

    private static String eventIdOf(Message message) {
        try {
            return JSON.readTree(message.body()).path("id").asText();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
