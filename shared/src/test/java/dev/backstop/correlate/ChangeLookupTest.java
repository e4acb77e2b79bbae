package dev.backstop.correlate;

import static dev.backstop.correlate.CloudTrailHistory.lambdaCall;
import static dev.backstop.correlate.CloudTrailHistory.namedCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.RecentChange;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.testing.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Correlation with CloudTrail faked at the SDK edge (Mockito): neither LocalStack's community
 * edition nor moto serves LookupEvents, so its requests and responses are checked here.
 */
class ChangeLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYER = "arn:aws:sts::123456789012:assumed-role/deployer/ci-4711";
    private static final Instant ALARM_AT = Instant.parse("2026-11-20T10:30:12.734Z");

    private final CloudTrailClient cloudTrail = mock(CloudTrailClient.class);
    private static final String BACKSTOP_ROLE = "arn:aws:iam::123456789012:role/backstop-alarm-role";
    private final ChangeLookup lookup = new ChangeLookup(cloudTrail, JSON, new Settings("audit",
            "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of(BACKSTOP_ROLE)));

    @Test
    void namesTheWritesToTheAlarmsFunctionAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null,
                lambdaCall("e3", "UpdateAlias20150331", "arn:aws:lambda:us-east-1:123456789012:function:checkout-api:live",
                        ALARM_AT.minusSeconds(120), DEPLOYER, false),
                lambdaCall("e2", "GetFunction20150331v2", "checkout-api", ALARM_AT.minusSeconds(200), DEPLOYER, true),
                lambdaCall("e1", "UpdateFunctionCode20150331v2", "checkout-api", ALARM_AT.minusSeconds(300), DEPLOYER, false),
                lambdaCall("e0", "UpdateFunctionCode20150331v2", "orders", ALARM_AT.minusSeconds(60), DEPLOYER, false)));

        Correlated found = lookup.before(alarm("alarms/sns-lambda-latency.json"), Duration.ofMinutes(15));

        assertThat(found.resources()).containsExactly("checkout-api");
        assertThat(found.changes()).extracting(RecentChange::eventId).containsExactly("e3", "e1");
        assertThat(found.changes().get(0)).isEqualTo(new RecentChange("e3", "UpdateAlias20150331", "lambda.amazonaws.com",
                ALARM_AT.minusSeconds(120), DEPLOYER, "checkout-api", false));
        assertThat(found.note()).isNull();
        ArgumentCaptor<LookupEventsRequest> request = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(cloudTrail).lookupEvents(request.capture());
        assertThat(request.getValue().lookupAttributes()).singleElement().satisfies(attribute -> {
            assertThat(attribute.attributeKey()).isEqualTo(LookupAttributeKey.EVENT_SOURCE);
            assertThat(attribute.attributeValue()).isEqualTo("lambda.amazonaws.com");
        });
        assertThat(request.getValue().startTime()).isEqualTo(ALARM_AT.minus(Duration.ofMinutes(15)));
        assertThat(request.getValue().endTime()).isEqualTo(ALARM_AT);
    }

    @Test
    void looksUpAnInstanceByItsResourceNameAndNamesAUserWithoutAnArnAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null,
                namedCall("i1", "ModifyInstanceAttribute", "ec2.amazonaws.com", Instant.parse("2026-11-20T11:00:00Z"), "bob")));

        Correlated found = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));

        assertThat(found.changes()).singleElement().satisfies(change -> {
            assertThat(change.principal()).isEqualTo("bob");
            assertThat(change.resource()).isEqualTo("i-0abcd1234ef567890");
        });
        ArgumentCaptor<LookupEventsRequest> request = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(cloudTrail).lookupEvents(request.capture());
        assertThat(request.getValue().lookupAttributes().get(0).attributeKey()).isEqualTo(LookupAttributeKey.RESOURCE_NAME);
        assertThat(request.getValue().lookupAttributes().get(0).attributeValue()).isEqualTo("i-0abcd1234ef567890");
    }

    @Test
    void readsAFewPagesOnlyAndSaysSoAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page("more"));

        Correlated found = lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15));

        verify(cloudTrail, times(ChangeLookup.PAGES)).lookupEvents(any(LookupEventsRequest.class));
        assertThat(found.note()).startsWith("more than 200 events from lambda.amazonaws.com in the window");
    }

    @Test
    void asksNothingForACompositeAlarm() {
        Correlated found = lookup.before(alarm("alarms/eventbridge-composite.json"), Duration.ofMinutes(15));

        verify(cloudTrail, never()).lookupEvents(any(LookupEventsRequest.class));
        assertThat(found.resources()).isEmpty();
        assertThat(found.note()).isEqualTo("a composite alarm names no resource; its child alarms do");
    }

    @Test
    void recordsADeniedLookupAsTheNoteAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenThrow(error(400, "AccessDeniedException"));

        Correlated found = lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15));

        assertThat(found.changes()).isEmpty();
        assertThat(found.note()).startsWith("CloudTrail LookupEvents failed: ").contains("AccessDeniedException");
    }

    @Test
    void letsThrottlingPropagateSoTheAlarmIsRetriedAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenThrow(error(400, "ThrottlingException"));

        assertThatThrownBy(() -> lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15)))
                .isInstanceOf(CloudTrailException.class);
    }

    @Test
    void keepsOnlyTheChangesOfARulesWindowAndTheCallsItRequires() {
        Instant at = ALARM_AT;
        Correlated found = new Correlated(List.of("checkout-api"), List.of(
                new RecentChange("a", "UpdateAlias20150331", "lambda.amazonaws.com", at.minusSeconds(60), DEPLOYER, "checkout-api", false),
                new RecentChange("b", "PutFunctionConcurrency20171031", "lambda.amazonaws.com", at.minusSeconds(90), DEPLOYER, "checkout-api", false),
                new RecentChange("c", "UpdateFunctionCode20150331v2", "lambda.amazonaws.com", at.minusSeconds(900), DEPLOYER, "checkout-api", false)),
                null);

        assertThat(found.within(Duration.ofMinutes(5), at)).extracting(RecentChange::eventId).containsExactly("a", "b");
        assertThat(found.requiredWithin(Duration.ofMinutes(5), at, List.of("UpdateFunctionCode20150331v2"))).isEmpty();
        assertThat(found.requiredWithin(Duration.ofMinutes(15), at, List.of("UpdateFunctionCode20150331v2")))
                .extracting(RecentChange::eventId).containsExactly("c");
    }

    @Test
    void marksBackstopsOwnChangesWhichNeverSatisfyARequirementAtTheSdkEdge() {
        String backstopSession = "arn:aws:sts::123456789012:assumed-role/backstop-alarm-role/backstop-session";
        Event ownRollback = lambdaCall("own", "UpdateAlias20150331", "checkout-api", ALARM_AT.minusSeconds(60),
                backstopSession, false);
        String record = ownRollback.cloudTrailEvent().replace("\"arn\":\"" + backstopSession + "\"",
                "\"arn\":\"" + backstopSession + "\",\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"" + BACKSTOP_ROLE + "\"}}");
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class)))
                .thenReturn(page(null, ownRollback.toBuilder().cloudTrailEvent(record).build()));

        Correlated found = lookup.before(alarm("alarms/sns-lambda-latency.json"), Duration.ofMinutes(15));

        assertThat(found.changes()).singleElement().satisfies(change -> {
            assertThat(change.byOwnPrincipal()).isTrue();
            assertThat(change.describe()).endsWith("[Backstop's own or a protected principal]");
        });
        assertThat(found.requiredWithin(Duration.ofMinutes(15), ALARM_AT, List.of("UpdateAlias20150331"))).isEmpty();
    }

    @Test
    void takesTheFunctionOutOfAnyReferenceLambdaAccepts() {
        assertThat(AlarmResources.functionName("checkout-api")).isEqualTo("checkout-api");
        assertThat(AlarmResources.functionName("checkout-api:live")).isEqualTo("checkout-api");
        assertThat(AlarmResources.functionName("arn:aws:lambda:us-east-1:123456789012:function:checkout-api:7"))
                .isEqualTo("checkout-api");
        assertThat(AlarmResources.functionName("123456789012:function:checkout-api")).isEqualTo("checkout-api");
    }

    private static LookupEventsResponse page(String nextToken, Event... events) {
        return LookupEventsResponse.builder().events(events).nextToken(nextToken).build();
    }

    private static CloudTrailException error(int status, String code) {
        return (CloudTrailException) CloudTrailException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static AlarmEvent alarm(String sample) {
        return new AlarmPayloadParser(JSON).parse(SampleEvents.edited(sample, event -> { }));
    }
}
