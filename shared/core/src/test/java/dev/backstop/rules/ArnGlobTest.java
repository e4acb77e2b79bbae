package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backstop.event.SessionIssuer;
import dev.backstop.event.UserIdentity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnGlobTest {

    private static final String OWN_SESSION = "arn:*:sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation";

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "arn:aws:iam::*:role/BreakGlass*        | arn:aws:iam::123456789012:role/BreakGlass1                       | true",
        "arn:aws:iam::*:role/BreakGlass*        | arn:aws:iam::123456789012:role/ops/BreakGlass                    | false",
        "arn:aws:iam::*:role/*BreakGlass*       | arn:aws:iam::123456789012:role/ops/BreakGlass                    | true",
        "arn:aws:iam::*:role/BreakGlass         | arn:aws:iam::123456789012:user/x:role/BreakGlass                 | false",
        "arn:*:iam::123456789012:role/R         | arn:aws-cn:iam::123456789012:role/R                              | true",
        "arn:*:iam::123456789012:role/R         | arn:aws:iam::123456789012:role/R:extra                           | false",
        "arn:aws:iam::12345678901?:role/R       | arn:aws:iam::123456789012:role/R                                 | true",
        "arn:aws:iam::12345678901?:role/R       | arn:aws:iam::1234567890123:role/R                                | false",
        "arn:aws:s3:::bucket/*                  | arn:aws:s3:::bucket/a:b:c                                        | true",
        "arn:aws:iam::*:role/R                  | arn:aws:iam::123456789012                                        | false",
        "sg-*                                   | sg-0123                                                          | true",
        "*                                      | anything:at:all                                                  | true",
        "arn:aws:iam::*:role/R                  | role/R                                                           | false"})
    void matchesEachPartOfTheArnOnItsOwn(String glob, String arn, boolean matches) {
        assertThat(new ArnGlob(glob).matches(arn)).isEqualTo(matches);
    }

    @Test
    void anIamPathCannotSpellBackstopsOwnSession() {
        // IAM paths may hold ':', so a user can be named so that its whole ARN ends like Backstop's session.
        String impostor = "arn:aws:iam::999999999999:user/a:sts::111122223333:assumed-role/BackstopRemediation/"
                + "backstop-remediation";

        assertThat(new ArnGlob(OWN_SESSION).matches(impostor)).isFalse();
        assertThat(new ArnGlob(OWN_SESSION).matches(
                "arn:aws:sts::111122223333:assumed-role/BackstopRemediation/backstop-remediation")).isTrue();
    }

    @Test
    void matchesTheCallerOrTheRoleItsSessionCameFrom() {
        UserIdentity session = new UserIdentity("AssumedRole", null, "arn:aws:sts::123456789012:assumed-role/BreakGlass/alice",
                "123456789012", null, null, null,
                new SessionIssuer("Role", null, "arn:aws:iam::123456789012:role/BreakGlass", "123456789012", "BreakGlass"),
                null, null);

        assertThat(new ArnGlob("arn:aws:iam::*:role/BreakGlass").matches(session)).isTrue();
        assertThat(new ArnGlob("arn:aws:iam::*:role/Other").matches(session)).isFalse();
    }

    @Test
    void takesTimeLinearInTheArnWhateverItHolds() {
        // A regex from this glob backtracked for 27 s on a 247 KB ARN; a stall here is a regression.
        String hostile = "arn:aws:sts::123456789012:assumed-role/" + "a*".repeat(125_000) + "/x";
        String glob = "arn:aws:sts::*:assumed-role/*a*a*a*a*a*a*a*a*/*b";

        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new ArnGlob(glob).matches(hostile));

        assertThat(matched).isFalse();
    }

    @Test
    void saysWhyAPatternIsNoArn() {
        assertThat(ArnGlob.problem("arn:aws:iam::*")).hasValue(
                "an ARN has six parts, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; this has 5");
        assertThat(ArnGlob.problem("arn:aws:iam::*:role/R")).isEmpty();
        assertThat(ArnGlob.problem("sg-*")).isEmpty();
    }
}
