package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.ATTACH_ROLE;
import static dev.backstop.action.iam.IamSamples.ATTACH_USER;
import static dev.backstop.action.iam.IamSamples.CONSOLE_LOGIN;
import static dev.backstop.action.iam.IamSamples.ROOT_KEY;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.UndoGolden;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/** The undo data each IAM action stores, against golden files of every version it was stored in. */
class UndoPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private static void assertVersion1(String name, ActionPlan plan) {
        UndoGolden.assertGolden(name, 1, JSON.valueToTree(new TreeMap<>(plan.undo())));
    }

    @Test
    void quarantinePrincipalReplacingAPolicyOfItsName() {
        FakeIam iam = new FakeIam().user("mallory").userPolicy("mallory", "BackstopQuarantine", OLD_POLICY);
        Principals principals = new Principals(iam);
        var action = new QuarantinePrincipalAction(principals, new InlinePolicySwap(principals));

        assertVersion1(QuarantinePrincipalAction.NAME, action.plan(event(ATTACH_USER),
                spec(QuarantinePrincipalAction.NAME, "principal", "target")));
    }

    @Test
    void revokeRoleSessions() {
        FakeIam iam = new FakeIam().role("ci-deployer");
        Principals principals = new Principals(iam);
        var action = new RevokeRoleSessionsAction(principals, new InlinePolicySwap(principals),
                Clock.fixed(Instant.parse("2026-11-20T10:25:12.734Z"), ZoneOffset.UTC));

        assertVersion1(RevokeRoleSessionsAction.NAME, action.plan(event(ATTACH_ROLE),
                spec(RevokeRoleSessionsAction.NAME, "role", "caller")));
    }

    @Test
    void deactivateAccessKey() {
        FakeIam iam = new FakeIam().accessKey("build-bot", "AKIA4EXAMPLENEWKEY01", StatusType.ACTIVE);
        var action = new DeactivateAccessKeyAction(iam, new Principals(iam));

        assertVersion1(DeactivateAccessKeyAction.NAME, action.plan(event(ROOT_KEY),
                spec(DeactivateAccessKeyAction.NAME, "key", "created")));
    }

    @Test
    void disableConsoleAccessWhichNamesWhatAPersonDoesInstead() {
        FakeIam iam = new FakeIam().loginProfile("carol", true);
        var action = new DisableConsoleAccessAction(iam, new Principals(iam));

        assertVersion1(DisableConsoleAccessAction.NAME, action.plan(event(CONSOLE_LOGIN),
                spec(DisableConsoleAccessAction.NAME, "user", "caller")));
    }
}
