package dev.backstop.event;

import static dev.backstop.testing.SampleEvents.edited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingParserTest {

    /** Just after the samples' times (2026-11-20T11:14:09Z at the latest). */
    private static final FindingParser PARSER = new FindingParser(Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC));
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

    @Test
    void aGuardDutyFindingDatedAfterNowBeyondClockSkewIsRejectedNamingTheField() {
        MalformedEventException error = error(edited(EXFILTRATION, e -> ((ObjectNode) e.get("detail"))
                .put("updatedAt", "2026-11-20T12:06:00.000Z")));

        assertThat(error.field()).isEqualTo("detail.updatedAt");
        assertThat(error.getMessage()).contains("clock skew");
    }

    @Test
    void aSecurityHubFindingDatedAfterNowIsRejectedByItsIndexAndTheOthersRead() {
        byte[] payload = edited(S3_8, e -> {
            ArrayNode findings = (ArrayNode) e.path("detail").path("findings");
            findings.add(((ObjectNode) findings.get(0).deepCopy()).put("UpdatedAt", "2026-11-21T00:00:00.000Z"));
        });

        List<FindingParser.Entry> entries = PARSER.read(payload);

        assertThat(entries.get(0).finding()).isNotNull();
        assertThat(entries.get(1).error().field()).isEqualTo("detail.findings[1].UpdatedAt");
    }

    @Test
    void anEnvelopeDatedAfterNowIsRejected() {
        MalformedEventException error = error(edited(S3_8, e -> e.put("time", "2026-11-20T13:00:00Z")));

        assertThat(error.field()).isEqualTo("time");
    }

    @Test
    void anEnvelopeWithoutAnAccountIsRejected() {
        MalformedEventException error = error(edited(EXFILTRATION, e -> e.remove("account")));

        assertThat(error.field()).isEqualTo("account");
    }

    @Test
    void theAccountItWasDeliveredFromIsKeptBesideTheFindingsOwnAndRulesSeeItAsAString() {
        FindingEvent finding = one(edited(EXFILTRATION, e -> e.put("account", 210987654321L)));

        assertThat(finding.account()).isEqualTo("123456789012");
        assertThat(finding.deliveredBy()).isEqualTo("210987654321");
        assertThat(finding.tree().path("account").isTextual()).isTrue();
        assertThat(finding.tree().path("account").asText()).isEqualTo("210987654321");
    }

    @Test
    void aDottedKeyWhereAwsChoosesTheKeysIsRefusedSoItCannotStandInForAFieldARulePins() {
        MalformedEventException error = error(edited(S3_8, e -> ((ObjectNode) e.path("detail").path("findings").get(0))
                .put("Compliance.Status", "FAILED")));

        assertThat(error.field()).isEqualTo("detail.findings[0]");
    }

    @Test
    void aSecurityHubFindingsTreeHoldsTheEnvelopesOwnKeysAndOnlyThatFinding() {
        byte[] payload = edited(S3_8, e -> {
            e.put("extra", "not an envelope key");
            ArrayNode findings = (ArrayNode) e.path("detail").path("findings");
            findings.add(((ObjectNode) findings.get(0).deepCopy()).put("Id", "second"));
        });

        List<FindingParser.Entry> entries = PARSER.read(payload);

        JsonNode tree = entries.get(1).finding().tree();
        assertThat(tree.has("extra")).isFalse();
        assertThat(tree.path("detail").path("findings")).hasSize(1);
        assertThat(tree.path("detail").path("findings").get(0).path("Id").asText()).isEqualTo("second");
    }
}
