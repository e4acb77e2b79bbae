package dev.backstop.action.lambda;

import static dev.backstop.testing.TestAlarms.lambdaAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.FakeLambdaAccess;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;

/**
 * The undo data each Lambda action stores, against golden files of every version it was stored in
 * (version 1 captured from the code before undo data was typed; the access actions came with
 * version 2), and undone from each. For the alias rollback, the fake's
 * revision ids are random, and the golden files hold a fixed one: the undo data's revision is only
 * ever passed back to Lambda with the rollback itself, and an undo moves the alias by the
 * revision it reads then.
 */
class UndoPayloadsTest {

    private static final String REVISION = "7d2d24b5-8185-4b76-b364-b2c15384f522";

    /** A canary on checkout-api's alias live, its weights rolled back. */
    private static Applied rolledBackCanary() {
        FakeLambda lambda = new FakeLambda().function("checkout-api", "6", "7")
                .alias("checkout-api", "live", "6", Map.of("7", 0.1));
        AliasHistory history = new AliasHistory(new FakeHistoryTable(),
                new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
        var action = new RollbackAliasAction(new Aliases(lambda), history, Region.US_EAST_1,
                new MutableClock(Instant.parse("2026-11-20T10:31:05Z")));
        return Applied.apply(action, action.plan(lambdaAlarm(Map.of("FunctionName", "checkout-api")),
                new ActionSpec(RollbackAliasAction.NAME, Map.of())), () -> lambda.versionOf("checkout-api", "live"));
    }

    private static RollbackAliasUndo withFixedRevision(RollbackAliasUndo undo) {
        return new RollbackAliasUndo(undo.function(), undo.alias(), undo.version(), undo.weights(), undo.rolledBackTo(),
                REVISION);
    }

    @Test
    void rollbackAliasOfACanaryIsUndoneFromEveryVersionOfItsUndoData() {
        RollbackAliasUndo planned = withFixedRevision(rolledBackCanary().plan().undo(RollbackAliasUndo.class));
        UndoGolden.assertGolden(RollbackAliasAction.NAME, UndoFormat.VERSION, UndoFormat.write(planned));
        for (int version = 1; version <= UndoFormat.VERSION; version++) {
            assertThat(RollbackAliasUndo.FORMAT.read(UndoGolden.read(RollbackAliasAction.NAME, version)))
                    .as("the record of version %d", version).isEqualTo(planned);
            Applied applied = rolledBackCanary();
            applied.action().undo(UndoGolden.read(RollbackAliasAction.NAME, version));
            assertThat(applied.state().get()).as("the alias after an undo from version %d", version)
                    .isEqualTo(applied.before());
        }
    }

    @Test
    void deleteFunctionConcurrencyIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(DeleteFunctionConcurrencyAction.NAME, DeleteFunctionConcurrencyUndo.FORMAT,
                () -> {
                    // Backstop's S3 function held at zero, as the self-watch sample event has it.
                    FakeLambda lambda = new FakeLambda().function("backstop-s3").reserve("backstop-s3", 0);
                    var action = new DeleteFunctionConcurrencyAction(lambda, Optional.of(new OwnResources(
                            List.of("arn:aws:lambda:us-east-1:123456789012:function:backstop-*"))));
                    var event = new CloudTrailEventParser()
                            .delivery(SampleEvents.edited("selfwatch/put-function-concurrency-zero.json", e -> { }))
                            .trigger();
                    return Applied.apply(action, action.plan(event, new ActionSpec(DeleteFunctionConcurrencyAction.NAME,
                            Map.of())), () -> Optional.ofNullable(lambda.reservedOf("backstop-s3")));
                });
    }

    // The access actions came with version 2: golden files of that version on.

    private static final Settings TRUSTING_PARTNER = new Settings("backstop-audit",
            "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of())
            .withTrusted(new TrustedSet(Optional.empty(), Set.of("444455556666")));

    @Test
    void removePermissionOfAStatementWithConditionsIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RemovePermissionAction.NAME, RemovePermissionUndo.FORMAT, 2, () -> {
            FakeLambdaAccess lambda = new FakeLambdaAccess().function("orders-api");
            lambda.permission(AddPermissionRequest.builder().functionName("orders-api").statementId("open-invoke")
                    .action("lambda:InvokeFunctionUrl").principal("999988887777").functionUrlAuthType("NONE")
                    .sourceArn("arn:aws:execute-api:us-east-1:999988887777:api/*").build());
            var action = new RemovePermissionAction(new Functions(lambda), TRUSTING_PARTNER);
            return Applied.apply(action, action.plan(LambdaSamples.event("add-permission-public.json"),
                    new ActionSpec(RemovePermissionAction.NAME, Map.of())),
                    () -> Optional.ofNullable(lambda.statement("orders-api", "open-invoke")));
        });
    }

    @Test
    void requireUrlAuthIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RequireUrlAuthAction.NAME, RequireUrlAuthUndo.FORMAT, 2, () -> {
            FakeLambdaAccess lambda = new FakeLambdaAccess().function("orders-api").url("orders-api", "NONE");
            var action = new RequireUrlAuthAction(new Functions(lambda));
            return Applied.apply(action, action.plan(LambdaSamples.event("create-function-url-config-none.json"),
                    new ActionSpec(RequireUrlAuthAction.NAME, Map.of())), () -> lambda.urlAuthType("orders-api"));
        });
    }

    @Test
    void removeOutsideLayersIsUndoneFromVersionTwoOnInTheLayersOrder() {
        UndoGolden.assertEveryVersionIsUndone(RemoveOutsideLayersAction.NAME, RemoveOutsideLayersUndo.FORMAT, 2, () -> {
            FakeLambdaAccess lambda = new FakeLambdaAccess().function("orders-api",
                    "arn:aws:lambda:us-east-1:999988887777:layer:telemetry:1",
                    "arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:4",
                    "arn:aws:lambda:us-east-1:444455556666:layer:agent:7");
            var action = new RemoveOutsideLayersAction(new Functions(lambda), TRUSTING_PARTNER);
            return Applied.apply(action, action.plan(LambdaSamples.event("update-function-configuration-outside-layer.json"),
                    new ActionSpec(RemoveOutsideLayersAction.NAME, Map.of())), () -> lambda.layers("orders-api"));
        });
    }
}
