package dev.backstop.cli.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.cli.testing.Cli;
import org.junit.jupiter.api.Test;

/** What the breaker commands say before they reach AWS; the emulator test runs them for real. */
class BreakerCommandTest {

    @Test
    void helpListsBothSubcommandsAndSaysWhatABreakerIs() {
        Cli.Result help = Cli.execute("breaker", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("status", "reset", "blast-radius breaker", "flapping breaker");
    }

    @Test
    void resetHelpNamesEveryOptionAndTheExitCodes() {
        Cli.Result help = Cli.execute("breaker", "reset", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--table=NAME", "--account=ID", "--rule=ACCOUNT/RULE-ID", "--principal=ARN", "--resource=ARN", "Exit 0");
    }

    @Test
    void aBreakerWithoutASubcommandIsAUsageError() {
        Cli.Result run = Cli.execute("breaker");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a subcommand: status or reset");
    }

    @Test
    void resetNamesNoBreakerIsAUsageError() {
        Cli.Result run = Cli.execute("breaker", "reset", "--table", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name the breakers to reset with --account, --rule, --principal or --resource");
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsRefusedByName() {
        Cli.Result run = Cli.execute("breaker", "reset", "--account", "12345", "--table", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--account: expected a 12-digit account id, found \"12345\"");
    }

    @Test
    void aRuleNamedWithoutItsAccountIsRefusedSinceRulesAreCountedPerAccount() {
        Cli.Result run = Cli.execute("breaker", "reset", "--rule", "s3-bucket-acl-public", "--table", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rule: expected ACCOUNT/RULE-ID");
    }

    @Test
    void withoutATableItSaysWhereToNameOne() {
        Cli.Result run = Cli.execute("breaker", "status");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no audit table: give --table or set BACKSTOP_AUDIT_TABLE");
    }
}
