package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.event.SessionIssuer;
import dev.backstop.event.UserIdentity;
import org.junit.jupiter.api.Test;

class RoleSessionTest {

    private static final RoleSession OWN = new RoleSession("111122223333", "BackstopRemediation", "backstop-remediation");

    private static UserIdentity identity(String type, String arn, String issuerType, String issuerArn) {
        return new UserIdentity(type, null, arn, "111122223333", null, null, null,
                issuerArn == null ? null : new SessionIssuer(issuerType, null, issuerArn, "111122223333", null), null, null);
    }

    @Test
    void recognisesBackstopsOwnSessionByEveryPart() {
        assertThat(OWN.matches(identity("AssumedRole",
                "arn:aws:sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation",
                "Role", "arn:aws:iam::111122223333:role/BackstopRemediation"))).isTrue();
    }

    @Test
    void anotherSessionOfTheSameRoleIsNotBackstop() {
        assertThat(OWN.matches(identity("AssumedRole", "arn:aws:sts::111122223333:assumed-role/BackstopRemediation/operator",
                "Role", "arn:aws:iam::111122223333:role/BackstopRemediation"))).isFalse();
    }

    @Test
    void aUserWhosePathSpellsTheSessionIsNotBackstop() {
        assertThat(OWN.matches(identity("IAMUser",
                "arn:aws:iam::111122223333:user/sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation",
                null, null))).isFalse();
    }

    @Test
    void aRoleOfTheSameNameUnderAPathOrInAnotherAccountIsNotBackstop() {
        assertThat(OWN.matches(identity("AssumedRole",
                "arn:aws:sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation",
                "Role", "arn:aws:iam::111122223333:role/evil/BackstopRemediation"))).isFalse();
        assertThat(OWN.matches(identity("AssumedRole",
                "arn:aws:sts::999999999999:assumed-role/BackstopRemediation/backstop-remediation",
                "Role", "arn:aws:iam::999999999999:role/BackstopRemediation"))).isFalse();
    }

    @Test
    void aSessionWhoseIssuerIsNoRoleIsNotBackstop() {
        assertThat(OWN.matches(identity("AssumedRole",
                "arn:aws:sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation",
                "IAMUser", "arn:aws:iam::111122223333:role/BackstopRemediation"))).isFalse();
    }
}
