package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.ATTACH_ROLE;
import static dev.backstop.action.iam.IamSamples.ATTACH_USER;
import static dev.backstop.action.iam.IamSamples.CONSOLE_LOGIN;
import static dev.backstop.action.iam.IamSamples.FEDERATION_TOKEN;
import static dev.backstop.action.iam.IamSamples.ROOT_KEY;
import static dev.backstop.action.iam.IamSamples.TRUST_OUTSIDE;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The undo data each IAM action stores, against golden files of every version it was stored in
 * (version 1 captured from the code before undo data was typed), and undone from each.
 */
class UndoPayloadsTest {

    private static final String OLD_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String KEY = "AKIA4EXAMPLENEWKEY01";
    // As IAM holds them after the samples' calls, which the actions check before acting.
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final Instant KEY_CREATED = Instant.parse("2026-11-20T10:02:17Z");

    @Test
    void quarantinePrincipalReplacingAPolicyOfItsNameIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(QuarantinePrincipalAction.NAME, QuarantineUndo.FORMAT, () -> {
            FakeIam iam = new FakeIam().user("mallory").userPolicy("mallory", "BackstopQuarantine", OLD_POLICY)
                    .attached("user", "mallory", ADMIN);
            Principals principals = new Principals(iam);
            var action = new QuarantinePrincipalAction(principals, new InlinePolicySwap(principals), new IamClaims(iam));
            return Applied.apply(action, action.plan(event(ATTACH_USER), spec(QuarantinePrincipalAction.NAME, "principal",
                    "target")), () -> iam.userPolicy("mallory", "BackstopQuarantine"));
        });
    }

    @Test
    void revokeRoleSessionsIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RevokeRoleSessionsAction.NAME, RevokeSessionsUndo.FORMAT, () -> {
            FakeIam iam = new FakeIam().role("ci-deployer").role("data-pipeline").attached("role", "data-pipeline", ADMIN);
            Principals principals = new Principals(iam);
            var action = new RevokeRoleSessionsAction(principals, new InlinePolicySwap(principals), new IamClaims(iam),
                    Clock.fixed(Instant.parse("2026-11-20T10:25:12.734Z"), ZoneOffset.UTC));
            return Applied.apply(action, action.plan(event(ATTACH_ROLE), spec(RevokeRoleSessionsAction.NAME, "role",
                    "caller")), () -> String.valueOf(iam.rolePolicy("ci-deployer", RevokeRoleSessionsAction.POLICY_NAME)));
        });
    }

    @Test
    void deactivateAccessKeyIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(DeactivateAccessKeyAction.NAME, DeactivateAccessKeyUndo.FORMAT, () -> {
            FakeIam iam = new FakeIam().accessKey("build-bot", KEY, StatusType.ACTIVE, KEY_CREATED);
            var action = new DeactivateAccessKeyAction(iam, new Principals(iam), new IamClaims(iam));
            return Applied.apply(action, action.plan(event(ROOT_KEY), spec(DeactivateAccessKeyAction.NAME, "key",
                    "created")), () -> iam.keyStatus("build-bot", KEY));
        });
    }

    @Test
    void revokeUserSessionsReplacingAnOlderRevocationIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RevokeUserSessionsAction.NAME, RevokeSessionsUndo.USER_FORMAT, 2, () -> {
            FakeIam iam = new FakeIam().user("mallory").userPolicy("mallory", RevokeUserSessionsAction.POLICY_NAME,
                    OLD_POLICY);
            Principals principals = new Principals(iam);
            var action = new RevokeUserSessionsAction(principals, new InlinePolicySwap(principals), new IamClaims(iam),
                    Clock.fixed(Instant.parse("2026-11-21T09:12:30.418Z"), ZoneOffset.UTC));
            return Applied.apply(action, action.plan(event(FEDERATION_TOKEN), spec(RevokeUserSessionsAction.NAME)),
                    () -> iam.userPolicy("mallory", RevokeUserSessionsAction.POLICY_NAME));
        });
    }

    @Test
    void restoreTrustPolicyWithoutHistoryIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RestoreTrustPolicyAction.NAME, RestoreTrustPolicyUndo.FORMAT, 2, () -> {
            Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
                    List.of()).withTrusted(new TrustedSet(Optional.empty(), Set.of("444455556666")));
            FakeIam iam = new FakeIam().role("ci-deployer");
            CloudTrailEvent event = event(TRUST_OUTSIDE);
            iam.trust("ci-deployer", event.detail().requestParameters().path("policyDocument").asText());
            var action = new RestoreTrustPolicyAction(new Principals(iam),
                    new TrustPolicyHistory(new FakeDynamoDb(), settings), settings);
            return Applied.apply(action, action.plan(event, spec(RestoreTrustPolicyAction.NAME)),
                    () -> iam.trust("ci-deployer"));
        });
    }

    /** Never read back (a deleted password cannot come back), but stored like every other, and named in the record. */
    @Test
    void disableConsoleAccessStoresWhatAnAdministratorDoesInstead() {
        FakeIam iam = new FakeIam().loginProfile("carol", true);
        var action = new DisableConsoleAccessAction(iam, new Principals(iam), new IamClaims(iam));
        var plan = action.plan(event(CONSOLE_LOGIN), spec(DisableConsoleAccessAction.NAME, "user", "caller"));

        UndoGolden.assertGolden(DisableConsoleAccessAction.NAME, UndoFormat.VERSION, UndoFormat.write(plan.undo()));
        assertThat(action.undoable()).isFalse();
        assertThat(UndoGolden.read(DisableConsoleAccessAction.NAME, 1).path("userName").asText()).isEqualTo("carol");
    }
}
