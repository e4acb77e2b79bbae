package dev.backstop.cli.rules;

import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop validate [FILE...]}: checks rule files as a deployment would load them. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks rule files before they are deployed.",
            "With no FILE, checks the default pack that ships with Backstop. FILEs are checked together with the"
                    + " default pack, as a deployment loads them (default pack first, then each FILE in order), so"
                    + " duplicate ids and overrides of rules that do not exist are found; each error names the file"
                    + " it is in. When all is valid, a one-line summary goes to standard output.",
            "",
            "Errors go to standard error, one a line: FILE:LINE: rule RULE-ID: FIELD: message. Time-boxed"
                    + " exemptions are checked against the current time: an expired one is an error.",
            ""},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:the files are valid",
            "1:a file has errors (listed on standard error)",
            "2:usage error, including a FILE that cannot be read"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Rule file (YAML) to check with the default pack.")
    private List<Path> files = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private final RuleTools tools;

    public ValidateCommand(RuleTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() {
        Optional<List<RuleText>> texts = tools.withDefaultPack(files, spec.commandLine().getErr());
        Optional<RuleBook> book = texts.flatMap(read -> tools.load(read, spec.commandLine().getErr()));
        if (book.isEmpty()) {
            return 1;
        }
        int count = book.get().size();
        spec.commandLine().getOut().println(texts.get().stream().map(RuleText::name).collect(Collectors.joining(", "))
                + ": " + count + (count == 1 ? " rule" : " rules") + " valid");
        return 0;
    }
}
