package dev.backstop.cli.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.cli.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYER = "arn:aws:iam::111122223333:role/backstop-deployer";
    private static final String SECURITY = "arn:aws:iam::111122223333:role/security-admin";

    private static JsonNode policies(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("guardrails", "--stack", "backstop", "--deployment-principal",
                DEPLOYER, "--security-role", SECURITY));
        args.addAll(List.of(extra));
        Cli.Result result = Cli.execute(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    private static Stream<JsonNode> statements(JsonNode policies) {
        return StreamSupport.stream(policies.spliterator(), false)
                .flatMap(policy -> StreamSupport.stream(policy.path("Statement").spliterator(), false));
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        return StreamSupport.stream(policy.path("Statement").spliterator(), false)
                .filter(statement -> statement.path("Sid").asText().equals(sid))
                .findFirst().orElseThrow(() -> new AssertionError("no statement " + sid + " in " + policy));
    }

    @Test
    void everyStatementDeniesAndSparesOnlyTheNamedPrincipals() throws IOException {
        JsonNode policies = policies();

        assertThat(policies.fieldNames()).toIterable().contains("backstop-central-scp.json",
                "backstop-central-data-scp.json", "backstop-tags-scp.json", "backstop-member-scp.json",
                "backstop-topic-policy.json", "backstop-queue-policy.json", "backstop-key-policy.json");
        assertThat(statements(policies)).allSatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            JsonNode spared = statement.path("Condition").path("ArnNotLike").path("aws:PrincipalArn");
            List<String> arns = spared.isArray()
                    ? StreamSupport.stream(spared.spliterator(), false).map(JsonNode::asText).toList()
                    : List.of(spared.asText());
            assertThat(arns).as(statement.path("Sid").asText()).contains(DEPLOYER).allSatisfy(arn ->
                    assertThat(arn).isIn(DEPLOYER, SECURITY, "arn:aws:iam::*:role/backstop/backstop/*"));
        });
    }

    @Test
    void theDeniesNameTheStacksResourcesAsTheTemplateNamesThem() throws IOException {
        JsonNode central = policies("--stack", "Backstop-EU").path("backstop-central-scp.json");

        JsonNode rules = central.path("Statement").get(0);
        assertThat(rules.path("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:events:*:*:rule/backstop-*", "arn:aws:events:*:*:rule/Backstop-EU-*");
        JsonNode data = policies("--stack", "Backstop-EU").path("backstop-central-data-scp.json");
        assertThat(statement(data, "BackstopBuckets").path("Resource")).extracting(JsonNode::asText)
                .contains("arn:aws:s3:::backstop-eu-anchorbucket-*");
    }

    @Test
    void onlyTheDeployersMayDeleteTheScheduleGroupThatHoldsThePendingDecisions() throws IOException {
        JsonNode central = policies("--stack", "Backstop-EU").path("backstop-central-scp.json");

        JsonNode group = statement(central, "BackstopScheduleGroup");

        assertThat(group.path("Effect").asText()).isEqualTo("Deny");
        assertThat(group.path("Action").asText()).isEqualTo("scheduler:DeleteScheduleGroup");
        assertThat(group.path("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:scheduler:*:*:schedule-group/backstop-deferred",
                "arn:aws:scheduler:*:*:schedule-group/Backstop-EU-deferred");
        assertThat(group.path("Condition").fieldNames()).toIterable().containsExactly("ArnNotLike");
        assertThat(group.path("Condition").path("ArnNotLike").path("aws:PrincipalArn").asText()).isEqualTo(DEPLOYER);
    }

    @Test
    void onlyBackstopItsDeployersAndTheSecurityRolesChangeAPendingDecisionsSchedule() throws IOException {
        JsonNode data = policies("--stack", "Backstop-EU").path("backstop-central-data-scp.json");

        JsonNode schedules = statement(data, "BackstopSchedules");

        assertThat(schedules.path("Action")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule");
        assertThat(schedules.path("Resource")).extracting(JsonNode::asText).containsExactly(
                "arn:aws:scheduler:*:*:schedule/backstop-deferred/*", "arn:aws:scheduler:*:*:schedule/Backstop-EU-deferred/*");
        assertThat(schedules.path("Condition").path("ArnNotLike").path("aws:PrincipalArn")).extracting(JsonNode::asText)
                .contains(DEPLOYER, SECURITY).anySatisfy(role -> assertThat(role).contains("/backstop/Backstop-EU/"));
    }

    @Test
    void onlyTheSecurityRolesAndDeployersWriteBackstopTags() throws IOException {
        JsonNode tags = policies().path("backstop-tags-scp.json").path("Statement").get(0);

        assertThat(tags.path("Condition").path("ForAnyValue:StringLike").path("aws:TagKeys").asText())
                .isEqualTo("backstop:*");
        assertThat(tags.path("Condition").path("ArnNotLike").path("aws:PrincipalArn"))
                .extracting(JsonNode::asText).containsExactly(SECURITY, DEPLOYER);
    }

    @Test
    void theTagsScpReservesBackstopTagsInEveryServiceWhoseTagsExemptAResource() throws IOException {
        JsonNode actions = policies().path("backstop-tags-scp.json").path("Statement").get(0).path("Action");

        // The services whose resources' tags the actions read (backstop:exempt and the others), each
        // with the calls that write and remove tags and carry aws:TagKeys.
        assertThat(actions).extracting(JsonNode::asText).contains("cloudtrail:AddTags", "cloudtrail:RemoveTags",
                "ec2:CreateTags", "ec2:DeleteTags", "iam:TagRole", "iam:UntagRole", "iam:TagUser", "iam:UntagUser",
                "lambda:TagResource", "lambda:UntagResource", "kms:TagResource", "kms:UntagResource",
                "guardduty:TagResource", "guardduty:UntagResource", "logs:TagResource", "logs:UntagResource",
                "logs:TagLogGroup", "logs:UntagLogGroup", "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
                "rolesanywhere:TagResource", "rolesanywhere:UntagResource", "route53resolver:TagResource",
                "route53resolver:UntagResource", "s3:TagResource", "s3:UntagResource");
    }

    @Test
    void everyServiceControlPolicyFitsAwsOrganizationsLimit() throws IOException {
        JsonNode policies = policies("--stack", "backstop-eu", "--stack", "backstop-us");

        policies.fields().forEachRemaining(policy -> {
            if (policy.getKey().endsWith("-scp.json")) {
                assertThat(policy.getValue().toString().length()).as(policy.getKey())
                        .isLessThanOrEqualTo(GuardrailPolicy.SCP_MAX_CHARACTERS);
            }
        });
    }

    @Test
    void tooManyNamesForOneServiceControlPolicyAreRefusedNamingThePolicy() {
        List<String> args = new ArrayList<>(List.of("guardrails", "--deployment-principal", DEPLOYER));
        for (int i = 0; i < 40; i++) {
            args.addAll(List.of("--stack", "backstop-region-number-" + i));
        }

        Cli.Result result = Cli.execute(args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("backstop-central-scp.json").contains("5120-character limit");
    }

    @Test
    void badNamesAreUsageErrorsThatSayWhatIsExpected() {
        Cli.Result wildcard = Cli.execute("guardrails", "--stack", "backstop", "--deployment-principal",
                "arn:aws:iam::111122223333:role/*");
        Cli.Result stack = Cli.execute("guardrails", "--stack", "-x", "--deployment-principal", DEPLOYER);
        Cli.Result none = Cli.execute("guardrails", "--stack", "backstop");

        assertThat(wildcard.exitCode()).isEqualTo(2);
        assertThat(wildcard.err()).contains("--deployment-principal").contains("no wildcards");
        assertThat(stack.exitCode()).isEqualTo(2);
        assertThat(stack.err()).contains("--stack").contains("\"-x\"");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--deployment-principal");
    }

    @Test
    void outWritesOneFilePerPolicy(@TempDir Path dir) throws IOException {
        Cli.Result result = Cli.execute("guardrails", "--stack", "backstop", "--deployment-principal", DEPLOYER,
                "--out", dir.resolve("policies").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("policies"))) {
            assertThat(files.map(file -> file.getFileName().toString())).hasSize(9)
                    .contains("backstop-member-scp.json");
        }
        JsonNode key = JSON.readTree(dir.resolve("policies/backstop-key-policy.json").toFile());
        assertThat(key.path("Statement").get(0).path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(result.out()).contains("backstop-key-policy.json: resource policy");
    }
}
