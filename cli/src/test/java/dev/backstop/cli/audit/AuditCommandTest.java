package dev.backstop.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.cli.testing.Cli;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The audit commands' arguments, checked before any AWS call. */
class AuditCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"verify", "list", "show"})
    void everySubcommandHasHelpThatNamesTheTableOption(String command) {
        Cli.Result result = Cli.execute("audit", command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: backstop audit " + command + " ").contains("--table=NAME");
    }

    @Test
    void theToolsHelpListsTheAuditCommand() {
        assertThat(Cli.execute("--help").out()).contains("  audit       Checks and browses the tamper-evident audit trail.");
    }

    @Test
    void auditAloneIsAUsageErrorThatNamesTheSubcommands() {
        Cli.Result result = Cli.execute("audit");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("name a subcommand: verify, list or show; see --help");
    }

    @Test
    void withoutATableItSaysHowToNameOne() {
        Cli.Result result = Cli.execute("audit", "verify");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("name the audit table with --table NAME or BACKSTOP_AUDIT_TABLE");
    }

    @Test
    void anUnreadableTimeIsAUsageErrorThatSaysWhatATimeLooksLike() {
        Cli.Result result = Cli.execute("audit", "list", "--table", "t", "--since", "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--since: not a time: \"yesterday\"; expected a UTC time like"
                + " 2026-11-25T10:00:00Z, a day like 2026-11-25, or an age like 30m, 24h or 7d");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() {
        Cli.Result result = Cli.execute("audit", "list", "--table", "t", "--since", "2026-11-20", "--until", "2d");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--since 2026-11-20 (2026-11-20T00:00:00Z) is not before --until 2d"
                + " (2026-11-18T10:00:00Z)");
    }

    @Test
    void anEmptyFilterIsAUsageError() {
        Cli.Result result = Cli.execute("audit", "list", "--table", "t", "--rule", " ");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--rule: empty; give a value or leave the option out");
    }

    @Test
    void showNeedsAnAuditId() {
        Cli.Result result = Cli.execute("audit", "show", "--table", "t");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required parameter: 'AUDIT-ID'");
    }

    @Test
    void timesAreUtcInstantsDaysOrAgesBeforeNow() {
        TimeConverter times = new TimeConverter(Clock.fixed(Cli.NOW, ZoneOffset.UTC));

        assertThat(times.convert("2026-11-19T08:30:00Z")).isEqualTo(Instant.parse("2026-11-19T08:30:00Z"));
        assertThat(times.convert("2026-11-19")).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
        assertThat(times.convert("30m")).isEqualTo(Cli.NOW.minusSeconds(1800));
        assertThat(times.convert("24h")).isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
        assertThat(times.convert("7d")).isEqualTo(Instant.parse("2026-11-13T10:00:00Z"));
        for (String bad : new String[] {"", "7w", "2026-13-01", "2026-11-19T08:30:00"}) {
            assertThatThrownBy(() -> times.convert(bad))
                    .as(bad).isInstanceOf(TypeConversionException.class);
        }
    }
}
