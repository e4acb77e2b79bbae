package dev.backstop.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.event.ruler.GenericMachine;

/**
 * One Event Ruler machine per source and event name, holding only the rules an event of that
 * source and name can match (see {@link ExactPins}), so that each event is matched once, against
 * fewer rules. Event Ruler's cost per event follows the rules whose patterns it walks, and a rule
 * pinned to other calls is walked as far as its first field that fails, so leaving it out saves
 * that walk; the rules that name the event's own call are walked in full either way.
 *
 * <p>An event is routed only when its {@code source} and {@code detail.eventName} are plain
 * strings that nothing else in the event flattens into; any other event is matched against the
 * machine of all rules, as are routes whose machine would hold every rule. A route's machine is
 * built on its second event, so a cold start, which matches one, compiles no more than before.
 * Sources and names no rule pins share one route, so there are at most as many machines as pinned
 * pairs plus a few; the rule copies they hold are capped at {@link #COPIES_PER_RULE} per rule all
 * the same, past which further routes use the machine of all rules.
 *
 * @param <T> the rule id Event Ruler returns
 */
final class RoutedMachines<T> {

    static final int COPIES_PER_RULE = 8;

    private record Pinned<T>(T id, String pattern, ExactPins pins) {
    }

    /** A source and an event name, each null when no rule pins it: all such values admit the same rules. */
    private record Route(String source, String name) {

        // Written out: a record's generated equals and hashCode are bootstrapped on first use, which
        // a cold start's first event would pay for.
        @Override
        public boolean equals(Object other) {
            return other instanceof Route route && Objects.equals(source, route.source) && Objects.equals(name, route.name);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(source) + Objects.hashCode(name);
        }
    }

    private final GenericMachine<T> all;
    private final List<Pinned<T>> rules;
    private final Set<String> pinnedSources = new HashSet<>();
    private final Set<String> pinnedNames = new HashSet<>();
    private final Map<Route, GenericMachine<T>> machines = new ConcurrentHashMap<>();
    private final Set<Route> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger copiesLeft;

    /** The rules' patterns by id, already compiled into {@code all}. */
    RoutedMachines(GenericMachine<T> all, Map<T, String> patterns) {
        this.all = all;
        this.rules = new ArrayList<>(patterns.size());
        patterns.forEach((id, pattern) -> {
            ExactPins pins = ExactPins.of(pattern);
            rules.add(new Pinned<>(id, pattern, pins));
            if (pins.sources() != null) {
                pinnedSources.addAll(pins.sources());
            }
            if (pins.names() != null) {
                pinnedNames.addAll(pins.names());
            }
        });
        this.copiesLeft = new AtomicInteger(COPIES_PER_RULE * patterns.size());
    }

    /** The machine to match this event against: its route's, or the one of all rules. */
    GenericMachine<T> machineFor(JsonNode event) {
        if (!event.isObject() || event.has(ExactPins.DETAIL + "." + ExactPins.EVENT_NAME)) {
            return all;
        }
        JsonNode source = event.get(ExactPins.SOURCE);
        JsonNode detail = event.get(ExactPins.DETAIL);
        if (source == null || !source.isTextual() || detail == null || !detail.isObject()) {
            return all;
        }
        JsonNode name = detail.get(ExactPins.EVENT_NAME);
        if (name == null || !name.isTextual()) {
            return all;
        }
        Route route = new Route(pinnedSources.contains(source.textValue()) ? source.textValue() : null,
                pinnedNames.contains(name.textValue()) ? name.textValue() : null);
        GenericMachine<T> machine = machines.get(route);
        if (machine != null) {
            return machine;
        }
        // A route's first event uses the machine of all rules: a cold start matches one event,
        // and building its route then would only add to it.
        return seen.add(route) ? all : machines.computeIfAbsent(route, this::build);
    }

    private GenericMachine<T> build(Route route) {
        List<Pinned<T>> admitted = rules.stream().filter(rule -> rule.pins().admits(route.source(), route.name())).toList();
        if (admitted.size() == rules.size() || copiesLeft.addAndGet(-admitted.size()) < 0) {
            return all;
        }
        GenericMachine<T> machine = GenericMachine.<T>builder().withOverridesForDuplicateRules(false).build();
        for (Pinned<T> rule : admitted) {
            try {
                machine.addRule(rule.id(), rule.pattern());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("rule " + rule.id() + " compiled once but not for a route", e);
            }
        }
        return machine;
    }
}
