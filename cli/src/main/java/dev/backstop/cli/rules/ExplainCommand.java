package dev.backstop.cli.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.event.FindingSource;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Correlation;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import dev.backstop.rules.Declared;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleText;
import dev.backstop.rules.Suggestions;
import dev.backstop.text.Shown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./backstop explain RULE-ID}: one rule, in words. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains one rule in words.",
            "Where it is defined, its description and severity, its effective mode and where that mode comes from"
                    + " (the rule, an override in a later file, or --mode), its exemptions, what it does with calls by"
                    + " Backstop's own and by protected principals, its actions with their parameters, the action that"
                    + " contains the caller past an open breaker (escalate), and which events its pattern matches: in"
                    + " words and as the raw EventBridge pattern.",
            ""},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:the rule was explained",
            "1:no rule has that id (close ids are suggested), or the rules have errors",
            "2:usage error, including a file that cannot be read"})
public final class ExplainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 96;

    @Parameters(paramLabel = "RULE-ID", description = "Id of the rule to explain.")
    private String ruleId;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Team rule file, read after the default pack as a deployment reads it (repeatable).")
    private List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "enforce", converter = ModeConverter.class,
            description = "Global mode of the deployment (the template's Mode parameter): enforce, dry-run, notify"
                    + " or off. It caps the rule's mode and can only make it safer. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Spec
    private CommandSpec spec;

    private final RuleTools tools;

    public ExplainCommand(RuleTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<List<RuleText>> read = tools.withDefaultPack(ruleFiles, spec.commandLine().getErr());
        Optional<RuleBook> book = read.flatMap(texts -> tools.load(texts, spec.commandLine().getErr()));
        if (book.isEmpty()) {
            return 1;
        }
        List<RuleText> files = read.get();
        Optional<Rule> found = book.get().find(ruleId);
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("backstop explain: no rule " + Shown.quoted(ruleId) + " in "
                    + files.stream().map(RuleText::name).collect(Collectors.joining(", ")) + "; "
                    + suggestions(book.get()));
            return 1;
        }
        Rule rule = found.get();
        // What the rule file says is printed as written, but never a character that moves the cursor or forges a line.
        out.println(Shown.escaped(rule.id() + "  (" + rule.origin() + ")"));
        wrap(Shown.escaped(rule.description()), "  ").forEach(out::println);
        out.println();
        field(out, "severity", List.of(rule.severity().label()));
        field(out, "mode", modeLines(rule, ModeOrigin.of(rule, files), book.get()));
        rule.enforceAfter().ifPresent(window -> field(out, "veto", List.of("an enforcing action is notified as PENDING and"
                + " runs " + window.toMinutes() + " min later unless vetoed (./backstop veto AUDIT-ID)")));
        if (rule.declared() != Declared.REVERT) {
            field(out, "declared", List.of(rule.declared() + ": a change to declared state is " + (rule.declared()
                    == Declared.RESPECT ? "notified, not reverted" : "reverted, and the pipelines' owner told its code will"
                    + " put it back")));
        }
        List<String> exemptions = RuleWords.exemptions(rule.unless());
        field(out, "exemptions", exemptions.isEmpty() ? List.of("none") : exemptions);
        if (!isAlarmRule(rule)) {
            field(out, "callers", List.of("a call by Backstop's own principal is only audited (IGNORED); one by a"
                    + " protected principal (ProtectedPrincipalArns) is notified as PROTECTED and never acted on"));
        }
        field(out, "actions", rule.actions().stream().map(this::action).toList());
        rule.escalation().ifPresent(escalation -> field(out, "escalate", List.of(action(escalation),
                "when the rule acts past an open breaker of its resource or of the caller (someone keeps undoing"
                        + " the fix); never against a protected principal")));
        if (isAlarmRule(rule)) {
            field(out, "correlate", correlate(rule.correlate()));
        }
        findings(rule).ifPresent(lines -> field(out, "findings", lines));
        out.println();
        out.println("  matches an event when every line holds (a list of values holds when one does; a field that");
        out.println("  is a list in the event holds when one of its elements does):");
        PatternWords.describe(rule.pattern()).forEach(line -> out.println("    " + Shown.escaped(line)));
        out.println();
        out.println("  pattern (EventBridge syntax):");
        pretty(rule.pattern()).lines().forEach(line -> out.println("    " + Shown.escaped(line)));
        out.flush();
        return 0;
    }

    /** The mode in words: the stepped cases first, then the mode they fall back to, the kill switch last. */
    private List<String> modeLines(Rule rule, ModeOrigin origin, RuleBook book) {
        List<String> lines = new ArrayList<>();
        if (!rule.modes().cases().isEmpty()) {
            lines.add("stepped: " + rule.modes().describe());
            rule.modes().cases().forEach(entry -> lines.add("  case at " + rule.modes().file() + ":" + entry.line() + " -> "
                    + entry.mode().capTo(mode) + (entry.mode().capTo(mode) == entry.mode() ? "" : " (capped by --mode)")));
            lines.add("otherwise " + mode(rule, origin));
        } else {
            lines.add(mode(rule, origin));
        }
        book.directives().killSwitch().ifPresent(set -> lines.add("the kill switch is on (" + set.origin() + ", by "
                + set.by() + ": " + set.reason() + "): every rule runs in notify mode"));
        return lines;
    }

    private String mode(Rule rule, ModeOrigin origin) {
        Mode effective = rule.mode().capTo(mode);
        Optional<ModeOrigin.Override> override = origin.override();
        String where = override.map(o -> " at " + o.file() + ":" + o.line() + "; the rule says " + origin.ruleMode())
                .orElse("");
        if (effective == rule.mode()) {
            return effective + (override.isPresent() ? " (set by the override" + where + ")" : " (as the rule sets it)");
        }
        return effective + " (capped by --mode " + mode + "; " + (override.isPresent()
                ? "overridden to " + rule.mode() + where : "the rule says " + rule.mode()) + ")";
    }

    private String action(ActionSpec spec) {
        if (spec.params().isEmpty()) {
            return spec.action() + " (no parameters)";
        }
        Map<String, ParamType> types = tools.actionParameters().getOrDefault(spec.action(), List.of()).stream()
                .collect(Collectors.toMap(ParamSpec::name, ParamSpec::type));
        return spec.action() + new TreeMap<>(spec.params()).entrySet().stream()
                .map(param -> param.getKey() + "=" + (types.get(param.getKey()) == ParamType.JSON
                        ? param.getValue() : JSON.valueToTree(param.getValue()).toString()))
                .collect(Collectors.joining(", ", " with ", ""));
    }

    /** A rule about CloudWatch alarms: it matches their source, or says how to correlate them. */
    private static boolean isAlarmRule(Rule rule) {
        return rule.pattern().contains("\"aws.cloudwatch\"") || !rule.correlate().equals(Correlation.DEFAULT);
    }

    /** For a rule on findings: which function decides them, which ones at all, and what follows a fix. */
    private static Optional<List<String>> findings(Rule rule) {
        boolean guardDuty = rule.pattern().contains("\"" + FindingSource.GUARDDUTY.detailType() + "\"");
        boolean securityHub = rule.pattern().contains("\"" + FindingSource.SECURITY_HUB.detailType() + "\"");
        if (!guardDuty && !securityHub) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        lines.add("decided by " + deciders(rule, guardDuty, securityHub) + ", in the finding's account; a finding no AWS"
                + " product wrote is rejected, a sample, archived, closed or passing one ignored");
        if (securityHub) {
            lines.add("after a fix verified by read-back the Security Hub finding is set RESOLVED, its note naming the"
                    + " audit record");
        }
        return Optional.of(lines);
    }

    /**
     * The functions the template routes the rule's findings to: Security Hub's S3 controls (a
     * control id starting with S3.) to S3FindingsFunction, every other finding to FindingsFunction.
     * A rule naming no control id may match either.
     */
    private static String deciders(Rule rule, boolean guardDuty, boolean securityHub) {
        List<String> controls = new ArrayList<>();
        try {
            for (String field : List.of("SecurityControlId", "ControlId")) {
                JSON.readTree(rule.pattern()).findValues(field).forEach(value -> collectText(value, controls));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a loaded rule's pattern is not JSON: " + rule.id(), e);
        }
        boolean s3 = securityHub && (controls.isEmpty() || controls.stream().anyMatch(id -> id.startsWith("S3.")));
        boolean other = guardDuty || securityHub && (controls.isEmpty()
                || controls.stream().anyMatch(id -> !id.startsWith("S3.")));
        if (s3 && other) {
            return "FindingsFunction (Security Hub's S3 controls: S3FindingsFunction)";
        }
        return s3 ? "S3FindingsFunction" : "FindingsFunction";
    }

    private static void collectText(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> collectText(child, into));
    }

    private static List<String> correlate(Correlation correlate) {
        String window = correlate.windowInWords();
        List<String> lines = new java.util.ArrayList<>(List.of("an alarm's decision names the changes CloudTrail recorded"
                + " to its resources in the " + window + " before it (LookupEvents)"));
        lines.add(correlate.requiresChange()
                ? "acts only if " + String.join(" or ", correlate.require()) + " is among them; else not acted, with the reason"
                : "acts whatever changed (no require)");
        return lines;
    }

    private String suggestions(RuleBook book) {
        List<String> ids = book.rules().stream().map(Rule::id).toList();
        List<String> close = Suggestions.close(ruleId, ids);
        return close.isEmpty() ? "the rules are: " + String.join(", ", ids) : "did you mean " + String.join(", ", close) + "?";
    }

    private static void field(PrintWriter out, String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            out.println("  " + (i == 0 ? String.format(Locale.ROOT, "%-12s", name + ":") : " ".repeat(12))
                    + Shown.escaped(values.get(i)));
        }
    }

    private static List<String> wrap(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
