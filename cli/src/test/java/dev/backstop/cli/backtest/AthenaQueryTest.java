package dev.backstop.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.cli.rules.CatalogueComponent;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.TrustedSet;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.ExactPins;
import dev.backstop.rules.RuleBook;
import java.time.Clock;
import java.util.List;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AthenaQueryTest {

    private static final Window NOVEMBER = new Window(Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"));
    private static final String COLUMNS = "SELECT eventversion AS eventversion, useridentity.type AS useridentity_type,"
            + " useridentity.principalid AS useridentity_principalid, useridentity.arn AS useridentity_arn,"
            + " useridentity.accountid AS useridentity_accountid, useridentity.accesskeyid AS useridentity_accesskeyid,"
            + " useridentity.username AS useridentity_username, useridentity.invokedby AS useridentity_invokedby,"
            + " useridentity.sessioncontext.attributes.mfaauthenticated AS useridentity_sessioncontext_attributes_mfaauthenticated,"
            + " useridentity.sessioncontext.attributes.creationdate AS useridentity_sessioncontext_attributes_creationdate,"
            + " useridentity.sessioncontext.sessionissuer.type AS useridentity_sessioncontext_sessionissuer_type,"
            + " useridentity.sessioncontext.sessionissuer.principalid AS useridentity_sessioncontext_sessionissuer_principalid,"
            + " useridentity.sessioncontext.sessionissuer.arn AS useridentity_sessioncontext_sessionissuer_arn,"
            + " useridentity.sessioncontext.sessionissuer.accountid AS useridentity_sessioncontext_sessionissuer_accountid,"
            + " useridentity.sessioncontext.sessionissuer.username AS useridentity_sessioncontext_sessionissuer_username,"
            + " eventtime AS eventtime, eventsource AS eventsource, eventname AS eventname, awsregion AS awsregion,"
            + " sourceipaddress AS sourceipaddress, useragent AS useragent, errorcode AS errorcode,"
            + " errormessage AS errormessage, requestparameters AS requestparameters,"
            + " responseelements AS responseelements, eventid AS eventid, eventtype AS eventtype, readonly AS readonly,"
            + " recipientaccountid AS recipientaccountid\n";

    private static Map<String, ExactPins> pins(Object... ruleAndPins) {
        Map<String, ExactPins> pins = new LinkedHashMap<>();
        for (int i = 0; i < ruleAndPins.length; i += 2) {
            pins.put((String) ruleAndPins[i], (ExactPins) ruleAndPins[i + 1]);
        }
        return pins;
    }

    @Test
    void selectsOnlyTheSourcesAndEventNamesTheRulesPinWithinTheWindowInTimeOrder() {
        AthenaQuery.Query query = AthenaQuery.of("cloudtrail_db.management", pins(
                "stop", new ExactPins(Set.of("aws.cloudtrail"), Set.of("StopLogging")),
                "delete", new ExactPins(Set.of("aws.cloudtrail"), Set.of("DeleteTrail")),
                "any-iam", new ExactPins(Set.of("aws.iam"), null),
                "attach", new ExactPins(Set.of("aws.iam"), Set.of("AttachRolePolicy")),
                "login", new ExactPins(null, Set.of("ConsoleLogin")),
                "custom", new ExactPins(Set.of("my.app"), Set.of("Deploy"))), NOVEMBER);

        assertThat(query.sql()).isEqualTo(COLUMNS
                + "FROM \"cloudtrail_db\".\"management\"\n"
                + "WHERE eventtime >= '2026-11-01T00:00:00Z' AND eventtime < '2026-12-01T00:00:00Z'\n"
                + "  AND ((eventsource = 'cloudtrail.amazonaws.com' AND eventname IN ('DeleteTrail', 'StopLogging'))\n"
                + "    OR eventsource = 'iam.amazonaws.com'\n"
                + "    OR eventname IN ('ConsoleLogin'))\n"
                + "ORDER BY eventtime, eventid");
        assertThat(query.unpinned()).isEmpty();
    }

    @Test
    void aRuleThatPinsNothingLetsEveryEventOfTheWindowThroughAndIsNamed() {
        AthenaQuery.Query query = AthenaQuery.of("db.t", pins(
                "stop", new ExactPins(Set.of("aws.cloudtrail"), Set.of("StopLogging")),
                "network", ExactPinsNone.NONE), NOVEMBER);

        assertThat(query.sql()).endsWith("WHERE eventtime >= '2026-11-01T00:00:00Z' AND eventtime < '2026-12-01T00:00:00Z'\n"
                + "ORDER BY eventtime, eventid");
        assertThat(query.unpinned()).containsExactly("network");
    }

    @Test
    void quotesEveryPinAsASqlStringSoARuleCannotInjectSql() {
        AthenaQuery.Query query = AthenaQuery.of("db.t", pins(
                "odd", new ExactPins(Set.of("aws.iam"), Set.of("x') OR (1=1"))), NOVEMBER);

        assertThat(query.sql()).contains("(eventsource = 'iam.amazonaws.com' AND eventname IN ('x'') OR (1=1')))");
        assertThatThrownBy(() -> AthenaQuery.of("db.t", pins("bad", new ExactPins(null, Set.of("a\nb"))), NOVEMBER))
                .hasMessage("a rule pins a value with a control character: a\\u000ab");
    }

    @Test
    void refusesATableThatIsNotDatabaseDotTable() {
        assertThatThrownBy(() -> AthenaQuery.of("db.t\"; DROP TABLE x; --", pins(), NOVEMBER))
                .hasMessageStartingWith("expected athena:DATABASE.TABLE");
        assertThatThrownBy(() -> AthenaQuery.of("justatable", pins(), NOVEMBER))
                .hasMessageStartingWith("expected athena:DATABASE.TABLE");
    }

    @Test
    void theDefaultPacksRulesInForcePinTheirCallsSoOnlyTheyLeaveAthena() {
        RuleBook pack = CatalogueComponent.create(Clock.systemUTC()).ruleLoader().load(List.of(DefaultPack.text()));
        PackReplay replay = new PackReplay("rules", pack, new Deployment(Mode.ENFORCE, List.of(), List.of(),
                MemberAccess.singleAccount(), BreakerLimits.DEFAULTS, TrustedSet.none()), (spec, event) -> true,
                action -> false);

        AthenaQuery.Query query = AthenaQuery.of("db.t", replay.pins(), NOVEMBER);

        assertThat(query.unpinned()).as(query.sql()).isEmpty();
        assertThat(replay.pins()).doesNotContainKeys("iam-access-key-unexpected-network", "alarm-ec2-instance-isolate");
        assertThat(query.sql()).contains("(eventsource = 'cloudtrail.amazonaws.com' AND eventname IN (",
                "'StopLogging'", "'DeleteTrail'");
    }

    /** ExactPins.NONE is the core's own; a test builds the same "pins nothing". */
    private static final class ExactPinsNone {
        static final ExactPins NONE = new ExactPins(null, null);
    }
}
