package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.TrustedSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyGrantsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "123456789012";
    private static final String PARTNER = "444455556666";
    private static final String STRANGER = "999988887777";

    private final PolicyGrants grants = new PolicyGrants(
            new TrustedSet(Optional.of("o-abcdef1234"), Set.of(PARTNER)), OWNER);

    @Test
    void everyoneByStarAwsStarOrNotPrincipalIsOutside() {
        assertThat(grants.outside(statement("\"Principal\":\"*\""))).containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":{\"AWS\":[\"*\"]}"))).containsExactly("*");
        assertThat(grants.outside(statement("\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::" + OWNER + ":root\"}")))
                .containsExactly("*");
    }

    @Test
    void namesTheOutsideAccountsAmongTheAwsPrincipalsAndLeavesTheTrustedOnesOut() {
        JsonNode statement = statement("\"Principal\":{\"AWS\":[\"arn:aws:iam::" + STRANGER + ":role/exfil\","
                + "\"" + PARTNER + "\",\"arn:aws:iam::" + OWNER + ":root\",\"arn:aws:sts::" + STRANGER
                + ":assumed-role/r/s\"]}");

        assertThat(grants.outside(statement)).containsExactly("arn:aws:iam::" + STRANGER + ":role/exfil",
                "arn:aws:sts::" + STRANGER + ":assumed-role/r/s");
    }

    @Test
    void aStatementOfTrustedAccountsOnlyLetsNoOneIn() {
        assertThat(grants.outside(statement("\"Principal\":{\"AWS\":[\"" + PARTNER + "\",\"" + OWNER + "\"]}")))
                .isEmpty();
    }

    @Test
    void aDenyLetsNoOneIn() {
        assertThat(grants.outside(JSON.createObjectNode().put("Effect", "Deny").put("Principal", "*"))).isEmpty();
    }

    @Test
    void aConditionConfiningTheGrantToTheTrustedOrganizationOrAccountsNarrowsIt() {
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:PrincipalOrgID\":\"o-abcdef1234\"}}"))).isEmpty();
        assertThat(grants.outside(statement("\"Principal\":{\"AWS\":\"" + STRANGER + "\"},\"Condition\":"
                + "{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":[\"o-abcdef1234/r-ab12/*\"]}}"))).isEmpty();
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"AWS:SourceAccount\":[\"" + OWNER + "\",\"" + PARTNER + "\"]}}"))).isEmpty();
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"ArnLike\":"
                + "{\"aws:PrincipalArn\":\"arn:aws:iam::" + PARTNER + ":role/*\"}}"))).isEmpty();
    }

    @Test
    void aConditionThatCanBeMetFromOutsideNarrowsNothing() {
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:PrincipalOrgID\":\"o-zzzzzz9999\"}}"))).as("another organization").containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":[\"" + OWNER + "\",\"" + STRANGER + "\"]}}"))).as("one outside value")
                .containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"aws:PrincipalOrgID\":\"o-abcdef1234\"}}"))).as("negated").containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEqualsIfExists\":"
                + "{\"aws:PrincipalOrgID\":\"o-abcdef1234\"}}"))).as("if exists").containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"ArnLike\":"
                + "{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/admin\"}}"))).as("any account").containsExactly("*");
        assertThat(grants.outside(statement("\"Principal\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"sts:ExternalId\":\"secret\"}}"))).as("no identity key").containsExactly("*");
    }

    @Test
    void aServiceActingForAnOutsideAccountIsOutsideAndForItsOwnIsNot() {
        assertThat(grants.outside(statement("\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Condition\":"
                + "{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::their-bucket\"},\"StringEquals\":"
                + "{\"AWS:SourceAccount\":\"" + STRANGER + "\"}}"))).containsExactly("s3.amazonaws.com from " + STRANGER);
        assertThat(grants.outside(statement("\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Condition\":"
                + "{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:sns:us-east-1:" + STRANGER + ":topic\"}}")))
                .containsExactly("sns.amazonaws.com from " + STRANGER);
        assertThat(grants.outside(statement("\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Condition\":"
                + "{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:sns:us-east-1:" + OWNER + ":topic\"}}"))).isEmpty();
        assertThat(grants.outside(statement("\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}"))).isEmpty();
    }

    @Test
    void principalsThatNameNoAccountAreLeftAlone() {
        assertThat(grants.outside(statement("\"Principal\":{\"Federated\":\"accounts.google.com\","
                + "\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\","
                + "\"AWS\":\"AIDAJQABLZS4A3QDU576Q\"}"))).isEmpty();
    }

    @Test
    void outsideAccountsLeavesEveryoneToThePublicRules() {
        JsonNode statement = statement("\"Principal\":{\"AWS\":[\"*\",\"" + STRANGER + "\"]}");

        assertThat(grants.outside(statement)).containsExactly("*", STRANGER);
        assertThat(grants.outsideAccounts(statement)).containsExactly(STRANGER);
    }

    @Test
    void readsTheAccountOfAnIdOrAnIamOrStsArn() {
        assertThat(PolicyGrants.accountOf("012345678901")).contains("012345678901");
        assertThat(PolicyGrants.accountOf("arn:aws-us-gov:iam::012345678901:user/a/b")).contains("012345678901");
        assertThat(PolicyGrants.accountOf("arn:aws:sts::012345678901:federated-user/x")).contains("012345678901");
        assertThat(PolicyGrants.accountOf("arn:aws:iam::*:root")).isEmpty();
        assertThat(PolicyGrants.accountOf("AIDAJQABLZS4A3QDU576Q")).isEmpty();
        assertThat(PolicyGrants.accountOf(null)).isEmpty();
    }

    @Test
    void readsOneStatementOrAListAndNothingElse() throws Exception {
        assertThat(PolicyGrants.statements(JSON.readTree("{\"Statement\":{\"Effect\":\"Allow\"}}"))).hasSize(1);
        assertThat(PolicyGrants.statements(JSON.readTree("{\"Statement\":[{},{}]}"))).hasSize(2);
        assertThat(PolicyGrants.statements(JSON.readTree("{\"Statement\":\"x\"}"))).isEmpty();
        assertThat(PolicyGrants.statements(null)).isEmpty();
    }

    private static JsonNode statement(String principalAndCondition) {
        try {
            return JSON.readTree("{\"Effect\":\"Allow\"," + principalAndCondition + ",\"Action\":\"*\",\"Resource\":\"*\"}");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
