package dev.backstop.rules;

import java.time.Clock;
import java.util.ArrayList;
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
        return RuleBook.compile(loaded.rules(), loaded.routing());
    }

    private record Loaded(List<Rule> rules, Routing routing) {
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
        Routing routing = Routing.NONE;
        for (RuleText text : files) {
            Optional<RuleFile> file = parser.parse(text, errors);
            if (file.isEmpty()) {
                continue;
            }
            if (file.get().routing().isPresent()) {
                Routing found = file.get().routing().get();
                if (!routing.origin().isEmpty()) {
                    errors.add(new RuleError(text.name(), lineOf(found.origin()), "-", "notify",
                            "notifications are routed at " + routing.origin() + " already; one file routes them"));
                } else {
                    routing = found;
                }
            }
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
                    rules.put(id, target.withMode(override.mode()));
                }
            });
        }
        // The checks go field by field, file-wide ones last; a reader goes through each file top to bottom.
        List<String> names = files.stream().map(RuleText::name).toList();
        errors.sort(Comparator.comparingInt((RuleError error) -> names.indexOf(error.file()))
                .thenComparingInt(RuleError::line));
        return new Loaded(List.copyOf(rules.values()), routing);
    }

    private static int lineOf(String origin) {
        return Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
    }
}
