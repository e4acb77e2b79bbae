package dev.backstop.cli.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.cli.BackstopCli;
import dev.backstop.cli.rules.CatalogueComponent;
import dev.backstop.rules.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ReferencePagesTest {

    private static final Path ROOT = repositoryRoot();

    @Test
    void checkedInPagesAreWhatTheCodeAndTemplatesGenerate() throws IOException {
        for (Map.Entry<String, String> page : ReferencePages.render(ROOT).entrySet()) {
            Path file = ROOT.resolve(page.getKey());
            assertThat(file).as("%s is missing: run scripts/generate", page.getKey()).isRegularFile();
            assertThat(firstDifference(Files.readString(file), page.getValue()))
                    .as("%s is stale: run scripts/generate and commit the page", page.getKey())
                    .isEmpty();
        }
    }

    @Test
    void actionReferenceListsEveryActionWithEachOfItsParameters() {
        Map<String, List<ParamSpec>> catalogue = CatalogueComponent.create(Clock.systemUTC()).actionParameters();

        String page = ActionReference.render(catalogue);

        assertThat(catalogue).containsKeys("cloudtrail.start-logging", "ec2.revoke-world-ingress", "lambda.rollback-alias");
        catalogue.forEach((action, params) -> {
            assertThat(page).contains("### " + action + " { #" + action.replace('.', '-') + " }");
            params.forEach(param -> assertThat(page).contains("| `" + param.name() + "` | " + param.type().description()));
        });
    }

    @Test
    void actionReferenceSaysWhenAnActionTakesNoParameters() {
        String page = ActionReference.render(Map.of("cloudtrail.start-logging", List.of()));

        assertThat(page).contains("## cloudtrail\n\n### cloudtrail.start-logging { #cloudtrail-start-logging }\n\nNo parameters.\n");
    }

    @Test
    void commandReferenceHasASectionForEveryCommandWithEachOfItsOptions() {
        CommandLine cli = BackstopCli.commandLine(Map.of(), Clock.systemUTC());

        String page = CommandReference.render(cli);

        List<CommandLine> commands = CommandReference.commands(cli);
        assertThat(commands).extracting(command -> command.getCommandSpec().qualifiedName())
                .contains("backstop", "backstop demo", "backstop undo", "backstop audit verify", "backstop breaker reset");
        for (CommandLine command : commands) {
            assertThat(page).contains("\n## " + command.getCommandSpec().qualifiedName() + "\n");
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    assertThat(page).contains("`" + String.join(", ", option.names()));
                }
            }
        }
    }

    @Test
    void commandReferenceKeepsTheSummaryAsItsOwnParagraphAndListsExitCodes() {
        String page = CommandReference.render(BackstopCli.commandLine(Map.of(), Clock.systemUTC()));

        assertThat(page).contains("\nChecks rule files before they are deployed.\n\nWith no FILE, checks the default pack");
        assertThat(page).contains("| `2` | usage error, including a FILE that cannot be read |");
    }

    @Test
    void templateParametersAreReadThroughCloudFormationTagsAndEscaped(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Parameters:
                  Mode:
                    Type: String
                    Default: dry-run
                    AllowedValues: [enforce, dry-run]
                    Description: >-
                      enforce = remediate;
                      the alarm <stack>-breaker fires for arn:aws:iam::*:role/x_y
                  Limit:
                    Type: Number
                    MinValue: 1
                    Description: a | pipe
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !Sub ${AWS::StackName}-topic
                Outputs:
                  Name:
                    Value: !If [Cond, !Ref Topic, !Ref AWS::NoValue]
                """);

        String page = TemplateParameters.render(template, template);

        assertThat(page).contains("| `Mode` | String | `dry-run` | `enforce`, `dry-run` | enforce = remediate; the alarm"
                + " &lt;stack&gt;-breaker fires for arn:aws:iam::\\*:role/x\\_y |");
        assertThat(page).contains("| `Limit` | Number | (required) | at least 1 | a \\| pipe |");
    }

    @Test
    void aTemplateParameterWithoutADescriptionIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Parameters:
                  Quiet:
                    Type: String
                """);

        assertThatThrownBy(() -> TemplateParameters.render(template, template))
                .hasMessageContaining("parameter Quiet has no Description");
    }

    @Test
    void markdownLeavesCodeSpansAsWritten() {
        assertThat(Markdown.text("the `live` alias of `<stack>-*`, not <stack>-*"))
                .isEqualTo("the `live` alias of `<stack>-*`, not &lt;stack&gt;-\\*");
    }

    /** Where a checked-in page first differs from the generated one, or empty when they are equal. */
    private static String firstDifference(String checkedIn, String generated) {
        List<String> was = checkedIn.lines().toList();
        List<String> should = generated.lines().toList();
        for (int i = 0; i < Math.max(was.size(), should.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(end of file)";
            String b = i < should.size() ? should.get(i) : "(end of file)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " is\n  " + a + "\nbut should be\n  " + b;
            }
        }
        return checkedIn.equals(generated) ? "" : "line endings differ";
    }

    /** The folder holding mkdocs.yml, above the module the tests run in. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mkdocs.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mkdocs.yml above " + Path.of("").toAbsolutePath());
    }
}
