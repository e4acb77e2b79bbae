package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.CloudTrailEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * A set of rules compiled once into Event Ruler machines; matching is safe from many threads.
 *
 * <pre>{@code
 * RuleBook book = RuleBook.compile(rules);
 * List<Rule> matched = book.match(event);
 * }</pre>
 *
 * <p>Event Ruler's cost per event grows with the rules that share the event's values, so rules are
 * routed: a rule whose pattern pins {@code detail.eventName} (or another of {@link Route#FIELDS})
 * to exact values sits in one machine per value, and an event is matched only against the machines
 * of its own values, plus one machine for the rules that pin none. A rule may sit in several
 * machines; each machine decides exactly as one machine of all rules would.
 */
public final class RuleBook {

    // Event Ruler keys rules by an immutable id; a record gives it value semantics.
    private record RuleId(String value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Route, GenericMachine<RuleId>> routed;
    private final GenericMachine<RuleId> unrouted;
    private final boolean anyUnrouted;
    private final Map<RuleId, Rule> rules;

    private RuleBook(Map<Route, GenericMachine<RuleId>> routed, GenericMachine<RuleId> unrouted, boolean anyUnrouted,
            Map<RuleId, Rule> rules) {
        this.routed = routed;
        this.unrouted = unrouted;
        this.anyUnrouted = anyUnrouted;
        this.rules = rules;
    }

    /** Compiles the rules; a duplicate id or an invalid pattern is an {@link InvalidRuleException}. */
    public static RuleBook compile(List<Rule> rules) {
        Map<Route, GenericMachine<RuleId>> routed = new HashMap<>();
        GenericMachine<RuleId> unrouted = machine();
        boolean anyUnrouted = false;
        Map<RuleId, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            RuleId id = new RuleId(rule.id());
            if (byId.putIfAbsent(id, rule) != null) {
                throw new InvalidRuleException(rule.id(), "id", "is used by more than one rule");
            }
            String problem = JsonRuleCompiler.check(rule.pattern());
            if (problem != null) {
                throw new InvalidRuleException(rule.id(), "match", problem);
            }
            try {
                Optional<Set<Route>> routes = PatternRoutes.of(JSON.readTree(rule.pattern()));
                if (routes.isEmpty()) {
                    unrouted.addRule(id, rule.pattern());
                    anyUnrouted = true;
                }
                for (Route route : routes.orElse(Set.of())) {
                    routed.computeIfAbsent(route, r -> machine()).addRule(id, rule.pattern());
                }
            } catch (IOException | RuntimeException e) {
                throw new InvalidRuleException(rule.id(), "match", e.getMessage());
            }
        }
        return new RuleBook(Map.copyOf(routed), unrouted, anyUnrouted, Map.copyOf(byId));
    }

    private static GenericMachine<RuleId> machine() {
        return GenericMachine.<RuleId>builder().withOverridesForDuplicateRules(false).build();
    }

    /** The rules whose pattern matches the event, in id order so decisions are repeatable. */
    public List<Rule> match(CloudTrailEvent event) {
        return match(event.tree());
    }

    /** The rules whose pattern matches the event, given as the JSON tree it was parsed into. */
    public List<Rule> match(JsonNode event) {
        try {
            if (!event.isObject()) {
                throw new IllegalArgumentException("Event must be a JSON object");
            }
            List<RuleId> matched = new ArrayList<>();
            for (GenericMachine<RuleId> machine : machinesFor(EventRoutes.of(event))) {
                matched.addAll(machine.rulesForJSONEvent(event));
            }
            return inIdOrder(matched);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("event is not matchable JSON: " + e.getMessage(), e);
        }
    }

    /** The rules whose pattern matches the event, given as JSON text. */
    public List<Rule> match(String eventJson) {
        try {
            List<RuleId> matched = new ArrayList<>();
            for (GenericMachine<RuleId> machine : machinesFor(EventRoutes.of(eventJson))) {
                matched.addAll(machine.rulesForJSONEvent(eventJson));
            }
            return inIdOrder(matched);
        } catch (Exception e) {
            throw new IllegalArgumentException("event is not matchable JSON: " + e.getMessage(), e);
        }
    }

    /** The machines of the event's routes, each once, and the machine of unrouted rules. */
    private List<GenericMachine<RuleId>> machinesFor(List<Route> routes) {
        List<GenericMachine<RuleId>> machines = new ArrayList<>(routes.size() + 1);
        for (Route route : routes) {
            GenericMachine<RuleId> machine = routed.get(route);
            if (machine != null && !machines.contains(machine)) {
                machines.add(machine);
            }
        }
        if (anyUnrouted) {
            machines.add(unrouted);
        }
        return machines;
    }

    private List<Rule> inIdOrder(List<RuleId> matched) {
        // A rule that sits in several machines the event reaches is matched by each of them.
        return matched.stream().distinct().map(rules::get).sorted(Comparator.comparing(Rule::id)).toList();
    }

    public int size() {
        return rules.size();
    }

    /** Every rule, in id order. */
    public List<Rule> rules() {
        return rules.values().stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(rules.get(new RuleId(id)));
    }
}
