package dev.backstop.cli.reference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command reference ({@code docs/reference/cli.md}): every command of {@code ./backstop}, its
 * synopsis, description, arguments, options and exit codes, read from picocli's model of the
 * command tree, so the page says what {@code --help} says.
 */
final class CommandReference {

    static final String PAGE = "docs/reference/cli.md";

    private CommandReference() {
    }

    /** The page for a command tree, the root command first, then each subcommand depth first. */
    static String render(CommandLine root) {
        StringBuilder page = new StringBuilder(ReferencePages.banner("picocli's model of `./backstop` (`BackstopCli`)"))
                .append("# Command reference\n\n")
                .append("Every command of `./backstop`, as its `--help` prints it. The synopses show `-h`\n")
                .append("(`--help`: print the command's help) and `-V` (`--version`) where a command takes them; the\n")
                .append("tables leave them out. The [Command line](../cli.md) page shows the commands at work.\n");
        for (CommandLine command : commands(root)) {
            page.append(command(command.getCommandSpec()));
        }
        return page.toString().replaceAll("\n{3,}", "\n\n");
    }

    /** The commands of a tree in the order they were added, each once (aliases name one command twice). */
    static List<CommandLine> commands(CommandLine root) {
        Set<CommandLine> all = new LinkedHashSet<>();
        collect(root, all);
        return new ArrayList<>(all);
    }

    private static void collect(CommandLine command, Set<CommandLine> all) {
        if (command.getCommandSpec().usageMessage().hidden() || !all.add(command)) {
            return;
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, all);
        }
    }

    private static String command(CommandSpec spec) {
        StringBuilder section = new StringBuilder("\n## ").append(spec.qualifiedName()).append("\n\n");
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).stripTrailing();
        section.append("```\n").append(synopsis).append("\n```\n\n");
        section.append(paragraphs(spec.usageMessage().description()));
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            section.append("\n").append(Markdown.header(List.of("argument", "meaning")));
            for (PositionalParamSpec positional : positionals) {
                section.append(Markdown.row(List.of(Markdown.code(positional.paramLabel() + repeat(positional)),
                        description(positional))));
            }
        }
        List<OptionSpec> options = spec.options().stream()
                .filter(option -> !option.hidden() && !option.usageHelp() && !option.versionHelp())
                .toList();
        if (!options.isEmpty()) {
            section.append("\n").append(Markdown.header(List.of("option", "meaning")));
            for (OptionSpec option : options) {
                String label = option.typeInfo().isBoolean() ? "" : " " + option.paramLabel();
                section.append(Markdown.row(List.of(Markdown.code(String.join(", ", option.names()) + label + repeat(option)),
                        description(option))));
            }
        }
        Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
        if (!exitCodes.isEmpty()) {
            section.append("\n").append(Markdown.header(List.of("exit status", "meaning")));
            exitCodes.forEach((code, meaning) -> section.append(Markdown.row(List.of(Markdown.code(code.strip()),
                    Markdown.text(meaning)))));
        }
        return section.toString();
    }

    /** The description lines: the first is the summary, then paragraphs split at empty lines. */
    private static String paragraphs(String[] description) {
        StringBuilder text = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String line : format(description).split("\n", -1)) {
            if (line.isBlank()) {
                flush(paragraph, text);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
                if (text.isEmpty()) {
                    flush(paragraph, text);
                }
            }
        }
        flush(paragraph, text);
        return text.toString();
    }

    private static void flush(StringBuilder paragraph, StringBuilder text) {
        if (!paragraph.isEmpty()) {
            text.append(Markdown.text(paragraph.toString())).append("\n\n");
            paragraph.setLength(0);
        }
    }

    /**
     * picocli's descriptions are format strings: {@code %n} breaks a line and {@code %%} is a per
     * cent sign. The lines, each break made a line of its own.
     */
    private static String format(String[] description) {
        return String.join("\n", description).replace("%n", "\n").replace("%%", "%");
    }

    private static String description(ArgSpec arg) {
        String text = Markdown.text(format(arg.description()));
        return arg.required() ? text + " (required)" : text;
    }

    private static String repeat(ArgSpec arg) {
        return arg.isMultiValue() ? "..." : "";
    }
}
