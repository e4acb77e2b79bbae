package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checkov checks Backstop skips are skipped in one place, .checkov.yaml at the root, each
 * under a comment that gives the reason; no resource skips one for itself. What the reasons rely
 * on holds for every resource of its kind, so that a new queue, table or function cannot slip
 * through a check skipped for today's.
 */
class CheckovSkipsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final Pattern SKIPPED = Pattern.compile("^\\s*-\\s*(CKV\\w+)\\s*$");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"template.yaml", "member-account.yaml"})
    void noResourceSkipsACheckovCheckInItsMetadata(String file) {
        List<String> skipping = new ArrayList<>();
        SamTemplate.load(file).json().path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Metadata").has("checkov")) {
                skipping.add(resource.getKey());
            }
        });

        assertThat(skipping).as("%s: resources with Metadata.checkov (skip in .checkov.yaml instead)", file).isEmpty();
    }

    @Test
    void everySkippedCheckIsSkippedUnderACommentThatNamesItAndGivesTheReason() throws IOException {
        List<String> lines = Files.readAllLines(Checkout.file(".checkov.yaml"));
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher check = SKIPPED.matcher(lines.get(i));
            if (check.matches()) {
                skipped.add(check.group(1));
                int first = i;
                while (first > 0 && lines.get(first - 1).trim().startsWith("#")) {
                    first--;
                }
                assertThat(lines.get(first).trim()).as(".checkov.yaml line %d: the comment above %s", first + 1, check.group(1))
                        .startsWith("# " + check.group(1) + ", ");
                assertThat(i - first).as("lines of reason for %s", check.group(1)).isGreaterThanOrEqualTo(2);
            }
        }

        assertThat(skipped).as("checks skipped in .checkov.yaml").isNotEmpty().doesNotHaveDuplicates();
        assertThat(Files.readString(Checkout.file("scripts/check-template")))
                .as("scripts/check-template runs checkov with the one config").contains("--config-file .checkov.yaml");
    }

    /** CKV_AWS_27 is skipped because it does not recognise SQS-managed encryption. */
    @Test
    void everyQueueIsEncryptedAtRest() {
        TEMPLATE.resourcesOfType("AWS::SQS::Queue").forEach((queue, resource) ->
                assertThat(resource.path("Properties").path("SqsManagedSseEnabled").asBoolean()
                        || resource.path("Properties").has("KmsMasterKeyId")).as(queue).isTrue());
    }

    /** CKV_AWS_119 is skipped because the AWS managed key is enough for a table IAM guards. */
    @Test
    void everyTableIsEncryptedAtRest() {
        assertThat(TEMPLATE.resourcesOfType("AWS::DynamoDB::Table")).isNotEmpty().allSatisfy((table, resource) ->
                assertThat(resource.path("Properties").path("SSESpecification").path("SSEEnabled").asBoolean())
                        .as(table).isTrue());
    }

    /** CKV_AWS_116 is skipped because the on-failure destination does a Lambda dead-letter queue's job. */
    @Test
    void everyFunctionSendsAFailedInvocationToTheDeadLetterQueue() {
        JsonNode global = TEMPLATE.json().path("Globals").path("Function").path("EventInvokeConfig");
        TEMPLATE.resourcesOfType("AWS::Serverless::Function").forEach((function, resource) -> {
            JsonNode own = resource.path("Properties").path("EventInvokeConfig");
            JsonNode onFailure = (own.isMissingNode() ? global : own).path("DestinationConfig").path("OnFailure");

            assertThat(onFailure.path("Type").asText() + " " + Intrinsics.named(onFailure.path("Destination")))
                    .as("%s: EventInvokeConfig's on-failure destination", function).isEqualTo("SQS DeadLetterQueue");
        });
    }
}
