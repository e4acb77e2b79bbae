package dev.backstop.action.guardduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ResourceState;
import dev.backstop.aws.JsonApi;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeJsonService;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * GuardDuty at the SDK edge, where the emulators cannot serve it: moto serves detectors but no IP
 * sets, and holds every test's detectors in one region where AWS allows one (the region's detector
 * for a GuardDuty.1 finding); LocalStack's community edition has no GuardDuty. A
 * {@link FakeJsonService} answers the REST-JSON calls with their documented shapes and keeps the
 * state; the real signed {@link JsonApi} calls it.
 */
class GuardDutySdkEdgeTest {

    private static final String DETECTOR = "5cb2f7e8a9d14c0b8e6f3a2d1c0b9a87";
    private static final String IP_SET = "7ac2e9b05d4f48d1a36c9e0b2f1d8c34";

    private String status = "ACTIVE";
    private String detectorStatus = "DISABLED";
    private FakeJsonService fake;
    private GuardDutyApi guardDuty;
    private DeactivateIpSetAction action;

    @BeforeEach
    void fakeGuardDuty() {
        fake = FakeJsonService.start("guardduty", this::answer);
        guardDuty = new GuardDutyApi(api(GuardDutyClientModule.GUARDDUTY));
        action = new DeactivateIpSetAction(guardDuty);
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
            case "GET /detector" -> answer.putArray("detectorIds").add(DETECTOR);
            case "GET /detector/" + DETECTOR -> answer.put("status", detectorStatus).put("serviceRole", "aws-service-role");
            case "POST /detector/" + DETECTOR -> detectorStatus = request.path("enable").asBoolean() ? "ENABLED" : "DISABLED";
            case "GET /detector/" + DETECTOR + "/ipset/" + IP_SET -> {
                answer.put("name", "office-egress").put("format", "TXT").put("status", status)
                        .put("location", "https://s3.amazonaws.com/mallory-drop-198-51-100/ips.txt");
                answer.putObject("tags").put("team", "security");
            }
            case "POST /detector/" + DETECTOR + "/ipset/" + IP_SET -> status = request.path("activate").asBoolean()
                    ? "ACTIVE" : "INACTIVE";
            default -> throw new FakeJsonService.ServiceError(400, "BadRequestException", "no such resource: " + call);
        }
        return answer;
    }

    @Test
    void aTrustedIpListAddedIsDeactivatedReadBackAndActivatedAgainByUndo() {
        ActionPlan plan = action.plan(new CloudTrailEventParser().parse(SampleEvents.edited(
                "guardduty/create-ip-set.json", e -> { })), new ActionSpec(DeactivateIpSetAction.NAME, Map.of()));

        assertThat(plan.before().compliant()).isFalse();
        assertThat(action.tags(plan)).containsEntry("team", "security");

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("status", "INACTIVE");

        ResourceState undone = action.undo(UndoGolden.assertWrittenAndReadBack(action, plan));

        assertThat(undone.compliant()).isFalse();
        assertThat(status).isEqualTo("ACTIVE");
    }

    @Test
    void aListOfADetectorThatIsGoneIsGoneAndNotTouched() {
        ActionPlan plan = action.plan(new CloudTrailEventParser().parse(SampleEvents.edited(
                "guardduty/create-ip-set.json", e -> ((ObjectNode) e.path("detail").path("requestParameters"))
                        .put("detectorId", "0000000000000000000000000000dead"))),
                new ActionSpec(DeactivateIpSetAction.NAME, Map.of()));

        assertThat(plan.before().exists()).isFalse();
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("POST"));
    }

    @Test
    void aFailedGuardDutyEnabledControlTurnsTheRegionsDetectorOnReadBackAndUndoable() {
        EnableDetectorAction enable = new EnableDetectorAction(guardDuty);
        FindingEvent finding = new FindingParser().read(SampleEvents.edited(
                "findings/securityhub-guardduty-1-enabled.json", e -> { })).get(0).finding();

        ActionPlan plan = enable.plan(finding, new ActionSpec(EnableDetectorAction.NAME, Map.of()));

        assertThat(plan.address()).isEqualTo(DETECTOR);
        assertThat(plan.before().compliant()).isFalse();

        enable.apply(plan);

        assertThat(enable.readBack(plan).compliant()).isTrue();
        assertThat(enable.undo(UndoGolden.assertWrittenAndReadBack(enable, plan)).compliant()).isFalse();
        assertThat(detectorStatus).isEqualTo("DISABLED");
    }
}
