package dev.backstop.action.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dropsOnlyTheStatementsOpenToEveryoneAndKeepsTheRestOfTheDocument() {
        BucketPolicy policy = BucketPolicy.parse(S3Samples.samplePolicy().replace("\"Version\"", "\"Id\":\"reports\",\"Version\""));

        BucketPolicy kept = policy.withoutPublicStatements().orElseThrow();

        assertThat(kept.statements()).extracting(statement -> statement.path("Sid").asText())
                .containsExactly("DenyInsecureTransport", "ReportingRoleReads");
        assertThat(kept.json()).contains("\"Id\":\"reports\"", "\"Version\":\"2012-10-17\"");
        assertThat(policy.publicStatements()).extracting(statement -> statement.path("Sid").asText())
                .containsExactly("ShareWithPartner");
    }

    @Test
    void readsASingleStatementObjectAndLeavesNothingWhenItIsPublic() {
        BucketPolicy policy = BucketPolicy.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}""");

        assertThat(policy.statements()).hasSize(1);
        assertThat(policy.withoutPublicStatements()).isEmpty();
    }

    @Test
    void readsAPolicySentAsAJsonString() throws Exception {
        JsonNode asString = JSON.getNodeFactory().textNode(S3Samples.samplePolicy());

        assertThat(BucketPolicy.of(asString)).isEqualTo(BucketPolicy.parse(S3Samples.samplePolicy()));
    }

    @Test
    void putsBackOnlyTheStatementsItLacksWhereTheyWere() {
        BucketPolicy policy = BucketPolicy.parse(S3Samples.samplePolicy());
        BucketPolicy kept = policy.withoutPublicStatements().orElseThrow();
        List<JsonNode> removed = policy.publicStatements();
        List<Integer> positions = policy.positions(removed);

        assertThat(positions).containsExactly(2);
        assertThat(kept.withInserted(removed, positions)).isEqualTo(policy);
        assertThat(policy.withInserted(removed, positions)).isEqualTo(policy);
        assertThat(kept.withInserted(removed, List.of(9))).isEqualTo(policy);
        assertThat(BucketPolicy.ofStatements(removed).statements()).isEqualTo(removed);
    }

    @Test
    void namesStatementsBySidOrPosition() {
        BucketPolicy policy = BucketPolicy.parse("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*"},
                 {"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""");

        assertThat(BucketPolicy.describe(policy.publicStatements(), policy)).isEqualTo("#2");
    }

    @Test
    void refusesWhatIsNotAPolicyDocument() {
        assertThatThrownBy(() -> BucketPolicy.parse("[1, 2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BucketPolicy.parse("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
