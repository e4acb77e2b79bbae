package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.tests.template.SamTemplate.EventRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.event.ruler.GenericMachine;

/**
 * Security Hub's control findings are split between two functions by control id: S3's to
 * S3FindingsFunction, the rest to FindingsFunction. Whichever of the two control id fields a
 * finding carries (the consolidated Compliance.SecurityControlId, the per-standard
 * ProductFields.ControlId, both or neither), exactly one function receives it: none is decided
 * twice, none dropped. Event Ruler on the template's own patterns, beyond the samples in events/.
 */
class FindingsSplitTest {

    private static GenericMachine<EventRule> machine;

    @BeforeAll
    static void compileTheTemplatesPatterns() throws Exception {
        machine = GenericMachine.<EventRule>builder().build();
        for (EventRule rule : SamTemplate.load().eventRules()) {
            machine.addRule(rule, rule.pattern());
        }
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({
            "S3.8, consolidated, S3FindingsFunction", "S3.8, per-standard, S3FindingsFunction",
            "S3.8, both, S3FindingsFunction", "S3.1, both, S3FindingsFunction",
            "S3.17, per-standard, S3FindingsFunction",
            "EC2.19, consolidated, FindingsFunction", "EC2.19, per-standard, FindingsFunction",
            "EC2.19, both, FindingsFunction", "CloudTrail.4, per-standard, FindingsFunction",
            "S3, both, FindingsFunction", "-, neither, FindingsFunction"})
    void aSecurityHubControlFindingReachesExactlyOneFunction(String control, String carriedBy, String function)
            throws Exception {
        ObjectNode event = (ObjectNode) Sample.all().stream()
                .filter(sample -> sample.name().equals("findings/securityhub-s3-8-bucket-block-public-access.json"))
                .findFirst().orElseThrow().event().deepCopy();
        ObjectNode finding = (ObjectNode) event.path("detail").path("findings").get(0);
        ObjectNode compliance = (ObjectNode) finding.path("Compliance");
        ObjectNode productFields = (ObjectNode) finding.path("ProductFields");
        compliance.remove("SecurityControlId");
        productFields.remove("ControlId");
        if (carriedBy.equals("consolidated") || carriedBy.equals("both")) {
            compliance.put("SecurityControlId", control);
        }
        if (carriedBy.equals("per-standard") || carriedBy.equals("both")) {
            productFields.put("ControlId", control);
        }

        List<EventRule> matched = machine.rulesForJSONEvent(event.toString());

        assertThat(matched).extracting(EventRule::target).as("functions a %s finding carried by %s reaches", control,
                carriedBy).containsExactly(function);
    }
}
