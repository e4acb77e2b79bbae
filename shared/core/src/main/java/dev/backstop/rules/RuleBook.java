package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.event.Trigger;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * A set of rules compiled once into an Event Ruler machine; matching is safe from many threads.
 *
 * <pre>{@code
 * RuleBook book = RuleBook.compile(rules);
 * List<Rule> matched = book.match(trigger);
 * }</pre>
 */
public final class RuleBook {

    // Event Ruler keys rules by an immutable id; a record gives it value semantics.
    private record RuleId(String value) {
    }

    // Every rule; it also proves at compile time that each pattern compiles.
    private final GenericMachine<RuleId> machine;
    private final RoutedMachines<RuleId> routed;
    private final Map<RuleId, Rule> rules;
    private final Directives directives;

    private RuleBook(GenericMachine<RuleId> machine, Map<RuleId, Rule> rules, Directives directives) {
        this.machine = machine;
        this.rules = rules;
        this.directives = directives;
        Map<RuleId, String> patterns = new LinkedHashMap<>();
        rules.forEach((id, rule) -> patterns.put(id, rule.pattern()));
        this.routed = new RoutedMachines<>(machine, patterns);
    }

    /** Compiles the rules; a duplicate id or an invalid pattern is an {@link InvalidRuleException}. */
    public static RuleBook compile(List<Rule> rules) {
        return compile(rules, Directives.NONE);
    }

    /** Compiles the rules, with where their decisions are notified. */
    public static RuleBook compile(List<Rule> rules, Routing routing) {
        return compile(rules, Directives.NONE.withRouting(routing));
    }

    /** Compiles the rules, with what their files say beside them. */
    public static RuleBook compile(List<Rule> rules, Directives directives) {
        GenericMachine<RuleId> machine = GenericMachine.<RuleId>builder().withOverridesForDuplicateRules(false).build();
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
                machine.addRule(id, rule.pattern());
            } catch (IOException | RuntimeException e) {
                throw new InvalidRuleException(rule.id(), "match", e.getMessage());
            }
        }
        return new RuleBook(machine, Map.copyOf(byId), directives);
    }

    /**
     * The rules whose pattern matches the trigger, in id order so decisions are repeatable: matched
     * against its {@link Trigger#tree()}, the shape its rules are written for whatever its delivery.
     */
    public List<Rule> match(Trigger trigger) {
        return match(trigger.tree());
    }

    /**
     * The rules whose pattern matches the event, given as the JSON tree it was parsed into. The
     * event is matched against only the rules its source and event name admit (see
     * {@link RoutedMachines}); the result is the same as against all of them.
     */
    public List<Rule> match(JsonNode event) {
        try {
            return inIdOrder(routed.machineFor(event).rulesForJSONEvent(event));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("event is not matchable JSON: " + e.getMessage(), e);
        }
    }

    /** The rules whose pattern matches the event, given as JSON text. */
    public List<Rule> match(String eventJson) {
        try {
            return inIdOrder(machine.rulesForJSONEvent(eventJson));
        } catch (Exception e) {
            throw new IllegalArgumentException("event is not matchable JSON: " + e.getMessage(), e);
        }
    }

    private List<Rule> inIdOrder(List<RuleId> matched) {
        return matched.stream().map(rules::get).sorted(Comparator.comparing(Rule::id)).toList();
    }

    /** Who hears of decisions besides the default topic ({@link Routing#NONE} when no file says). */
    public Routing routing() {
        return directives.routing();
    }

    /** What the files say beside the rules: routing, organization, pipelines, kill switch. */
    public Directives directives() {
        return directives;
    }

    /** Each rule's exact source and event-name pins, by rule id in id order: what an event must be to match it. */
    public Map<String, ExactPins> pins() {
        Map<String, ExactPins> pins = new LinkedHashMap<>();
        rules().forEach(rule -> pins.put(rule.id(), ExactPins.of(rule.pattern())));
        return pins;
    }

    public int size() {
        return rules.size();
    }

    /** Every rule, in id order. */
    public List<Rule> rules() {
        return rules.values().stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    public java.util.Optional<Rule> find(String id) {
        return java.util.Optional.ofNullable(rules.get(new RuleId(id)));
    }
}
