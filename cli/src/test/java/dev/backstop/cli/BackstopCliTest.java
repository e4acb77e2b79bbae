package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.cli.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackstopCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "validate", "plan", "explain"})
    void everyCommandHasHelp(String command) {
        Cli.Result result = Cli.execute(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: backstop " + command + " ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsTheRuleCommandsInItsOwnHelp() {
        Cli.Result result = Cli.execute("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("  validate ", "  plan ", "  explain ", "  demo ");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result result = Cli.execute("validate", "--strict");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Unknown option: '--strict'");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.execute();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("name a command; see --help");
    }
}
