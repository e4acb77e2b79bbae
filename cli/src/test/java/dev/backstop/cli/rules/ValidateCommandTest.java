package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.cli.testing.Cli;
import dev.backstop.rules.DefaultPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    /** A valid team rule; its id is on line 3. */
    static final String TEAM_RULE = """
            version: 1
            rules:
              - id: trail-deleted
                description: Someone deleted a trail.
                severity: critical
                mode: notify
                match:
                  source: [aws.cloudtrail]
                  detail:
                    eventName: [DeleteTrail]
                actions:
                  - action: cloudtrail.start-logging
            """;

    /** The shipped pack grows with the catalogue: count its rules rather than pin a number. */
    private static final long SHIPPED = DefaultPack.text().content().lines()
            .filter(line -> line.startsWith("  - id: ")).count();

    @TempDir
    Path dir;

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void validatesTheShippedDefaultPackWhenGivenNoFile() {
        Cli.Result result = Cli.execute("validate");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("rules/default.yaml: %d rules valid%n".formatted(SHIPPED));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void validatesATeamFileTogetherWithTheDefaultPack() throws IOException {
        Path team = file("team.yaml", TEAM_RULE);

        Cli.Result result = Cli.execute("validate", team.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("rules/default.yaml, %s: %d rules valid%n".formatted(team, SHIPPED + 1));
    }

    @Test
    void printsEachErrorAsFileLineRuleFieldMessageAndExitsOne() throws IOException {
        Path team = file("team.yaml", TEAM_RULE.replace("severity: critical", "severity: urgent"));

        Cli.Result result = Cli.execute("validate", team.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(team + ":5: rule trail-deleted: severity: unknown severity"
                + " \"urgent\"; expected one of low, medium, high, critical");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void findsAnIdThatASecondFileDefinesAgainAndNamesTheSecondFile() throws IOException {
        Path first = file("first.yaml", TEAM_RULE);
        Path second = file("second.yaml", TEAM_RULE);

        Cli.Result result = Cli.execute("validate", first.toString(), second.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(second + ":3: rule trail-deleted: id: already defined at "
                + first + ":3; to change it, set its mode under overrides");
    }

    @Test
    void findsATeamRuleThatRepeatsADefaultPackId() throws IOException {
        Path team = file("team.yaml", TEAM_RULE.replace("trail-deleted", "cloudtrail-logging-stopped"));

        Cli.Result result = Cli.execute("validate", team.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith(team + ":3: rule cloudtrail-logging-stopped: id: already defined at "
                + "rules/default.yaml:10;");
    }

    @Test
    void checksOverridesAgainstTheRulesOfEarlierFiles() throws IOException {
        Path team = file("team.yaml", """
                version: 1
                rules: []
                overrides:
                  cloudtrail-logging-stopped: {mode: dry-run}
                  no-such-rule: {mode: dry-run}
                """);

        Cli.Result result = Cli.execute("validate", team.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(
                team + ":5: rule no-such-rule: overrides: no rule no-such-rule in this or an earlier file");
    }

    @Test
    void aFileThatCannotBeReadIsAUsageError() {
        Path missing = dir.resolve("missing.yaml");

        Cli.Result result = Cli.execute("validate", missing.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("backstop validate: cannot read %s: no such file%n".formatted(missing));
    }

    @Test
    void aDirectoryIsAUsageError() {
        Cli.Result result = Cli.execute("validate", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("backstop validate: cannot read %s: it is a directory%n".formatted(dir));
    }

    @Test
    void theRepositorysOwnDefaultPackTakesTheBuiltInCopysPlaceInsteadOfRepeatingIt() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Path pack = Files.writeString(dir.resolve(DefaultPack.NAME), DefaultPack.text().content());

        Cli.Result result = new Cli().home(dir).run("validate", pack.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("%s: %d rules valid%n".formatted(pack, SHIPPED));
    }

    @Test
    void anEditedDefaultPackIsCheckedAsTheDefaultPack() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Path pack = Files.writeString(dir.resolve(DefaultPack.NAME),
                DefaultPack.text().content().replace("severity: high", "severity: hgh"));

        Cli.Result result = new Cli().home(dir).run("validate", pack.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith(pack + ":14: rule cloudtrail-logging-stopped: severity: unknown severity");
    }
}
