package dev.backstop.cli.reference;

import dev.backstop.rules.ParamSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The action and parameter reference ({@code docs/reference/actions.md}): every action of the
 * catalogue with the parameters rules may give it, from each action's {@link ParamSpec}s.
 */
final class ActionReference {

    static final String PAGE = "docs/reference/actions.md";

    private ActionReference() {
    }

    /** The page for a catalogue: action name to its parameters, as rule files are checked against it. */
    static String render(Map<String, List<ParamSpec>> catalogue) {
        StringBuilder page = new StringBuilder(ReferencePages.banner("each action's `ParamSpec`s (the catalogue's parameters modules)"))
                .append("# Action parameters\n\n")
                .append("Every action of the catalogue, by family, with the parameters a rule may give it under\n")
                .append("`params`. A rule file is checked against these when it is read: an unknown action, a missing\n")
                .append("required parameter, an unknown one or a value of the wrong type rejects the file. What each\n")
                .append("action does, how it is verified and how it is undone is on its family's page under\n")
                .append("[Actions](../actions/index.md).\n");
        String family = null;
        for (Map.Entry<String, List<ParamSpec>> action : new TreeMap<>(catalogue).entrySet()) {
            String name = action.getKey();
            String itsFamily = name.substring(0, Math.max(name.indexOf('.'), 0));
            if (!itsFamily.equals(family)) {
                family = itsFamily;
                page.append("\n## ").append(family.isEmpty() ? "other" : family).append("\n");
            }
            page.append("\n### ").append(name).append(" { #").append(name.replace('.', '-')).append(" }\n\n");
            page.append(parameters(action.getValue()));
        }
        return page.toString();
    }

    private static String parameters(List<ParamSpec> params) {
        if (params.isEmpty()) {
            return "No parameters.\n";
        }
        StringBuilder table = new StringBuilder(Markdown.header(List.of("parameter", "type", "required", "meaning")));
        for (ParamSpec param : params) {
            table.append(Markdown.row(List.of(Markdown.code(param.name()), param.type().description(),
                    param.required() ? "yes" : "no", Markdown.text(param.description()))));
        }
        return table.toString();
    }
}
