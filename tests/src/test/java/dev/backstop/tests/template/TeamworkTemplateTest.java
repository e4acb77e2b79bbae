package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.channels.ChannelSettings;
import dev.backstop.config.Controls;
import dev.backstop.config.OwnResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml gives the team features, and no more: the schedules that end veto windows
 * run as a role that may only invoke this stack's functions, only the deciding functions may make
 * them, and the notification function reads only the channel secrets and topics it is given.
 */
class TeamworkTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final String GROUP_NAME = "${AWS::StackName}-deferred";
    private static final String OWN_FUNCTIONS =
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-";

    @Test
    void theFunctionsAreToldTheKillSwitchTheScheduleGroupAndTheSchedulerRole() {
        JsonNode env = TEMPLATE.json().path("Globals").path("Function").path("Environment").path("Variables");

        assertThat(Intrinsics.named(env.path(Controls.KILL_SWITCH))).isEqualTo("KillSwitch");
        assertThat(Intrinsics.named(env.path(Controls.SCHEDULE_GROUP))).isEqualTo("DeferralScheduleGroup");
        assertThat(Intrinsics.named(env.path(Controls.SCHEDULER_ROLE_ARN))).isEqualTo("SchedulerRole");
        assertThat(TEMPLATE.resource("DeferralScheduleGroup").path("Properties").path("Name").path("Fn::Sub").asText())
                .isEqualTo(GROUP_NAME);
        assertThat(TEMPLATE.json().path("Parameters").path("KillSwitch").path("Default").asText()).isEqualTo("off");
    }

    @Test
    void onlySchedulerRunningAScheduleOfBackstopsGroupMayAssumeTheSchedulerRole() {
        JsonNode trust = TEMPLATE.resource("SchedulerRole").path("Properties").path("AssumeRolePolicyDocument")
                .path("Statement");

        assertThat(trust).hasSize(1);
        assertThat(trust.get(0).path("Principal").path("Service").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(trust.get(0).path("Condition").path("StringEquals").path("aws:SourceAccount").path("Ref").asText())
                .isEqualTo("AWS::AccountId");
        assertThat(trust.get(0).path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::Sub").asText())
                .endsWith(":schedule-group/" + GROUP_NAME);
    }

    @Test
    void theSchedulerRoleMayInvokeThisStacksFunctionsAndNothingElse() {
        List<JsonNode> statements = RolePermissions.statements(TEMPLATE, "SchedulerRole");

        assertThat(statements).hasSize(1);
        assertThat(Intrinsics.actions(statements.get(0))).containsExactly("lambda:InvokeFunction");
        assertThat(statements.get(0).path("Resource")).allSatisfy(resource ->
                assertThat(resource.path("Fn::Sub").asText()).startsWith(OWN_FUNCTIONS));
    }

    @Test
    void everyFunctionThatDecidesMaySchedulePassOnlyTheSchedulerRoleAndLookUpStacks() {
        Set<String> deciding = new TreeSet<>(TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet());
        deciding.removeAll(Set.of("CanaryFunction", "NotifyFunction"));
        Map<String, JsonNode> statements = new HashMap<>();
        TEMPLATE.resource("DecisionPolicy").path("Properties").path("PolicyDocument").path("Statement")
                .forEach(statement -> statements.put(statement.path("Sid").asText(), statement));

        assertThat(TEMPLATE.rolesAttaching("DecisionPolicy").stream().map(role -> role.split(" if ")[0]).toList())
                .containsExactlyInAnyOrderElementsOf(deciding.stream().map(function -> function + "Role").toList());
        assertThat(statements.keySet())
                .containsExactlyInAnyOrder("ScheduleDeferredDecisions", "PassSchedulerRole", "ReadDeclaredStacks");
        assertThat(Intrinsics.actions(statements.get("ScheduleDeferredDecisions")))
                .containsExactlyInAnyOrder("scheduler:CreateSchedule", "scheduler:DeleteSchedule");
        assertThat(statements.get("ScheduleDeferredDecisions").path("Resource").path("Fn::Sub").asText())
                .endsWith(":schedule/${DeferralScheduleGroup}/*");
        assertThat(Intrinsics.named(statements.get("PassSchedulerRole").path("Resource"))).isEqualTo("SchedulerRole");
        assertThat(statements.get("PassSchedulerRole").path("Condition").path("StringEquals")
                .path("iam:PassedToService").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(Intrinsics.actions(statements.get("ReadDeclaredStacks")))
                .containsExactly("cloudformation:DescribeStackResources");
    }

    @Test
    void onlyTheSelfWatchMayReadAndUpdateTheGroupsSchedulesAndItHearsTheirAndTheGroupsDeletion() {
        JsonNode guard = RolePermissions.own(TEMPLATE, "SelfWatchFunctionRole").stream()
                .filter(statement -> statement.path("Sid").asText().equals("GuardDeferralSchedules")).findFirst()
                .orElseThrow();
        JsonNode selfWatch = TEMPLATE.resource("SelfWatchFunction").path("Properties");
        String own = selfWatch.path("Environment").path("Variables").path(OwnResources.VARIABLE).toString();
        String pattern = selfWatch.path("Events").path("OwnResourceChanges").path("Properties").path("Pattern").toString();

        assertThat(Intrinsics.actions(guard)).containsExactlyInAnyOrder("scheduler:GetSchedule", "scheduler:UpdateSchedule");
        assertThat(guard.path("Resource").path("Fn::Sub").asText()).endsWith(":schedule/${DeferralScheduleGroup}/*");
        assertThat(RolePermissions.allowed(TEMPLATE, "SelfWatchFunctionRole"))
                .contains("ScheduleDeferredDecisions: scheduler:CreateSchedule", "PassSchedulerRole: iam:PassRole");
        assertThat(own).contains(":schedule/${DeferralScheduleGroup}/*").containsPattern("DeferralScheduleGroup\\W+Arn");
        assertThat(pattern).contains("\"aws.scheduler\"", "\"DeleteSchedule\"", "\"UpdateSchedule\"",
                "\"DeleteScheduleGroup\"");
        for (String function : TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet()) {
            if (!function.equals("SelfWatchFunction")) {
                assertThat(RolePermissions.allowed(TEMPLATE, function + "Role")).as(function)
                        .noneMatch(action -> action.endsWith("scheduler:GetSchedule") || action.endsWith("scheduler:UpdateSchedule"));
            }
        }
    }

    @Test
    void theNotificationFunctionReadsOnlyTheChannelSecretsAndTopicsAndDecidesNothing() {
        JsonNode function = TEMPLATE.resource("NotifyFunction").path("Properties");
        List<String> allowed = RolePermissions.allowed(TEMPLATE, "NotifyFunctionRole");
        JsonNode secrets = RolePermissions.own(TEMPLATE, "NotifyFunctionRole").stream()
                .filter(statement -> statement.path("Sid").asText().equals("ReadChannelSecrets")).findFirst().orElseThrow();

        assertThat(Intrinsics.named(function.path("Events").path("Decisions").path("Properties").path("Topic")))
                .isEqualTo("NotificationTopic");
        assertThat(Intrinsics.named(function.path("Environment").path("Variables").path(ChannelSettings.SECRETS_PREFIX)))
                .isEqualTo("ChannelSecretsPrefix");
        assertThat(secrets.path("Resource").path("Fn::Sub").asText()).endsWith(":secret:${ChannelSecretsPrefix}*");
        assertThat(allowed).contains("ReadChannelSecrets: secretsmanager:GetSecretValue",
                "PublishToChannelTopics: sns:Publish");
        assertThat(allowed).noneMatch(action -> action.matches(".*: (scheduler|cloudformation|sts):.*"));
    }
}
