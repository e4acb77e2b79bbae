package dev.backstop.action.lambda;

import static dev.backstop.action.lambda.LambdaSamples.detail;
import static dev.backstop.action.lambda.LambdaSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeLambdaAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;

/**
 * lambda.remove-permission, lambda.require-url-auth and lambda.remove-outside-layers from the
 * samples in events/lambda, against Lambda faked at its SDK edge.
 */
class LambdaAccessActionsTest {

    private static final String FUNCTION = "orders-api";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";
    private static final String OWN_LAYER = "arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:4";
    private static final String PARTNER_LAYER = "arn:aws:lambda:us-east-1:444455556666:layer:agent:7";
    private static final String OUTSIDE_LAYER = "arn:aws:lambda:us-east-1:999988887777:layer:telemetry:1";
    private static final Settings SETTINGS = new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop",
            Mode.ENFORCE, List.of()).withTrusted(new TrustedSet(Optional.of("o-abcdef1234"), Set.of("444455556666")));

    private final FakeLambdaAccess lambda = new FakeLambdaAccess().function(FUNCTION, OWN_LAYER, PARTNER_LAYER, OUTSIDE_LAYER);
    private final Functions functions = new Functions(lambda);
    private final RemovePermissionAction removePermission = new RemovePermissionAction(functions, SETTINGS);
    private final RequireUrlAuthAction requireUrlAuth = new RequireUrlAuthAction(functions);
    private final RemoveOutsideLayersAction removeLayers = new RemoveOutsideLayersAction(functions, SETTINGS);

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    private void permission(String sid, String principal) {
        lambda.permission(AddPermissionRequest.builder().functionName(FUNCTION).statementId(sid)
                .action("lambda:InvokeFunction").principal(principal).build());
    }

    // ----------------------------------------------------------------------------- permissions

    @Test
    void removesThePublicStatementTheCallAddedAndKeepsTheOthers() {
        permission("from-s3", "s3.amazonaws.com");
        permission("open-invoke", "*");
        ActionPlan plan = removePermission.plan(event("add-permission-public.json"), spec(RemovePermissionAction.NAME));

        assertThat(plan.resource()).isEqualTo(ARN);
        assertThat(plan.change()).isEqualTo("RemovePermission on " + ARN + ": remove statement open-invoke (lets in *)");
        removePermission.apply(plan);

        assertThat(lambda.statementIds(FUNCTION)).containsExactly("from-s3");
        assertThat(removePermission.readBack(plan).facts()).containsEntry("statement", "absent");
        assertThat(removePermission.readBack(plan).compliant()).isTrue();
    }

    @Test
    void undoAddsTheStatementBackWithItsConditions() {
        lambda.permission(AddPermissionRequest.builder().functionName(FUNCTION).statementId("open-invoke")
                .action("lambda:InvokeFunctionUrl").principal("999988887777").functionUrlAuthType("NONE")
                .sourceArn("arn:aws:execute-api:us-east-1:999988887777:api/*").build());
        ObjectNode before = lambda.statement(FUNCTION, "open-invoke");
        ActionPlan plan = removePermission.plan(event("add-permission-public.json"), spec(RemovePermissionAction.NAME));
        removePermission.apply(plan);

        assertThat(removePermission.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(lambda.statement(FUNCTION, "open-invoke")).isEqualTo(before);
    }

    @Test
    void aPermissionForATrustedAccountOrOneConfinedToTheOrganizationIsNoMatch() {
        CloudTrailEvent trusted = event("add-permission-public.json", e -> {
            ObjectNode request = (ObjectNode) detail(e).get("requestParameters");
            request.put("principal", "444455556666");
            detail(e).putNull("responseElements");
        });
        CloudTrailEvent inTheOrganization = event("add-permission-public.json", e -> {
            ((ObjectNode) detail(e).get("requestParameters")).put("principalOrgID", "o-abcdef1234");
            detail(e).putNull("responseElements");
        });
        CloudTrailEvent serviceForAnotherAccount = event("add-permission-public.json", e -> {
            ((ObjectNode) detail(e).get("requestParameters")).put("principal", "s3.amazonaws.com")
                    .put("sourceAccount", "999988887777");
            detail(e).putNull("responseElements");
        });

        assertThat(removePermission.appliesTo(event("add-permission-public.json"), spec(RemovePermissionAction.NAME))).isTrue();
        assertThat(removePermission.appliesTo(trusted, spec(RemovePermissionAction.NAME))).isFalse();
        assertThat(removePermission.appliesTo(inTheOrganization, spec(RemovePermissionAction.NAME))).isFalse();
        assertThat(removePermission.appliesTo(serviceForAnotherAccount, spec(RemovePermissionAction.NAME))).isTrue();
    }

    @Test
    void aStatementRemovedMeanwhileIsAlreadyCompliantAndAFunctionGoneIsGone() {
        ActionPlan plan = removePermission.plan(event("add-permission-public.json"), spec(RemovePermissionAction.NAME));

        assertThat(plan.changeNeeded()).isFalse();
        lambda.delete(FUNCTION);
        assertThat(removePermission.plan(event("add-permission-public.json"), spec(RemovePermissionAction.NAME)).before()
                .exists()).isFalse();
    }

    // ----------------------------------------------------------------------------- function URLs

    @Test
    void aUrlOpenToEveryoneIsPutBehindIamAndUndoOpensItAgain() {
        lambda.url(FUNCTION, "NONE");
        ActionPlan plan = requireUrlAuth.plan(event("create-function-url-config-none.json"), spec(RequireUrlAuthAction.NAME));

        assertThat(plan.before().facts()).containsEntry("authType", "NONE");
        requireUrlAuth.apply(plan);
        assertThat(lambda.urlAuthType(FUNCTION)).isEqualTo("AWS_IAM");
        assertThat(requireUrlAuth.readBack(plan).compliant()).isTrue();

        assertThat(requireUrlAuth.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(lambda.calls()).containsExactly("UpdateFunctionUrlConfig orders-api AWS_IAM",
                "UpdateFunctionUrlConfig orders-api NONE");
    }

    @Test
    void aUrlDeletedSinceIsGone() {
        assertThat(requireUrlAuth.plan(event("create-function-url-config-none.json"), spec(RequireUrlAuthAction.NAME))
                .before().exists()).isFalse();
    }

    // ----------------------------------------------------------------------------- layers

    @Test
    void takesTheOutsideAccountsLayerOffAndKeepsTheOthersInOrder() {
        ActionPlan plan = removeLayers.plan(event("update-function-configuration-outside-layer.json"),
                spec(RemoveOutsideLayersAction.NAME));

        assertThat(plan.before().facts()).containsEntry("outsideLayers", OUTSIDE_LAYER);
        removeLayers.apply(plan);

        assertThat(lambda.layers(FUNCTION)).containsExactly(OWN_LAYER, PARTNER_LAYER);
        assertThat(removeLayers.readBack(plan).compliant()).isTrue();

        assertThat(removeLayers.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(lambda.layers(FUNCTION)).containsExactly(OWN_LAYER, PARTNER_LAYER, OUTSIDE_LAYER);
    }

    @Test
    void layersOfTrustedAccountsOnlyAreNoMatch() {
        CloudTrailEvent trusted = event("update-function-configuration-outside-layer.json", e -> {
            ObjectNode request = (ObjectNode) detail(e).get("requestParameters");
            request.putArray("layers").add(OWN_LAYER).add(PARTNER_LAYER);
        });

        assertThat(removeLayers.appliesTo(trusted, spec(RemoveOutsideLayersAction.NAME))).isFalse();
        assertThat(removeLayers.appliesTo(event("update-function-configuration-outside-layer.json"),
                spec(RemoveOutsideLayersAction.NAME))).isTrue();
    }
}
