package dev.backstop.event;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudTrailEventParserTest {

    private static final String STOP_LOGGING = "cloudtrail/stop-logging.json";

    private final CloudTrailEventParser parser = new CloudTrailEventParser();

    private CloudTrailEvent parse(Consumer<ObjectNode> edit) {
        return parser.parse(edited(STOP_LOGGING, edit));
    }

    @Test
    void readsEnvelopeAndDetailOfARealStopLoggingEvent() {
        CloudTrailEvent event = parse(e -> { });

        assertThat(event.envelope().id()).isEqualTo("6f0c4e2b-1d3a-4b8e-9c57-2a1f8e3d4c10");
        assertThat(event.envelope().time()).isEqualTo(Instant.parse("2026-11-20T09:14:07Z"));
        assertThat(event.eventId()).isEqualTo("c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c");
        assertThat(event.account()).isEqualTo("123456789012");
        assertThat(event.region()).isEqualTo("us-east-1");
        CloudTrailDetail detail = event.detail();
        assertThat(detail.eventName()).isEqualTo("StopLogging");
        assertThat(detail.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(detail.eventType()).isEqualTo("AwsApiCall");
        assertThat(detail.readOnly()).isFalse();
        assertThat(detail.failed()).isFalse();
        assertThat(detail.requestParameters().get("name").asText())
                .isEqualTo("arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events");
        assertThat(detail.responseElements().isNull()).isTrue();
        UserIdentity identity = detail.userIdentity();
        assertThat(identity.type()).isEqualTo("AssumedRole");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory");
        assertThat(identity.sessionIssuer().arn()).isEqualTo("arn:aws:iam::123456789012:role/DeveloperAccess");
        assertThat(identity.issuerArn()).contains("arn:aws:iam::123456789012:role/DeveloperAccess");
        assertThat(identity.mfaAuthenticated()).isFalse();
        assertThat(identity.sessionCreated()).isEqualTo(Instant.parse("2026-11-20T08:55:41Z"));
        assertThat(event.json()).contains("\"StopLogging\"");
    }

    @Test
    void readsAFailedCallWithItsErrorCode() {
        CloudTrailEvent event = parser.parse(edited("cloudtrail/stop-logging-denied.json", e -> { }));

        assertThat(event.detail().failed()).isTrue();
        assertThat(event.detail().errorCode()).isEqualTo("AccessDenied");
        assertThat(event.detail().errorMessage()).contains("not authorized");
        assertThat(event.detail().requestParameters().isNull()).isTrue();
        assertThat(event.detail().userIdentity().type()).isEqualTo("IAMUser");
    }

    @Test
    void acceptsEc2StyleErrorCodes() {
        CloudTrailEvent event = parse(e -> detail(e).put("errorCode", "Client.UnauthorizedOperation"));

        assertThat(event.detail().failed()).isTrue();
    }

    @Test
    void acceptsMissingRequestParametersAndResponseElements() {
        CloudTrailEvent event = parse(e -> detail(e).remove(java.util.List.of("requestParameters", "responseElements")));

        assertThat(event.detail().requestParameters().isNull()).isTrue();
        assertThat(event.detail().responseElements().isNull()).isTrue();
    }

    @Test
    void acceptsBooleansWrittenAsStrings() {
        CloudTrailEvent event = parse(e -> {
            detail(e).put("readOnly", "true");
            ((ObjectNode) detail(e).at("/userIdentity/sessionContext/attributes")).put("mfaAuthenticated", true);
        });

        assertThat(event.detail().readOnly()).isTrue();
        assertThat(event.detail().userIdentity().mfaAuthenticated()).isTrue();
    }

    @Test
    void padsANumericAccountIdBackToTwelveDigits() {
        CloudTrailEvent event = parse(e -> {
            e.put("account", 12345678901L);
            detail(e).put("recipientAccountId", "012345678901");
        });

        assertThat(event.envelope().account()).isEqualTo("012345678901");
        assertThat(event.account()).isEqualTo("012345678901");
    }

    @Test
    void acceptsAnAwsServiceIdentityWithoutArn() {
        CloudTrailEvent event = parse(e -> detail(e).putObject("userIdentity")
                .put("type", "AWSService").put("invokedBy", "config.amazonaws.com"));

        assertThat(event.detail().userIdentity().type()).isEqualTo("AWSService");
        assertThat(event.detail().userIdentity().arn()).isNull();
        assertThat(event.detail().userIdentity().issuerArn()).isEmpty();
        assertThat(event.detail().userIdentity().displayName()).isEqualTo("config.amazonaws.com");
    }

    @Test
    void treatsAMissingIdentityAsUnknown() {
        CloudTrailEvent event = parse(e -> detail(e).remove("userIdentity"));

        assertThat(event.detail().userIdentity().type()).isEqualTo(UserIdentity.UNKNOWN_TYPE);
        assertThat(event.detail().userIdentity().displayName()).isEqualTo("Unknown");
    }

    @ParameterizedTest
    @MethodSource("identityTypes")
    void acceptsEveryIdentityType(String type) {
        CloudTrailEvent event = parse(e -> ((ObjectNode) detail(e).get("userIdentity")).put("type", type));

        assertThat(event.detail().userIdentity().type()).isEqualTo(type);
    }

    static Stream<String> identityTypes() {
        return Stream.of("IAMUser", "AssumedRole", "Root", "AWSService", "FederatedUser", "AWSAccount", "Unknown",
                "IdentityCenterUser", "WebIdentityUser", "SAMLUser");
    }

    @Test
    void acceptsEmptyBlocksWrittenAsEmptyObjects() {
        CloudTrailEvent event = parse(e -> ((ObjectNode) detail(e).at("/userIdentity/sessionContext"))
                .putObject("sessionIssuer"));

        assertThat(event.detail().userIdentity().sessionIssuer()).isNull();
        assertThat(event.detail().userIdentity().issuerArn())
                .contains("arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory");
    }

    @Test
    void acceptsHostNamesAndAwsInternalAsSourceAddress() {
        assertThat(parse(e -> detail(e).put("sourceIPAddress", "AWS Internal")).detail().sourceIpAddress())
                .isEqualTo("AWS Internal");
        assertThat(parse(e -> detail(e).put("sourceIPAddress", "cloudformation.amazonaws.com")).detail()
                .sourceIpAddress()).isEqualTo("cloudformation.amazonaws.com");
    }

    @Test
    void ignoresUnknownFields() {
        CloudTrailEvent event = parse(e -> {
            e.put("newEnvelopeField", 1);
            detail(e).putObject("addendum").put("reason", "DELIVERY_DELAY");
        });

        assertThat(event.detail().eventName()).isEqualTo("StopLogging");
    }

    @Test
    void acceptsNonIsoSessionCreationDates() {
        CloudTrailEvent event = parse(e -> ((ObjectNode) detail(e).at("/userIdentity/sessionContext/attributes"))
                .put("creationDate", "Fri, 20 Nov 2026 08:55:41 GMT"));

        assertThat(event.detail().userIdentity().sessionCreated()).isEqualTo(Instant.parse("2026-11-20T08:55:41Z"));
    }

    @Test
    void stripsTheApiVersionFromVersionedEventNames() {
        CloudTrailEvent event = parse(e -> detail(e).put("eventName", "UpdateFunctionCode20150331v2"));

        assertThat(event.detail().baseEventName()).isEqualTo("UpdateFunctionCode");
        assertThat(event.detail().eventName()).isEqualTo("UpdateFunctionCode20150331v2");
    }

    @Test
    void readsAConsoleSignInAsTheSameCloudTrailRecord() {
        CloudTrailEvent event = parser.parse(edited("iam/console-login-without-mfa.json", e -> { }));

        assertThat(event.envelope().detailType()).isEqualTo(CloudTrailEventParser.SIGN_IN_DETAIL_TYPE);
        assertThat(event.envelope().source()).isEqualTo("aws.signin");
        assertThat(event.detail().eventName()).isEqualTo("ConsoleLogin");
        assertThat(event.detail().eventType()).isEqualTo("AwsConsoleSignIn");
        assertThat(event.detail().userIdentity().userName()).isEqualTo("carol");
        assertThat(event.detail().requestParameters().isNull()).isTrue();
        assertThat(event.detail().responseElements().path("ConsoleLogin").asText()).isEqualTo("Success");
        assertThat(event.json()).contains("\"MFAUsed\":\"No\"");
    }

    @Test
    void readsEveryIamSample() {
        for (String sample : java.util.List.of("create-access-key-by-root.json", "attach-user-policy-admin.json",
                "attach-role-policy-admin.json", "access-key-from-unexpected-network.json")) {
            CloudTrailEvent event = parser.parse(edited("iam/" + sample, e -> { }));

            assertThat(event.detail().eventSource()).as(sample).isEqualTo("iam.amazonaws.com");
            assertThat(event.region()).as(sample).isEqualTo("us-east-1");
        }
    }

    @Test
    void readsARootSessionWithAnEmptySessionIssuer() {
        CloudTrailEvent event = parser.parse(edited("iam/create-access-key-by-root.json", e -> { }));

        assertThat(event.detail().userIdentity().type()).isEqualTo("Root");
        assertThat(event.detail().userIdentity().sessionIssuer()).isNull();
        assertThat(event.detail().userIdentity().issuerArn()).contains("arn:aws:iam::123456789012:root");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void rejectsAMalformedEventNamingTheField(String field, Consumer<ObjectNode> edit, String problem) {
        assertThatThrownBy(() -> parse(edit))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage(field + ": " + problem)
                .satisfies(e -> assertThat(((MalformedEventException) e).field()).isEqualTo(field));
    }

    static Stream<Arguments> malformedEvents() {
        return Stream.of(
                malformed("detail", e -> e.remove("detail"), "is missing"),
                malformed("detail", e -> e.put("detail", "StopLogging"), "is present but a string; expected an object"),
                malformed("detail-type", e -> e.put("detail-type", "Scheduled Event"),
                        "expected \"AWS API Call via CloudTrail\" or \"AWS Console Sign In via CloudTrail\","
                                + " found \"Scheduled Event\""),
                malformed("id", e -> e.remove("id"), "is missing"),
                malformed("account", e -> e.put("account", "12345"), "expected a 12-digit account id, found \"12345\""),
                malformed("time", e -> e.put("time", "yesterday"), "not a timestamp: \"yesterday\""),
                malformed("detail.eventID", e -> detail(e).remove("eventID"), "is missing"),
                malformed("detail.eventName", e -> detail(e).putArray("eventName"), "is present but a list; expected a string"),
                malformed("detail.eventSource", e -> detail(e).put("eventSource", ""), "is empty"),
                malformed("detail.eventName", e -> detail(e).put("eventName", 42), "is present but a number; expected a string"),
                malformed("detail.eventID", e -> detail(e).putNull("eventID"), "is null; expected a string"),
                malformed("detail.eventTime", e -> detail(e).put("eventTime", "20/11/2026"),
                        "not a timestamp: \"20/11/2026\""),
                malformed("detail.readOnly", e -> detail(e).put("readOnly", "maybe"),
                        "expected true or false, found \"maybe\""),
                malformed("detail.userIdentity", e -> detail(e).put("userIdentity", "root"),
                        "is present but a string; expected an object"),
                malformed("detail.userIdentity.sessionContext.attributes.mfaAuthenticated",
                        e -> ((ObjectNode) detail(e).at("/userIdentity/sessionContext/attributes"))
                                .put("mfaAuthenticated", "yes"),
                        "expected true or false, found \"yes\""),
                malformed("detail.recipientAccountId", e -> detail(e).put("recipientAccountId", "not-an-account"),
                        "expected a 12-digit account id, found \"not-an-account\""));
    }

    private static Arguments malformed(String field, Consumer<ObjectNode> edit, String problem) {
        return Arguments.of(field, edit, problem);
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> parser.parse("{\"id\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("$: not valid JSON");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> parser.parse("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("$: is present but a list; expected an object");
    }
}
