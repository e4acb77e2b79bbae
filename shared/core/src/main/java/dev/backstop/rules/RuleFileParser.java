package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.config.Mode;
import dev.backstop.event.Timestamps;
import dev.backstop.text.Shown;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks one rule file, collecting every error it finds. */
final class RuleFileParser {

    private static final Set<String> FILE_KEYS = Set.of("version", "rules", "overrides", "notify", "organization", "pipelines",
            "kill-switch");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "severity", "mode", "match", "unless", "actions",
            "correlate", "enforce-after", "declared", "escalate");
    static final Duration SHORTEST_VETO_WINDOW = Duration.ofMinutes(1);
    static final Duration LONGEST_VETO_WINDOW = Duration.ofDays(7);
    private static final Set<String> CORRELATE_KEYS = Set.of("window", "require");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,5})([smh])");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{1,127}");
    private static final Set<String> UNLESS_KEYS = Set.of("principals", "accounts", "tags", "exemptions");
    private static final Set<String> EXEMPTION_KEYS = Set.of("principal", "account", "resource", "owner", "reason", "expires");
    private static final Set<String> ACTION_KEYS = Set.of("action", "params");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern RULE_POINTER = Pattern.compile("/rules/([0-9]{1,9})(/|$)");
    /**
     * How far ahead a time-boxed exemption may expire: a year, so that every exemption is looked at
     * again at least once a year, as access reviews are.
     */
    static final Duration LONGEST_EXEMPTION = Duration.ofDays(366);

    private final Map<String, List<ParamSpec>> catalogue;
    private final PatternCheck patterns;
    private final Instant now;

    RuleFileParser(Map<String, List<ParamSpec>> catalogue, PatternCheck patterns, Instant now) {
        this.catalogue = catalogue;
        this.patterns = patterns;
        this.now = now;
    }

    /**
     * What the file says, as far as it can be read (empty when it is not a YAML mapping), with its
     * errors added to {@code errors}. A rule with errors is left out, but its id is declared.
     */
    Optional<RuleFile> parse(RuleText text, List<RuleError> errors) {
        if (text.content().length() > RuleText.MAX_BYTES) {
            errors.add(new RuleError(text.name(), 1, "-", "(file)", RuleText.tooLarge(text.content().length())));
            return Optional.empty();
        }
        LocatedYaml yaml;
        try {
            Optional<LocatedYaml> prebuilt = PrebuiltYaml.of(text.content());
            yaml = prebuilt.isPresent() ? prebuilt.get() : LocatedYaml.read(text.content());
        } catch (LocatedYaml.SyntaxException e) {
            errors.add(new RuleError(text.name(), e.line(), "-", "(file)", e.getMessage()));
            return Optional.empty();
        }
        // A value refused as read (an alias, a tag, 0443) reads as missing; its own error is the only one at its place.
        yaml.problems().forEach(problem -> errors.add(new RuleError(text.name(), problem.line(),
                ruleAt(yaml.root(), problem.pointer()), path(problem.pointer()), problem.message())));
        Fields file = new Fields(yaml, text.name(), "-", yaml.root(), "", "", errors);
        if (!file.node().isObject()) {
            file.error(file.present() ? "expected a mapping of version: 1 and rules, found " + Fields.kind(file.node())
                    : "is empty; a rule file is a mapping of version: 1 and rules");
            return Optional.empty();
        }
        file.onlyKeys(FILE_KEYS);
        Fields version = file.child("version");
        if (!version.node().isInt() || version.node().asInt() != 1) {
            version.error("expected 1, found " + Fields.kind(version.node()));
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Fields list = file.child("rules");
        if (list.requireList()) {
            for (int i = 0; i < list.node().size(); i++) {
                rule(list.element(i), i, ids).ifPresent(rules::add);
            }
        }
        Map<String, RuleFile.Override> overrides = overrides(file.child("overrides"));
        Fields notify = file.child("notify");
        Optional<Routing> routing = RoutingParser.parse(notify);
        Fields organization = file.child("organization");
        Fields pipelines = file.child("pipelines");
        Fields killSwitch = file.child("kill-switch");
        return Optional.of(new RuleFile(text.name(), rules, ids, overrides, notify.present() ? routing : Optional.empty(),
                organization.present() ? SectionsParser.organization(organization) : Optional.empty(),
                pipelines.present() ? SectionsParser.pipelines(pipelines) : Optional.empty(),
                killSwitch.present() ? SectionsParser.killSwitch(killSwitch) : Optional.empty()));
    }

    /** The id of the rule a JSON pointer lies in ({@code /rules/3/...}), or {@code -}. */
    private static String ruleAt(JsonNode root, String pointer) {
        Matcher rule = RULE_POINTER.matcher(pointer);
        if (!rule.lookingAt()) {
            return "-";
        }
        JsonNode id = root.path("rules").path(Integer.parseInt(rule.group(1))).path("id");
        return id.isTextual() && RULE_ID.matcher(id.asText()).matches() ? id.asText() : "#" + (Integer.parseInt(rule.group(1)) + 1);
    }

    /**
     * A JSON pointer as a field path, as {@link Fields} names it: inside a rule from the rule
     * ({@code /rules/3/unless/principals/0} is {@code unless.principals[0]}), else from the file.
     */
    private static String path(String pointer) {
        Matcher rule = RULE_POINTER.matcher(pointer);
        String inside = rule.lookingAt() ? pointer.substring(rule.end(1)) : pointer;
        if (rule.lookingAt() && inside.isEmpty()) {
            return "(rule)";
        }
        StringBuilder path = new StringBuilder();
        for (String part : inside.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(c -> c >= '0' && c <= '9') && name.length() < 10) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(Shown.truncated(name));
            }
        }
        return path.length() == 0 ? "(file)" : path.toString();
    }

    private Optional<Rule> rule(Fields rule, int index, Set<String> ids) {
        if (!rule.requireObject()) {
            return Optional.empty();
        }
        String id = rule.child("id").node().isTextual() ? rule.child("id").node().asText() : "#" + (index + 1);
        Fields fields = rule.forRule(id);
        fields.onlyKeys(RULE_KEYS);
        Fields idField = fields.child("id");
        String checkedId = idField.requiredString();
        if (checkedId != null && !RULE_ID.matcher(checkedId).matches()) {
            idField.error("use letters, digits, '.', '_' and '-' (at most 128), starting with a letter or digit");
            checkedId = null;
        } else if (checkedId != null && !ids.add(checkedId)) {
            idField.error("another rule in this file has the same id");
            checkedId = null;
        }
        String description = fields.child("description").requiredString();
        Severity severity = choice(fields.child("severity"), Severity.class);
        ModePolicy modes = SectionsParser.modes(fields.child("mode"));
        String pattern = pattern(fields.child("match"));
        Exemptions unless = unless(fields.child("unless"));
        List<ActionSpec> actions = actions(fields.child("actions"));
        Correlation correlate = correlate(fields.child("correlate"));
        Fields vetoField = fields.child("enforce-after");
        Duration enforceAfter = vetoField.present()
                ? SectionsParser.duration(vetoField, SHORTEST_VETO_WINDOW, LONGEST_VETO_WINDOW) : null;
        Declared declared = declared(fields.child("declared"));
        Fields escalateField = fields.child("escalate");
        Optional<ActionSpec> escalate = escalateField.present() ? action(escalateField) : Optional.empty();
        if (checkedId == null || description == null || severity == null || modes == null || pattern == null
                || unless == null || actions == null || correlate == null || vetoField.present() && enforceAfter == null
                || declared == null || escalateField.present() && escalate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(id, description, severity, pattern, unless, actions, modes, rule.file(), idField.line(),
                correlate, Optional.ofNullable(enforceAfter), declared, escalate.orElse(null)));
    }

    private String pattern(Fields match) {
        if (!match.requireObject()) {
            return null;
        }
        String json = match.node().toString();
        // The shipped pack's patterns were checked when the artifact was built; any other is checked here.
        Optional<String> problem = match.checkedAtBuild(json) ? Optional.empty() : patterns.problem(json);
        problem.ifPresent(match::error);
        return problem.isPresent() ? null : json;
    }

    private Exemptions unless(Fields unless) {
        if (!unless.present()) {
            return Exemptions.none();
        }
        if (!unless.requireObject()) {
            return null;
        }
        int errorsBefore = unless.errorCount();
        unless.onlyKeys(UNLESS_KEYS);
        List<ArnGlob> principals = principals(unless.child("principals"));
        List<String> accounts = SectionsParser.accounts(unless.child("accounts"));
        Map<String, String> tags = SectionsParser.tags(unless.child("tags"));
        List<TimeBoxedExemption> timeBoxed = new ArrayList<>();
        Fields exemptions = unless.child("exemptions");
        if (exemptions.present() && exemptions.requireList()) {
            for (int i = 0; i < exemptions.node().size(); i++) {
                exemption(exemptions.element(i)).ifPresent(timeBoxed::add);
            }
        }
        return unless.errorCount() == errorsBefore ? new Exemptions(principals, accounts, tags, timeBoxed) : null;
    }

    /** ARN patterns of callers: each an ARN of six parts, or a pattern for the whole text. */
    static List<ArnGlob> principals(Fields principals) {
        List<ArnGlob> globs = new ArrayList<>();
        List<String> values = principals.strings();
        for (int i = 0; i < values.size(); i++) {
            Optional<String> problem = ArnGlob.problem(values.get(i));
            if (problem.isPresent()) {
                principals.element(i).error(problem.get());
            } else {
                globs.add(new ArnGlob(values.get(i)));
            }
        }
        return globs;
    }

    private Optional<TimeBoxedExemption> exemption(Fields exemption) {
        if (!exemption.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = exemption.errorCount();
        exemption.onlyKeys(EXEMPTION_KEYS);
        String principal = exemption.child("principal").string();
        String account = exemption.child("account").string();
        String resource = exemption.child("resource").string();
        long targets = java.util.stream.Stream.of(principal, account, resource).filter(t -> t != null).count();
        if (targets != 1) {
            exemption.error("name exactly one of principal, account or resource");
        }
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            exemption.child("account").error("expected a 12-digit account id, found " + Shown.quoted(account));
        }
        for (String glob : new String[] {"principal", "resource"}) {
            String value = exemption.child(glob).node().isTextual() ? exemption.child(glob).node().asText() : null;
            if (value != null) {
                ArnGlob.problem(value).ifPresent(exemption.child(glob)::error);
            }
        }
        String owner = exemption.child("owner").requiredString();
        String reason = exemption.child("reason").requiredString();
        Fields expiresField = exemption.child("expires");
        String expiresText = expiresField.requiredString();
        Instant expires = null;
        if (expiresText != null) {
            expires = Timestamps.parse(expiresText).orElse(null);
            if (expires == null) {
                expiresField.error("not a timestamp: " + Shown.quoted(expiresText) + " (use 2026-12-31T23:59:59Z)");
            } else if (!expires.isAfter(now)) {
                expiresField.error("expired on " + expires + "; remove the exemption or renew it");
            } else if (expires.isAfter(now.plus(LONGEST_EXEMPTION))) {
                expiresField.error("expires " + expires + ", more than a year ahead; a time-boxed exemption is renewed at"
                        + " least yearly (set it to " + now.plus(LONGEST_EXEMPTION).truncatedTo(ChronoUnit.DAYS) + " or sooner)");
            }
        }
        if (exemption.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new TimeBoxedExemption(principal, account, resource, owner, reason, expires));
    }

    /** An alarm rule's {@code correlate}: a window such as 15m (at most 24h) and the API calls it requires. */
    private static Correlation correlate(Fields correlate) {
        if (!correlate.present()) {
            return Correlation.DEFAULT;
        }
        if (!correlate.requireObject()) {
            return null;
        }
        int errorsBefore = correlate.errorCount();
        correlate.onlyKeys(CORRELATE_KEYS);
        Duration window = Correlation.DEFAULT.window();
        Fields windowField = correlate.child("window");
        if (windowField.present()) {
            String text = windowField.node().isTextual() ? windowField.node().asText() : null;
            Matcher matcher = text == null ? null : WINDOW.matcher(text);
            if (matcher == null || !matcher.matches()) {
                windowField.error("expected a duration such as 15m, 900s or 1h, found " + Fields.kind(windowField.node()));
            } else {
                long amount = Long.parseLong(matcher.group(1));
                window = switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
                if (window.isZero() || window.compareTo(Correlation.LONGEST) > 0) {
                    windowField.error("expected more than 0 and at most 24h, found " + text);
                }
            }
        }
        Fields requireField = correlate.child("require");
        List<String> require = new ArrayList<>();
        if (requireField.present() && requireField.requireList()) {
            for (int i = 0; i < requireField.node().size(); i++) {
                Fields name = requireField.element(i);
                String value = name.string();
                if (value != null && !EVENT_NAME.matcher(value).matches()) {
                    name.error("expected a CloudTrail event name such as UpdateAlias20150331, found " + Shown.quoted(value));
                } else if (value != null) {
                    require.add(value);
                }
            }
        }
        return correlate.errorCount() == errorsBefore ? new Correlation(window, require) : null;
    }

    private List<ActionSpec> actions(Fields actions) {
        if (!actions.requireList()) {
            return null;
        }
        if (actions.node().isEmpty()) {
            actions.error("name at least one action");
            return null;
        }
        int errorsBefore = actions.errorCount();
        List<ActionSpec> specs = new ArrayList<>();
        for (int i = 0; i < actions.node().size(); i++) {
            action(actions.element(i)).ifPresent(specs::add);
        }
        return actions.errorCount() == errorsBefore ? specs : null;
    }

    private Optional<ActionSpec> action(Fields action) {
        if (!action.requireObject()) {
            return Optional.empty();
        }
        action.onlyKeys(ACTION_KEYS);
        Fields nameField = action.child("action");
        String name = nameField.requiredString();
        if (name == null) {
            return Optional.empty();
        }
        List<ParamSpec> specs = catalogue.get(name);
        if (specs == null) {
            List<String> close = Suggestions.close(name, catalogue.keySet());
            nameField.error("no action " + Shown.quoted(name) + " in the catalogue; " + (close.isEmpty()
                    ? "known: " + String.join(", ", catalogue.keySet().stream().sorted().toList())
                    : "did you mean " + String.join(", ", close) + "?"));
            return Optional.empty();
        }
        return params(action.child("params"), specs).map(params -> new ActionSpec(name, params));
    }

    private static Optional<Map<String, Object>> params(Fields params, List<ParamSpec> specs) {
        Map<String, Object> values = new HashMap<>();
        if (params.present() && !params.requireObject()) {
            return Optional.empty();
        }
        int errorsBefore = params.errorCount();
        if (params.present() && specs.isEmpty()) {
            params.error("this action takes no parameters");
            return Optional.empty();
        }
        Set<String> known = new HashSet<>();
        specs.forEach(spec -> known.add(spec.name()));
        if (params.present()) {
            params.onlyKeys(known);
        }
        for (ParamSpec spec : specs) {
            Fields param = params.child(spec.name());
            if (!param.present()) {
                if (spec.required()) {
                    param.error("is missing: " + spec.description());
                }
                continue;
            }
            Optional<Object> value = spec.type().convert(param.node());
            if (value.isPresent() && checked(param, spec, value.get())) {
                values.put(spec.name(), value.get());
            } else if (value.isPresent()) {
                continue;
            } else if (spec.type().elementType() != null && param.node().isArray()) {
                elementErrors(param, spec.type().elementType());
            } else {
                param.error("expected " + spec.type().description() + ", found " + Fields.kind(param.node()));
            }
        }
        return params.errorCount() == errorsBefore ? Optional.of(values) : Optional.empty();
    }

    /** True when the value passes the parameter's own check; a list's elements are each checked, at their lines. */
    private static boolean checked(Fields param, ParamSpec spec, Object value) {
        if (value instanceof List<?> elements) {
            boolean passed = true;
            for (int i = 0; i < elements.size(); i++) {
                Optional<String> problem = spec.check().problem(elements.get(i));
                if (problem.isPresent()) {
                    param.element(i).error(problem.get());
                    passed = false;
                }
            }
            return passed;
        }
        Optional<String> problem = spec.check().problem(value);
        problem.ifPresent(param::error);
        return problem.isEmpty();
    }

    /** Names each element of a list parameter that is not of the element type. */
    private static void elementErrors(Fields list, ParamType elementType) {
        for (int i = 0; i < list.node().size(); i++) {
            Fields element = list.element(i);
            if (elementType.convert(element.node()).isEmpty()) {
                element.error("expected " + elementType.description() + ", found " + Fields.kind(element.node()));
            }
        }
    }

    private Map<String, RuleFile.Override> overrides(Fields overrides) {
        Map<String, RuleFile.Override> values = new LinkedHashMap<>();
        if (!overrides.optionalObject()) {
            return values;
        }
        overrides.node().fieldNames().forEachRemaining(id -> {
            Fields override = overrides.child(id).forRule(id);
            if (override.requireObject()) {
                override.onlyKeys(Set.of("mode"));
                ModePolicy modes = SectionsParser.modes(override.child("mode"));
                if (modes != null) {
                    values.put(id, new RuleFile.Override(modes, override.line()));
                }
            }
        });
        return values;
    }

    /** A rule's {@code declared} policy; {@code revert} when it says none. */
    private static Declared declared(Fields field) {
        if (!field.present()) {
            return Declared.REVERT;
        }
        String text = field.requiredString();
        if (text == null) {
            return null;
        }
        try {
            return Declared.parse(text);
        } catch (IllegalArgumentException e) {
            field.error(e.getMessage());
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(Fields field, Class<E> type) {
        String text = field.requiredString();
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            field.error("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " " + Shown.quoted(text) + "; expected one of "
                    + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
            return null;
        }
    }
}
