package dev.backstop.correlate.lookup;

import static dev.backstop.testing.CloudTrailHistory.lambdaCall;
import static dev.backstop.testing.CloudTrailHistory.namedCall;
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
import dev.backstop.correlate.Correlated;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.testing.NothingRelated;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Correlation with CloudTrail faked at the SDK edge (Mockito): neither LocalStack's community
 * edition nor moto serves LookupEvents, so its requests and responses are checked here.
 */
class ChangeLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYER = "arn:aws:sts::123456789012:assumed-role/deployer/ci-4711";
    private static final Instant ALARM_AT = Instant.parse("2026-11-20T10:30:12.734Z");

    private static final String BACKSTOP_ROLE = "arn:aws:iam::123456789012:role/backstop-alarm-role";
    private static final String INSTANCE = "i-0abcd1234ef567890";

    private final CloudTrailClient cloudTrail = mock(CloudTrailClient.class);
    private final Ec2Client ec2 = NothingRelated.ec2();
    private final IamClient iam = NothingRelated.iam();
    private final LambdaClient lambda = NothingRelated.lambda();
    private final CloudTrailChangeLookup lookup = new CloudTrailChangeLookup(cloudTrail, new RelatedResources(ec2, iam, lambda), JSON,
            new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of(BACKSTOP_ROLE)));

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

        verify(cloudTrail, times(CloudTrailChangeLookup.PAGES)).lookupEvents(any(LookupEventsRequest.class));
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

    @Test
    void looksUpAnInstancesRoleAndSecurityGroupsAfterTheInstanceAtTheSdkEdge() {
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenReturn(instance(INSTANCE,
                "arn:aws:iam::123456789012:instance-profile/web/web-profile", "sg-0aaa", "sg-0bbb"));
        when(iam.getInstanceProfile(any(GetInstanceProfileRequest.class))).thenReturn(GetInstanceProfileResponse.builder()
                .instanceProfile(InstanceProfile.builder().instanceProfileName("web-profile")
                        .roles(Role.builder().roleName("web-server").build()).build()).build());
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null,
                namedCall("g1", "AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", ALARM_AT.minusSeconds(60), "bob")));

        Correlated found = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));

        assertThat(found.resources()).containsExactly(INSTANCE, "web-server", "sg-0aaa", "sg-0bbb");
        assertThat(lookedUp()).containsExactly(INSTANCE, "web-server", "sg-0aaa", "sg-0bbb");
        ArgumentCaptor<GetInstanceProfileRequest> profile = ArgumentCaptor.forClass(GetInstanceProfileRequest.class);
        verify(iam).getInstanceProfile(profile.capture());
        assertThat(profile.getValue().instanceProfileName()).isEqualTo("web-profile");
        assertThat(found.changes()).extracting(RecentChange::resource)
                .containsExactly(INSTANCE, "web-server", "sg-0aaa", "sg-0bbb");
        assertThat(found.note()).isNull();
    }

    @Test
    void keepsTheInstanceAndItsRoleWhenItsGroupsPassTheCapAndSaysSoAtTheSdkEdge() {
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenReturn(instance(INSTANCE,
                "arn:aws:iam::123456789012:instance-profile/web", "sg-1", "sg-2", "sg-3", "sg-4", "sg-5"));
        when(iam.getInstanceProfile(any(GetInstanceProfileRequest.class))).thenReturn(GetInstanceProfileResponse.builder()
                .instanceProfile(InstanceProfile.builder().roles(Role.builder().roleName("web").build()).build()).build());
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null));

        Correlated found = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));

        assertThat(lookedUp()).containsExactly(INSTANCE, "web", "sg-1", "sg-2", "sg-3");
        assertThat(found.note()).isEqualTo("2 more groups or roles not looked up: a decision looks up at most 5 resources");
    }

    @Test
    void looksUpAFunctionsExecutionRoleAtTheSdkEdge() {
        when(lambda.getFunctionConfiguration(any(GetFunctionConfigurationRequest.class))).thenReturn(
                GetFunctionConfigurationResponse.builder().functionName("checkout-api")
                        .role("arn:aws:iam::123456789012:role/service-role/checkout-api-role").build());
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null));

        Correlated found = lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15));

        assertThat(found.resources()).containsExactly("checkout-api", "checkout-api-role");
        ArgumentCaptor<GetFunctionConfigurationRequest> request = ArgumentCaptor.forClass(GetFunctionConfigurationRequest.class);
        verify(lambda).getFunctionConfiguration(request.capture());
        assertThat(request.getValue().functionName()).isEqualTo("checkout-api");
        ArgumentCaptor<LookupEventsRequest> lookups = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(cloudTrail, times(2)).lookupEvents(lookups.capture());
        assertThat(lookups.getAllValues()).extracting(lookup -> lookup.lookupAttributes().get(0).attributeKey())
                .containsExactly(LookupAttributeKey.EVENT_SOURCE, LookupAttributeKey.RESOURCE_NAME);
        assertThat(lookups.getAllValues().get(1).lookupAttributes().get(0).attributeValue()).isEqualTo("checkout-api-role");
    }

    @Test
    void correlatesAVanishedInstanceOrFunctionOnWhatTheAlarmNamesAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null));

        Correlated instance = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));
        Correlated function = lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15));

        assertThat(instance.resources()).containsExactly(INSTANCE);
        assertThat(instance.note()).isNull();
        assertThat(function.resources()).containsExactly("checkout-api");
        assertThat(function.note()).isNull();
        verify(iam, never()).getInstanceProfile(any(GetInstanceProfileRequest.class));
    }

    @Test
    void notesADeniedReadOfTheInstanceAndStillLooksItUpAtTheSdkEdge() {
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenThrow(Ec2Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation").errorMessage("denied").build())
                .build());
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null));

        Correlated found = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));

        assertThat(found.resources()).containsExactly(INSTANCE);
        assertThat(found.note()).isEqualTo("EC2 DescribeInstances of " + INSTANCE + " failed: UnauthorizedOperation: denied");
    }

    @Test
    void keepsTheNoteOfADeniedInstanceReadWhenTheLookupIsDeniedTooAtTheSdkEdge() {
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenThrow(Ec2Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation").errorMessage("denied").build())
                .build());
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenThrow(error(400, "AccessDeniedException"));

        Correlated found = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json"), Duration.ofMinutes(15));

        assertThat(found.note()).isEqualTo("CloudTrail LookupEvents failed: AccessDeniedException: AccessDeniedException; "
                + "EC2 DescribeInstances of " + INSTANCE + " failed: UnauthorizedOperation: denied");
    }

    @Test
    void letsAThrottledReadOfTheFunctionPropagateAtTheSdkEdge() {
        when(lambda.getFunctionConfiguration(any(GetFunctionConfigurationRequest.class))).thenThrow(LambdaException.builder()
                .statusCode(429).awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
                        .errorMessage("Rate exceeded").build()).build());

        assertThatThrownBy(() -> lookup.before(alarm("alarms/eventbridge-lambda-errors.json"), Duration.ofMinutes(15)))
                .isInstanceOf(LambdaException.class);
        verify(cloudTrail, never()).lookupEvents(any(LookupEventsRequest.class));
    }

    @Test
    void readsNoRoleForAnAlarmOutsideTheRegionThatKeepsIamsHistoryAtTheSdkEdge() {
        when(ec2.describeInstances(any(DescribeInstancesRequest.class))).thenReturn(instance(INSTANCE,
                "arn:aws:iam::123456789012:instance-profile/web", "sg-0aaa"));
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenReturn(page(null));

        Correlated instance = lookup.before(alarm("alarms/eventbridge-ec2-cpu.json", "eu-west-1"), Duration.ofMinutes(15));
        Correlated function = lookup.before(alarm("alarms/eventbridge-lambda-errors.json", "eu-west-1"),
                Duration.ofMinutes(15));

        assertThat(instance.resources()).containsExactly(INSTANCE, "sg-0aaa");
        assertThat(function.resources()).containsExactly("checkout-api");
        verify(iam, never()).getInstanceProfile(any(GetInstanceProfileRequest.class));
        verify(lambda, never()).getFunctionConfiguration(any(GetFunctionConfigurationRequest.class));
    }

    private List<String> lookedUp() {
        ArgumentCaptor<LookupEventsRequest> requests = ArgumentCaptor.forClass(LookupEventsRequest.class);
        verify(cloudTrail, org.mockito.Mockito.atLeastOnce()).lookupEvents(requests.capture());
        return requests.getAllValues().stream().map(request -> request.lookupAttributes().get(0).attributeValue()).toList();
    }

    private static DescribeInstancesResponse instance(String id, String profileArn, String... groups) {
        List<GroupIdentifier> identifiers = java.util.Arrays.stream(groups)
                .map(group -> GroupIdentifier.builder().groupId(group).build()).toList();
        return DescribeInstancesResponse.builder().reservations(Reservation.builder().instances(Instance.builder()
                .instanceId(id).securityGroups(identifiers)
                .iamInstanceProfile(IamInstanceProfile.builder().arn(profileArn).build()).build()).build()).build();
    }

    private static LookupEventsResponse page(String nextToken, Event... events) {
        return LookupEventsResponse.builder().events(events).nextToken(nextToken).build();
    }

    private static CloudTrailException error(int status, String code) {
        return (CloudTrailException) CloudTrailException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static AlarmEvent alarm(String sample) {
        return new AlarmPayloadParser().parse(SampleEvents.edited(sample, event -> { }));
    }

    private static AlarmEvent alarm(String sample, String region) {
        return new AlarmPayloadParser().parse(SampleEvents.edited(sample, event -> {
            event.put("region", region);
            event.putArray("resources").add("arn:aws:cloudwatch:" + region + ":123456789012:alarm:" + sample);
        }));
    }
}
