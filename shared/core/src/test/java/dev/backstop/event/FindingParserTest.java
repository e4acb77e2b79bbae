package dev.backstop.event;

import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingParserTest {

    private static final FindingParser PARSER = new FindingParser();
    private static final String EXFILTRATION = "findings/guardduty-instance-credential-exfiltration.json";
    private static final String S3_8 = "findings/securityhub-s3-8-bucket-block-public-access.json";

    private static FindingEvent one(byte[] payload) {
        List<FindingParser.Entry> entries = PARSER.read(payload);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).error()).as("parse error").isNull();
        return entries.get(0).finding();
    }

    private static MalformedEventException error(byte[] payload) {
        List<FindingParser.Entry> entries = PARSER.read(payload);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).finding()).isNull();
        return entries.get(0).error();
    }

    @Test
    void aGuardDutyFindingIsReadWithItsTypeSeverityAccountAndTheRoleWhoseCredentialsLeaked() {
        FindingEvent finding = one(edited(EXFILTRATION, e -> { }));

        assertThat(finding.source()).isEqualTo(FindingSource.GUARDDUTY);
        assertThat(finding.type()).startsWith("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration");
        assertThat(finding.account()).isEqualTo("123456789012");
        assertThat(finding.writtenByAws()).isTrue();
        assertThat(finding.closed()).isEmpty();
        assertThat(finding.caller()).as("a finding has no caller to exempt").isEmpty();
    }

    @Test
    void aSecurityHubControlFindingIsReadWithItsControlAndResource() {
        FindingEvent finding = one(edited(S3_8, e -> { }));

        assertThat(finding.source()).isEqualTo(FindingSource.SECURITY_HUB);
        assertThat(finding.control()).isEqualTo("S3.8");
        assertThat(finding.resources()).extracting(FindingResource::id).containsExactly("arn:aws:s3:::acme-web-assets");
        assertThat(finding.writtenByAws()).isTrue();
    }

    @Test
    void aFindingWithoutAnUpdateTimeIsRejectedNamingTheField() {
        MalformedEventException error = error(edited(EXFILTRATION, e -> ((ObjectNode) e.get("detail")).remove("updatedAt")));

        assertThat(error.getMessage()).contains("detail.updatedAt");
    }

    @Test
    void theBadOneOfSeveralSecurityHubFindingsIsRejectedByItsIndexAndTheOthersRead() {
        byte[] payload = edited(S3_8, e -> {
            ArrayNode findings = (ArrayNode) e.path("detail").path("findings");
            ObjectNode broken = findings.get(0).deepCopy();
            broken.put("AwsAccountId", "not-an-account");
            findings.add(broken);
        });

        List<FindingParser.Entry> entries = PARSER.read(payload);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).finding()).isNotNull();
        assertThat(entries.get(1).error().getMessage()).contains("detail.findings[1]").contains("AwsAccountId");
    }

    @Test
    void aFindingEventFromTheWrongSourceIsRejected() {
        MalformedEventException error = error(edited(EXFILTRATION, e -> e.put("source", "custom.guardduty")));

        assertThat(error.field()).isEqualTo("source");
    }

    @Test
    void notJsonIsRejectedAtTheRoot() {
        MalformedEventException error = error("{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(error.field()).isEqualTo("$");
    }

    @Test
    void aFindingImportedByAnotherProductIsReadButNotWrittenByAws() {
        FindingEvent finding = one(edited(S3_8, e -> ((ObjectNode) e.path("detail").path("findings").get(0))
                .put("ProductArn", "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default")));

        assertThat(finding.writtenByAws()).isFalse();
    }

    @Test
    void aGuardDutySampleFindingIsClosedToAction() {
        FindingEvent finding = one(edited(EXFILTRATION, e -> ((ObjectNode) e.path("detail").path("service")
                .path("additionalInfo")).put("sample", true)));

        assertThat(finding.closed()).hasValueSatisfying(why -> assertThat(why).contains("sample"));
    }
}
