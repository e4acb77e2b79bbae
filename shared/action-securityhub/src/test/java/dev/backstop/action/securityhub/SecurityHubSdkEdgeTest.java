package dev.backstop.action.securityhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ResourceState;
import dev.backstop.aws.JsonApi;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeJsonService;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Security Hub at the SDK edge: neither LocalStack's community edition nor moto serves its
 * standards or BatchUpdateFindings, so a {@link FakeJsonService} speaks the documented REST-JSON
 * shapes on this machine, and the real {@link JsonApi} (SigV4-signed, the url-connection client,
 * the JDK client for PATCH) calls it. The fake keeps state, so a fix is read back as Security Hub
 * would read it.
 */
class SecurityHubSdkEdgeTest {

    private static final String ACCOUNT = "123456789012";
    private static final String FSBP = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
    private static final String CIS = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0";
    private static final String FSBP_SUBSCRIPTION = "arn:aws:securityhub:us-east-1:" + ACCOUNT
            + ":subscription/aws-foundational-security-best-practices/v/1.0.0";

    /** Security Hub's state in the fake: subscription ARN to status; finding id to workflow status. */
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private final Map<String, String> workflows = new LinkedHashMap<>();
    private final List<JsonNode> notes = new ArrayList<>();
    private boolean refuseUpdates;
    private FakeJsonService fake;
    private SecurityHubApi securityHub;

    @BeforeEach
    void fakeSecurityHub() {
        fake = FakeJsonService.start("securityhub", this::answer);
        securityHub = new SecurityHubApi(api(SecurityHubClientModule.SECURITY_HUB));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The real signed client, pointed at the fake. */
    private JsonApi api(JsonApi.Service service) {
        return fake.pointedHere(service.systemProperty(), () -> new JsonApi(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.US_EAST_1,
                service));
    }

    private JsonNode answer(String call, JsonNode request) {
        ObjectNode answer = FakeJsonService.object();
        switch (call) {
            case "GET /standards" -> {
                ArrayNode standards = answer.putArray("Standards");
                standards.addObject().put("StandardsArn", FSBP);
                standards.addObject().put("StandardsArn", CIS);
            }
            case "POST /standards/get" -> {
                ArrayNode list = answer.putArray("StandardsSubscriptions");
                subscriptions.forEach((arn, status) -> list.addObject().put("StandardsSubscriptionArn", arn)
                        .put("StandardsArn", FSBP).put("StandardsStatus", status));
            }
            case "POST /standards/register" -> request.path("StandardsSubscriptionRequests").forEach(standard -> {
                if (standard.path("StandardsArn").asText().equals(FSBP)) {
                    subscriptions.put(FSBP_SUBSCRIPTION, "PENDING");
                }
            });
            case "POST /standards/deregister" -> request.path("StandardsSubscriptionArns")
                    .forEach(arn -> subscriptions.remove(arn.asText()));
            case "PATCH /findings/batchupdate" -> {
                JsonNode identifier = request.path("FindingIdentifiers").get(0);
                if (refuseUpdates) {
                    answer.putArray("ProcessedFindings");
                    answer.putArray("UnprocessedFindings").addObject().put("ErrorCode", "FindingNotFound")
                            .put("ErrorMessage", "no such finding").set("FindingIdentifier", identifier);
                } else {
                    workflows.put(identifier.path("Id").asText(), request.path("Workflow").path("Status").asText());
                    notes.add(request.path("Note"));
                    answer.putArray("ProcessedFindings").add(identifier);
                    answer.putArray("UnprocessedFindings");
                }
            }
            case "POST /findings" -> {
                ArrayNode findings = answer.putArray("Findings");
                String id = request.path("Filters").path("Id").get(0).path("Value").asText();
                if (workflows.containsKey(id)) {
                    findings.addObject().put("Id", id).putObject("Workflow").put("Status", workflows.get(id));
                }
            }
            default -> throw new FakeJsonService.ServiceError(404, "NotFound", "no route " + call);
        }
        return answer;
    }

    private static CloudTrailEvent disabledStandards() {
        return new CloudTrailEventParser().parse(SampleEvents.edited("securityhub/batch-disable-standards.json", e -> { }));
    }

    private static FindingEvent finding() {
        byte[] event = SampleEvents.edited("findings/securityhub-s3-8-bucket-block-public-access.json", e -> { });
        return new FindingParser().read(event).get(0).finding();
    }

    @Test
    void disabledStandardsAreEnabledAgainReadBackAndUndoneByTheirSubscriptions() {
        EnableStandardsAction action = new EnableStandardsAction(securityHub);

        ActionPlan plan = action.plan(disabledStandards(), new ActionSpec(EnableStandardsAction.NAME, Map.of()));

        assertThat(plan.address()).as("the standard Security Hub offers for the subscription").isEqualTo(FSBP);
        assertThat(plan.before().compliant()).isFalse();

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(after.compliant()).as("PENDING is on its way to READY").isTrue();
        assertThat(fake.calls()).contains("POST /standards/register");

        ResourceState undone = action.undo(UndoGolden.assertWrittenAndReadBack(action, plan));

        assertThat(undone.compliant()).isFalse();
        assertThat(subscriptions).isEmpty();
    }

    @Test
    void aSubscriptionToAStandardSecurityHubDoesNotOfferIsRefusedBeforeAnyChange() {
        EnableStandardsAction action = new EnableStandardsAction(securityHub);
        CloudTrailEvent event = new CloudTrailEventParser().parse(SampleEvents.edited(
                "securityhub/batch-disable-standards.json", e -> ((ArrayNode) e.path("detail").path("requestParameters")
                        .path("StandardsSubscriptionArns")).removeAll().add("arn:aws:securityhub:us-east-1:" + ACCOUNT
                        + ":subscription/made-up-standard/v/9.9.9")));

        assertThat(catchThrowable(
                () -> action.plan(event, new ActionSpec(EnableStandardsAction.NAME, Map.of()))))
                .hasMessageContaining("offers no standard").hasMessageContaining("made-up-standard");
        assertThat(fake.calls()).doesNotContain("POST /standards/register");
    }

    @Test
    void aFixedFindingIsSetResolvedWithANoteNamingTheAuditRecordAndReadBack() {
        SecurityHubFindingWorkflow workflow = new SecurityHubFindingWorkflow(securityHub);
        FindingEvent finding = finding();

        String said = workflow.resolved(finding, "audit-123");

        assertThat(said).isEqualTo("Security Hub finding set RESOLVED, read back, with a note naming this audit record");
        assertThat(workflows).containsEntry(finding.findingId(), "RESOLVED");
        assertThat(notes).singleElement().satisfies(note -> assertThat(note.path("Text").asText()).contains("audit-123"));
    }

    @Test
    void aFindingSecurityHubWouldNotUpdateIsSaidSoAndNothingElseFails() {
        refuseUpdates = true;
        SecurityHubFindingWorkflow workflow = new SecurityHubFindingWorkflow(securityHub);

        String said = workflow.resolved(finding(), "audit-123");

        assertThat(said).startsWith("Security Hub did not set the finding RESOLVED: FindingNotFound");
        assertThat(workflows).isEmpty();
    }
}
