package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.MemberAccess;
import dev.backstop.tests.template.SamTemplate.EventRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.GenericMachine;

/**
 * member-account.yaml stays in step with template.yaml: it forwards every central rule's pattern
 * verbatim, so every sample event the central rules route (and no other), its role may do what the
 * central handlers' roles may do to remediate and nothing of theirs besides, and the central
 * template wires the cross-account settings.
 */
class MemberTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate CENTRAL = SamTemplate.load();
    private static final SamTemplate MEMBER = SamTemplate.load("member-account.yaml");
    /** EventBridge's default quota on a rule's event pattern. */
    private static final int EVENT_PATTERN_MAX_CHARACTERS = 2048;
    /** The central roles that act in member accounts: those that attach MemberAccessPolicy. */
    private static final List<String> HANDLER_ROLES = CENTRAL.rolesAttaching("MemberAccessPolicy").stream()
            .map(role -> role.split(" if ")[0]).toList();

    /**
     * Central rules for what is decided in the home account only: alarms (the alarm engine refuses
     * another account's alarm, since its actions address resources by name), so no member forwards them.
     */
    private static final Set<String> HOME_ONLY = Set.of("AlarmFunctionAlarmStateChange",
            // Backstop's own resources are the home account's, the team's rule file too; only its
            // rules have member counterparts (the forwarding rules), so rule changes are forwarded.
            "SelfWatchFunctionOwnResourceChanges", "SelfWatchFunctionRuleFileWrites");

    static Stream<Named<Sample>> samples() {
        return Sample.all().stream().map(sample -> Named.of(sample.name(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void forwardsExactlyTheSamplesTheCentralRulesRoute(Sample sample) throws Exception {
        // Event Ruler, like EventBridge; the disabled-by-default key-use rules are compared too.
        GenericMachine<String> central = GenericMachine.<String>builder().build();
        for (EventRule rule : CENTRAL.eventRules()) {
            if (!HOME_ONLY.contains(rule.name())) {
                central.addRule(rule.name(), rule.pattern());
            }
        }
        GenericMachine<String> forwarded = GenericMachine.<String>builder().build();
        for (var rule : MEMBER.json().path("Resources").properties()) {
            if (rule.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                forwarded.addRule(rule.getKey(), rule.getValue().path("Properties").path("EventPattern").toString());
            }
        }
        String event = sample.event().toString();

        assertThat(forwarded.rulesForJSONEvent(event).isEmpty())
                .as("events/%s: the central rules route it to %s, the member template forwards it with %s",
                        sample.name(), central.rulesForJSONEvent(event), forwarded.rulesForJSONEvent(event))
                .isEqualTo(central.rulesForJSONEvent(event).isEmpty());
    }

    @Test
    void forwardsEveryCentralPatternVerbatimAndNothingElse() {
        List<JsonNode> central = new ArrayList<>();
        for (EventRule rule : CENTRAL.eventRules()) {
            if (!HOME_ONLY.contains(rule.name())) {
                central.add(json(rule.pattern()));
            }
        }
        List<JsonNode> forwarded = new ArrayList<>();
        for (var rule : MEMBER.json().path("Resources").properties()) {
            JsonNode pattern = rule.getValue().path("Properties").path("EventPattern");
            if (pattern.size() == 1 && pattern.has("$or")) {
                pattern.path("$or").forEach(forwarded::add);
            } else if (!pattern.isMissingNode()) {
                forwarded.add(pattern);
            }
        }

        assertThat(forwarded).as("member-account.yaml's patterns (each branch of a rule's top-level $or on its own)"
                + " against the central rules' (%s aside)", HOME_ONLY).containsExactlyInAnyOrderElementsOf(central);
    }

    @Test
    void everyForwardingRulesPatternFitsEventBridgesQuota() {
        for (var rule : MEMBER.json().path("Resources").properties()) {
            JsonNode pattern = rule.getValue().path("Properties").path("EventPattern");
            if (rule.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                assertThat(pattern.toString().length()).as(rule.getKey() + "'s event pattern, in characters")
                        .isLessThanOrEqualTo(EVENT_PATTERN_MAX_CHARACTERS);
            }
        }
    }

    @Test
    void theMemberRoleMayDoWhatTheHandlersDoToRemediateAndNothingElseOfTheirs() {
        Set<String> central = new TreeSet<>();
        for (String role : HANDLER_ROLES) {
            RolePermissions.own(CENTRAL, role).stream()
                    .filter(statement -> statement.path("Sid").asText().matches("(Remediate|Read).*"))
                    .forEach(statement -> central.addAll(Intrinsics.actions(statement)));
        }
        // What every deciding handler reads in the account it acts in, beside its own remediation.
        RolePermissions.statements(CENTRAL, HANDLER_ROLES.get(0)).stream()
                .filter(statement -> statement.path("Sid").asText().startsWith("ReadDeclared"))
                .forEach(statement -> central.addAll(Intrinsics.actions(statement)));
        Set<String> member = new TreeSet<>();
        // SelfCheck* statements serve ./backstop selfcheck, run by an operator through the role, not a handler.
        RolePermissions.own(MEMBER, "MemberRole").stream()
                .filter(statement -> statement.path("Effect").asText().equals("Allow"))
                .filter(statement -> !statement.path("Sid").asText().startsWith("SelfCheck"))
                .forEach(statement -> member.addAll(Intrinsics.actions(statement)));

        assertThat(HANDLER_ROLES).as("roles that attach MemberAccessPolicy").isNotEmpty();
        assertThat(member).as("the member role's allowed actions").isEqualTo(central);
        assertThat(member).as("no audit table, topic, queue, key use or log writing in a member account (a log"
                        + " group's retention is remediated there, and a key's deletion cancelled)")
                .noneMatch(action -> action.matches("(dynamodb|sns|sqs|sts):.*|logs:(CreateLogGroup|CreateLogStream"
                        + "|PutLogEvents)|kms:(?!(DescribeKey|ListResourceTags|CancelKeyDeletion|EnableKey)$).*"));
    }

    @Test
    void theMemberRoleTrustsTheHandlersWithBackstopsSessionName() {
        JsonNode trust = MEMBER.json().path("Resources").path("MemberRole").path("Properties")
                .path("AssumeRolePolicyDocument").path("Statement").get(0);

        assertThat(trust.path("Condition").path("StringEquals").path("sts:RoleSessionName").asText())
                .isEqualTo(MemberAccess.SESSION_NAME);
        assertThat(trust.path("Principal").path("AWS").path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:iam::${CentralAccountId}:root");
        assertThat(trust.path("Condition").path("ArnEquals").path("aws:PrincipalArn").toString())
                .contains("CentralHandlerRoleArns");
    }

    @Test
    void everyHandlerRoleMayAssumeOnlyTheMemberRoleInTheAllowedAccounts() {
        for (String role : HANDLER_ROLES) {
            JsonNode assume = RolePermissions.statements(CENTRAL, role).stream()
                    .filter(statement -> Intrinsics.actions(statement).contains("sts:AssumeRole"))
                    .reduce((one, another) -> {
                        throw new AssertionError(role + " may assume roles through two statements");
                    })
                    .orElseThrow(() -> new AssertionError(role + " has no sts:AssumeRole statement"));

            assertThat(assume.path("Resource").path("Fn::Sub").asText()).as(role)
                    .isEqualTo("arn:${AWS::Partition}:iam::*:role/${MemberRoleName}");
            JsonNode condition = assume.path("Condition").path("StringEquals");
            assertThat(condition.path("aws:ResourceAccount").path("Ref").asText()).as(role).isEqualTo("AllowedAccounts");
            assertThat(condition.path("sts:RoleSessionName").asText()).as(role).isEqualTo(MemberAccess.SESSION_NAME);
        }
        assertThat(CENTRAL.resource("MemberAccessPolicy").path("Condition").asText())
                .as("MemberAccessPolicy exists only with member accounts").isEqualTo("HasMemberAccounts");
    }

    @Test
    void theFunctionsAreToldWhoseEventsToActOnAndHow() {
        JsonNode variables = CENTRAL.json().path("Globals").path("Function").path("Environment").path("Variables");

        assertThat(variables.path(MemberAccess.HOME_ACCOUNT).path("Ref").asText()).isEqualTo("AWS::AccountId");
        assertThat(variables.path(MemberAccess.ALLOWED_ACCOUNTS).toString()).contains("AllowedAccounts");
        assertThat(variables.path(MemberAccess.ROLE_NAME).path("Ref").asText()).isEqualTo("MemberRoleName");
        assertThat(variables.path(MemberAccess.EXTERNAL_ID).path("Ref").asText()).isEqualTo("MemberRoleExternalId");
        assertThat(CENTRAL.json().path("Parameters").path("AllowedAccounts").path("Type").asText())
                .isEqualTo("CommaDelimitedList");
        assertThat(CENTRAL.json().path("Parameters").path("OrganizationId").path("Default").asText()).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
