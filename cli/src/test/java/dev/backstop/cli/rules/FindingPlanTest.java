package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.testing.Cli;
import dev.backstop.cli.testing.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code explain} on GuardDuty and Security Hub findings. */
class FindingPlanTest {

    @TempDir
    Path dir;

    private static String sample(String name) {
        return Events.sample(name).toString();
    }

    @Test
    void plansAGuardDutyFindingAgainstTheFindingRules() {
        Cli.Result result = Cli.execute("plan", sample("findings/guardduty-instance-credential-exfiltration.json"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("guardduty-instance-credentials-exfiltrated")
                .contains("iam.revoke-role-sessions").contains("guardduty-high-severity")
                .contains("1 matched a rule");
    }

    @Test
    void showsAFindingAnotherProductWroteAsRejectedByTheHandler() throws IOException {
        ObjectNode finding = Events.envelope("findings/securityhub-s3-8-bucket-block-public-access.json");
        ((ObjectNode) finding.path("detail").path("findings").get(0))
                .put("ProductArn", "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
        Path file = Files.writeString(dir.resolve("imported.json"), finding.toString());

        Cli.Result result = Cli.execute("plan", file.toString());

        assertThat(result.out()).contains("written by product arn:aws:securityhub:us-east-1:123456789012:product/"
                + "123456789012/default, not by an AWS service; the handler rejects it");
    }

    @Test
    void showsABadFindingByThePathOfItsField() throws IOException {
        ObjectNode finding = Events.envelope("findings/securityhub-s3-8-bucket-block-public-access.json");
        ((ObjectNode) finding.path("detail").path("findings").get(0)).remove("UpdatedAt");
        Path file = Files.writeString(dir.resolve("broken.json"), finding.toString());

        Cli.Result result = Cli.execute("plan", file.toString());

        assertThat(result.out()).contains("detail.findings[0]").contains("UpdatedAt").contains("1 rejected");
    }

    @Test
    void explainsWhichFunctionDecidesAFindingRuleAndThatAFixResolvesIt() {
        Cli.Result result = Cli.execute("explain", "securityhub-trail-log-file-validation");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("decided by FindingsFunction,")
                .contains("the Security Hub finding is set RESOLVED");
    }

    @Test
    void explainsThatAnS3ControlRuleIsDecidedByTheS3FindingsFunction() {
        Cli.Result result = Cli.execute("explain", "securityhub-s3-bucket-public-access");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("decided by S3FindingsFunction,")
                .contains("the Security Hub finding is set RESOLVED");
    }
}
