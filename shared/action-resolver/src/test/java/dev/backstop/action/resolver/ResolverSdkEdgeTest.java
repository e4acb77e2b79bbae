package dev.backstop.action.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ResourceState;
import dev.backstop.aws.JsonApi;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeJsonService;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Route 53 Resolver query logging at the SDK edge: moto serves AssociateResolverQueryLogConfig but
 * tags no query logging configuration and serves no DisassociateResolverQueryLogConfig, and
 * LocalStack's community edition serves none of it. A {@link FakeJsonService} answers the JSON 1.1
 * calls with their documented shapes and keeps the associations, and the real signed
 * {@link JsonApi} calls it.
 */
class ResolverSdkEdgeTest {

    private static final String CONFIG = "rslvr-qlc-4f6c3b2a1e0d9c8b7";
    private static final String VPC = "vpc-0a1b2c3d4e5f60718";

    /** VPC id to association status, for the one configuration the fake has. */
    private final Map<String, String> associations = new LinkedHashMap<>();
    private boolean configExists = true;
    private FakeJsonService fake;
    private AssociateQueryLoggingAction action;

    @BeforeEach
    void fakeResolver() {
        fake = FakeJsonService.start("route53resolver", this::answer);
        action = new AssociateQueryLoggingAction(new ResolverApi(api(ResolverClientModule.RESOLVER)));
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
        String arn = "arn:aws:route53resolver:us-east-1:123456789012:resolver-query-log-config/" + CONFIG;
        switch (call) {
            case "Route53Resolver.GetResolverQueryLogConfig" -> {
                if (!configExists || !CONFIG.equals(request.path("ResolverQueryLogConfigId").asText())) {
                    throw new FakeJsonService.ServiceError(400, "ResourceNotFoundException", "no such configuration");
                }
                answer.putObject("ResolverQueryLogConfig").put("Id", CONFIG).put("Arn", arn).put("Status", "CREATED")
                        .put("DestinationArn", "arn:aws:logs:us-east-1:123456789012:log-group:dns-queries");
            }
            case "Route53Resolver.ListResolverQueryLogConfigAssociations" -> {
                ArrayNode list = answer.putArray("ResolverQueryLogConfigAssociations");
                associations.forEach((vpc, status) -> list.addObject().put("ResolverQueryLogConfigId", CONFIG)
                        .put("ResourceId", vpc).put("Status", status));
            }
            case "Route53Resolver.AssociateResolverQueryLogConfig" -> {
                associations.put(request.path("ResourceId").asText(), "CREATING");
                answer.putObject("ResolverQueryLogConfigAssociation").put("Status", "CREATING");
            }
            case "Route53Resolver.DisassociateResolverQueryLogConfig" -> {
                associations.remove(request.path("ResourceId").asText());
                answer.putObject("ResolverQueryLogConfigAssociation").put("Status", "DELETING");
            }
            case "Route53Resolver.ListTagsForResource" -> {
                assertThat(request.path("ResourceArn").asText()).isEqualTo(arn);
                answer.putArray("Tags").addObject().put("Key", "backstop:exempt").put("Value", "false");
            }
            default -> throw new FakeJsonService.ServiceError(400, "UnknownOperationException", call);
        }
        return answer;
    }

    private static CloudTrailEvent disassociated() {
        return new CloudTrailEventParser().parse(SampleEvents.edited(
                "route53resolver/disassociate-resolver-query-log-config.json", e -> { }));
    }

    @Test
    void aDisassociatedConfigurationIsAssociatedWithItsVpcAgainReadBackAndUndone() {
        ActionPlan plan = action.plan(disassociated(), new ActionSpec(AssociateQueryLoggingAction.NAME, Map.of()));

        assertThat(plan.before().compliant()).isFalse();
        assertThat(plan.resource()).endsWith(":vpc/" + VPC);
        assertThat(action.tags(plan)).containsEntry("backstop:exempt", "false");

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(after.compliant()).as("CREATING is on its way to ACTIVE").isTrue();
        assertThat(associations).containsEntry(VPC, "CREATING");

        ResourceState undone = action.undo(UndoGolden.assertWrittenAndReadBack(action, plan));

        assertThat(undone.compliant()).isFalse();
        assertThat(associations).isEmpty();
    }

    @Test
    void aConfigurationDeletedSinceIsGoneAndNothingIsAssociated() {
        configExists = false;

        ActionPlan plan = action.plan(disassociated(), new ActionSpec(AssociateQueryLoggingAction.NAME, Map.of()));

        assertThat(plan.before().exists()).isFalse();
        assertThat(fake.calls()).doesNotContain("Route53Resolver.AssociateResolverQueryLogConfig");
    }
}
