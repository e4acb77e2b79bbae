package dev.backstop.rules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * Reads rule files into a {@link RuleBook}: later files add rules and may override the mode of
 * earlier ones. Any error in any file rejects the whole set.
 *
 * <pre>{@code
 * RuleBook book = loader.load(List.of(DefaultPack.text(), new RuleText("team.yaml", yaml)));
 * }</pre>
 */
public final class RuleLoader {

    /** Wildcard complexity at or above which a pattern is refused. */
    public static final int COMPLEXITY_CEILING = 100;
    /** The errors reported of one file: enough to fix a run of them, without flooding a log. */
    static final int MAX_ERRORS_PER_FILE = 100;

    private final Map<String, List<ParamSpec>> catalogue;
    private final Clock clock;

    @Inject
    public RuleLoader(Map<String, List<ParamSpec>> catalogue, Clock clock) {
        this.catalogue = Map.copyOf(catalogue);
        this.clock = clock;
    }

    /** The compiled rules of all files, or a {@link RuleFileException} with every error found. */
    public RuleBook load(List<RuleText> files) {
        List<RuleError> errors = new ArrayList<>();
        Loaded loaded = rules(files, errors);
        if (!errors.isEmpty()) {
            throw new RuleFileException(errors);
        }
        return RuleBook.compile(loaded.rules(), loaded.directives());
    }

    private record Loaded(List<Rule> rules, Directives directives) {
    }

    /** Every error in the files; empty when they are valid together. */
    public List<RuleError> check(List<RuleText> files) {
        List<RuleError> errors = new ArrayList<>();
        rules(files, errors);
        return errors;
    }

    private Loaded rules(List<RuleText> files, List<RuleError> errors) {
        RuleFileParser parser = new RuleFileParser(catalogue, new PatternCheck(COMPLEXITY_CEILING), clock.instant());
        Map<String, Rule> rules = new LinkedHashMap<>();
        // A file with errors is still checked against the others, so that all its errors show at
        // once; an override of a rule that has errors of its own adds none.
        Set<String> declared = new HashSet<>();
        Sections sections = new Sections();
        for (RuleText text : files) {
            Optional<RuleFile> file = parser.parse(text, errors);
            if (file.isEmpty()) {
                continue;
            }
            sections.add(text.name(), file.get(), errors);
            for (Rule rule : file.get().rules()) {
                Rule earlier = rules.putIfAbsent(rule.id(), rule);
                if (earlier != null) {
                    errors.add(new RuleError(text.name(), rule.line(), rule.id(), "id",
                            "already defined at " + earlier.origin() + "; to change it, set its mode under overrides"));
                }
            }
            declared.addAll(file.get().declaredIds());
            file.get().overrides().forEach((id, override) -> {
                Rule target = rules.get(id);
                if (target == null && !declared.contains(id)) {
                    errors.add(new RuleError(text.name(), override.line(), id, "overrides", "no rule " + id
                            + " in this or an earlier file"));
                } else if (target != null) {
                    rules.put(id, target.withModes(override.modes()));
                }
            });
        }
        Directives directives = sections.directives();
        crossCheck(rules.values(), directives, errors);
        // The checks go field by field, file-wide ones last; a reader goes through each file top to bottom.
        List<String> names = files.stream().map(RuleText::name).toList();
        errors.sort(Comparator.comparingInt((RuleError error) -> names.indexOf(error.file()))
                .thenComparingInt(RuleError::line));
        capPerFile(errors);
        return new Loaded(List.copyOf(rules.values()), directives);
    }

    /** What one file's sections say must agree with another's: units the rules name, the pipelines' owner. */
    private static void crossCheck(Collection<Rule> rules, Directives directives, List<RuleError> errors) {
        for (Rule rule : rules) {
            for (ModePolicy.Case entry : rule.modes().cases()) {
                for (String unit : entry.ous()) {
                    if (!directives.organization().units().containsKey(unit)) {
                        errors.add(new RuleError(rule.modes().file(), entry.line(), rule.id(), "mode.when",
                                "no unit \"" + unit + "\" in an organization section" + (directives.organization().units()
                                        .isEmpty() ? "" : "; known: " + String.join(", ", directives.organization().units().keySet()))));
                    }
                }
            }
        }
        Pipelines pipelines = directives.pipelines();
        pipelines.owner().filter(owner -> !directives.routing().contacts().containsKey(owner)).ifPresent(owner ->
                errors.add(new RuleError(file(pipelines.origin()), lineOf(pipelines.origin()), "-", "pipelines.owner",
                        "no contact \"" + owner + "\" under notify.contacts")));
    }

    /** The sections each file may give once across all files. */
    private static final class Sections {
        private Routing routing = Routing.NONE;
        private Organization organization = Organization.NONE;
        private Pipelines pipelines = Pipelines.NONE;
        private Optional<KillSwitch> killSwitch = Optional.empty();

        void add(String name, RuleFile file, List<RuleError> errors) {
            file.routing().ifPresent(found -> routing = once(name, "notify", routing.origin(), found.origin(), found, routing,
                    errors));
            file.organization().ifPresent(found -> organization = once(name, "organization", organization.origin(),
                    found.origin(), found, organization, errors));
            file.pipelines().ifPresent(found -> pipelines = once(name, "pipelines", pipelines.origin(), found.origin(), found,
                    pipelines, errors));
            file.killSwitch().ifPresent(found -> killSwitch = Optional.of(once(name, "kill-switch",
                    killSwitch.map(KillSwitch::origin).orElse(""), found.origin(), found, killSwitch.orElse(null), errors)));
        }

        Directives directives() {
            return new Directives(routing, organization, pipelines, killSwitch);
        }

        private static <T> T once(String file, String section, String earlier, String origin, T found, T current,
                List<RuleError> errors) {
            if (earlier.isEmpty()) {
                return found;
            }
            errors.add(new RuleError(file, lineOf(origin), "-", section, "given at " + earlier + " already; one file gives it"));
            return current;
        }
    }

    private static String file(String origin) {
        return origin.substring(0, origin.lastIndexOf(':'));
    }

    private static int lineOf(String origin) {
        return Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
    }

    /** At most {@link #MAX_ERRORS_PER_FILE} errors of each file, and a last one saying how many more there are. */
    private static void capPerFile(List<RuleError> errors) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<RuleError> kept = new ArrayList<>();
        for (RuleError error : errors) {
            int count = seen.merge(error.file(), 1, Integer::sum);
            if (count <= MAX_ERRORS_PER_FILE) {
                kept.add(error);
            }
        }
        seen.forEach((file, count) -> {
            if (count > MAX_ERRORS_PER_FILE) {
                RuleError last = kept.stream().filter(error -> error.file().equals(file)).reduce((a, b) -> b).orElseThrow();
                kept.add(kept.indexOf(last) + 1, new RuleError(file, last.line(), "-", "(file)",
                        (count - MAX_ERRORS_PER_FILE) + " more errors after this line are not shown"));
            }
        });
        errors.clear();
        errors.addAll(kept);
    }
}
