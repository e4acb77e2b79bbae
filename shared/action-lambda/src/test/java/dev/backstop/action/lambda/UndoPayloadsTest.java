package dev.backstop.action.lambda;

import static dev.backstop.testing.TestAlarms.lambdaAlarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeLambda;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.UndoGolden;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The undo data the alias rollback stores, against golden files of every version it was stored in. */
class UndoPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fake's revision ids are random; the undo data's is only ever passed back to Lambda, so it is fixed here. */
    private static void assertVersion1(String name, ActionPlan plan) {
        TreeMap<String, String> undo = new TreeMap<>(plan.undo());
        undo.put("revisionId", "7d2d24b5-8185-4b76-b364-b2c15384f522");
        UndoGolden.assertGolden(name, 1, JSON.valueToTree(undo));
    }

    @Test
    void rollbackAliasOfACanary() {
        FakeLambda lambda = new FakeLambda().function("checkout-api", "6", "7")
                .alias("checkout-api", "live", "6", Map.of("7", 0.1));
        AliasHistory history = new AliasHistory(new FakeHistoryTable(),
                new Settings("backstop-audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE, List.of()));
        var action = new RollbackAliasAction(new Aliases(lambda), history, Region.US_EAST_1,
                new MutableClock(Instant.parse("2026-11-20T10:31:05Z")));

        assertVersion1(RollbackAliasAction.NAME, action.plan(lambdaAlarm(Map.of("FunctionName", "checkout-api")),
                new ActionSpec(RollbackAliasAction.NAME, Map.of())));
    }
}
