package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lists template.yaml cannot derive name exactly what they list, worked out here from the
 * functions: the rules the dead-letter queue accepts, the roles of HandlerRoleArns, the roles the
 * IAM-changing handler never touches, each function's own principals, the parameters in each
 * version description. A new function, rule or parameter left out of one fails here.
 */
class TemplateListsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final Map<String, JsonNode> FUNCTIONS = TEMPLATE.resourcesOfType("AWS::Serverless::Function");
    private static final List<String> PARAMETERS =
            TEMPLATE.json().path("Parameters").properties().stream().map(Map.Entry::getKey).toList();
    /** SAM event types that make an EventBridge rule (<Function><Event>); the first two match a pattern. */
    private static final Set<String> RULE_EVENTS = Set.of("EventBridgeRule", "CloudWatchEvent", "Schedule");
    /** Writes that change an IAM principal (iam:PassRole hands a role on and changes nothing). */
    private static final String IAM_PRINCIPAL_WRITE = "iam:(Update|Put|Delete|Create|Attach|Detach|Add|Remove|Tag|Untag)\\w*";

    static Stream<Named<String>> functions() {
        return FUNCTIONS.keySet().stream().map(id -> Named.of(id, id));
    }

    @Test
    void theDeadLetterQueueTakesDeadLettersFromExactlyTheFunctionsRulesAndTopics() {
        List<String> rules = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        FUNCTIONS.forEach((function, resource) -> resource.path("Properties").path("Events").properties().forEach(event -> {
            JsonNode properties = event.getValue().path("Properties");
            String type = event.getValue().path("Type").asText();
            if (RULE_EVENTS.contains(type)) {
                rules.add(Intrinsics.named(function + event.getKey(), resource));
                assertThat(Intrinsics.named(properties.path("DeadLetterConfig").path("Arn")))
                        .as("%s.%s: DeadLetterConfig", function, event.getKey()).isEqualTo("DeadLetterQueue");
                assertThat(properties.path("RetryPolicy").path("MaximumEventAgeInSeconds").isInt())
                        .as("%s.%s: RetryPolicy", function, event.getKey()).isTrue();
            } else if (type.equals("SNS")) {
                topics.add(Intrinsics.named(properties.path("Topic")));
                assertThat(Intrinsics.named(properties.path("RedrivePolicy").path("deadLetterTargetArn")))
                        .as("%s.%s: RedrivePolicy", function, event.getKey()).isEqualTo("DeadLetterQueue");
            }
        }));

        assertThat(sourceArns("BackstopRulesDeadLetters")).as("DeadLetterQueuePolicy: the rules that may send dead letters")
                .containsExactlyInAnyOrderElementsOf(rules).isNotEmpty();
        assertThat(sourceArns("AlarmTopicDeadLetters")).as("DeadLetterQueuePolicy: the topics that may send dead letters")
                .containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void handlerRoleArnsNamesExactlyTheRolesThatMayAssumeTheMemberRole() {
        List<String> output = Intrinsics.joined(TEMPLATE.json().path("Outputs").path("HandlerRoleArns").path("Value"))
                .stream().map(Intrinsics::named).toList();

        assertThat(output).as("the HandlerRoleArns output (member-account.yaml trusts these roles)")
                .containsExactlyInAnyOrderElementsOf(TEMPLATE.rolesAttaching("MemberAccessPolicy")).isNotEmpty();
    }

    @Test
    void aRoleThatMayChangeIamPrincipalsNeverActsOnOrChangesAFunctionsRoleOrAProtectedPrincipal() {
        Set<String> everyRole = new TreeSet<>();
        FUNCTIONS.keySet().forEach(function -> everyRole.add(function + "Role"));
        List<String> iamWriters = FUNCTIONS.keySet().stream()
                .filter(function -> !iamPrincipalWrites(function + "Role").isEmpty()).toList();
        assertThat(iamWriters).as("functions whose role may change IAM principals (none: this check checks nothing)")
                .isNotEmpty();

        for (String function : iamWriters) {
            assertThat(ownPrincipals(function)).as("%s's BACKSTOP_OWN_PRINCIPALS: every function's role", function)
                    .containsExactlyInAnyOrderElementsOf(everyRole);
            List<JsonNode> denials = RolePermissions.statements(TEMPLATE, function + "Role").stream()
                    .filter(statement -> statement.path("Effect").asText().equals("Deny")).toList();
            assertThat(denials).as("%s's role: a Deny guardrail", function).hasSize(1);
            assertThat(Intrinsics.actions(denials.get(0))).as("%s's guardrail: the IAM writes it denies", function)
                    .containsAll(iamPrincipalWrites(function + "Role"));
            assertThat(principals(denials.get(0).path("Resource")))
                    .as("%s's guardrail: the principals it protects", function)
                    .containsExactlyInAnyOrderElementsOf(withProtected(everyRole));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void ignoresItsOwnRoleButNotTheProtectedPrincipals(String function) {
        assertThat(ownPrincipals(function)).as("%s's BACKSTOP_OWN_PRINCIPALS", function)
                .contains(function + "Role").doesNotContain("ProtectedPrincipalArns");
        assertThat(FUNCTIONS.get(function).path("Properties").path("Environment").path("Variables")
                .has("BACKSTOP_PROTECTED_PRINCIPALS")).as("%s sets BACKSTOP_PROTECTED_PRINCIPALS over Globals'", function)
                .isFalse();
    }

    @Test
    void everyFunctionIsToldTheProtectedPrincipalsApartFromItsOwn() {
        JsonNode variables = TEMPLATE.json().path("Globals").path("Function").path("Environment").path("Variables");

        assertThat(Intrinsics.referencedNames(variables.path("BACKSTOP_PROTECTED_PRINCIPALS")))
                .as("Globals' BACKSTOP_PROTECTED_PRINCIPALS").containsExactly("ProtectedPrincipalArns");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void publishesANewVersionWhenAParameterItsEnvironmentReadsChanges(String function) {
        JsonNode properties = FUNCTIONS.get(function).path("Properties");
        Set<String> read = parameters(TEMPLATE.json().path("Globals").path("Function").path("Environment"));
        read.addAll(parameters(properties.path("Environment")));

        assertThat(properties.path("AutoPublishAliasAllProperties").asBoolean()).as(function).isTrue();
        assertThat(describedParameters(properties.path("VersionDescription")))
                .as("%s: the parameters its VersionDescription names (SAM publishes no version for a new"
                        + " parameter value alone)", function)
                .containsAll(read);
    }

    @Test
    void accessKeyUseLeavesOutExactlyTheCallsIamChangesDelivers() {
        JsonNode events = TEMPLATE.resource("IamFunction").path("Properties").path("Events");
        JsonNode delivered = events.path("IamChanges").path("Properties").path("Pattern").path("detail").path("eventName");
        JsonNode leftOut = events.path("AccessKeyUse").path("Properties").path("Pattern").path("detail")
                .path("eventName").path(0).path("anything-but");

        assertThat(leftOut).as("AccessKeyUse's anything-but, against IamChanges' eventName").isEqualTo(delivered);
    }

    /** The SourceArn list of a statement of the dead-letter queue's policy, as "Rule" or "Rule if Condition". */
    private static List<String> sourceArns(String sid) {
        for (JsonNode statement : TEMPLATE.resource("DeadLetterQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                JsonNode arns = statement.path("Condition").path("ArnEquals").path("aws:SourceArn");
                return named(arns.isArray() ? StreamSupport.stream(arns.spliterator(), false).toList() : List.of(arns));
            }
        }
        throw new AssertionError("DeadLetterQueuePolicy has no statement " + sid);
    }

    /** A function's own principals: roles by logical id, the operator's list as "ProtectedPrincipalArns". */
    private static List<String> ownPrincipals(String function) {
        return principals(FUNCTIONS.get(function).path("Properties").path("Environment").path("Variables")
                .path("BACKSTOP_OWN_PRINCIPALS"));
    }

    /**
     * A joined list of principals, named. The IAM function's role, which exists in us-east-1 only, is
     * entered as {@code !If [IsIamRegion, its ARN, another role's]}: named by the first branch.
     */
    private static List<String> principals(JsonNode joined) {
        return named(Intrinsics.joined(joined).stream()
                .map(item -> item.path("Fn::If").path(0).asText().equals("IsIamRegion") ? item.path("Fn::If").path(1) : item)
                .toList());
    }

    /**
     * Each item's name; a role named only where it exists ({@code IamFunctionRole if IsIamRegion},
     * from a function that runs in every region) counts as that role.
     */
    private static List<String> named(List<JsonNode> items) {
        return items.stream().map(item -> Intrinsics.referencedNames(item).contains("ProtectedPrincipalArns")
                ? "ProtectedPrincipalArns" : whereItExists(Intrinsics.named(item))).toList();
    }

    private static String whereItExists(String named) {
        String[] nameAndCondition = named.split(" if ", 2);
        return nameAndCondition.length == 2 && nameAndCondition[1].equals(TEMPLATE.resource(nameAndCondition[0])
                .path("Condition").asText()) ? nameAndCondition[0] : named;
    }

    private static List<String> withProtected(Set<String> roles) {
        List<String> expected = new ArrayList<>(roles);
        expected.add("ProtectedPrincipalArns");
        return expected;
    }

    private static List<String> iamPrincipalWrites(String role) {
        return RolePermissions.allowed(TEMPLATE, role).stream().map(allowed -> allowed.substring(allowed.indexOf(": ") + 2))
                .filter(action -> action.matches(IAM_PRINCIPAL_WRITE)).toList();
    }

    /** The parameters a description's text shows: named in it, or through a variable of its !Sub map. */
    private static Set<String> describedParameters(JsonNode description) {
        JsonNode sub = description.path("Fn::Sub");
        Set<String> shown = new TreeSet<>();
        for (String variable : Intrinsics.subVariables(sub.isArray() ? sub.path(0).asText() : sub.asText())) {
            shown.addAll(sub.path(1).has(variable) ? parameters(sub.path(1).path(variable)) : Set.of(variable));
        }
        shown.retainAll(PARAMETERS);
        return shown;
    }

    private static Set<String> parameters(JsonNode node) {
        Set<String> names = Intrinsics.referencedNames(node);
        names.retainAll(PARAMETERS);
        return names;
    }
}
