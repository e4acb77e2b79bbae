package dev.backstop.tests.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.tests.template.SamTemplate.EventRule;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * The template's own EventBridge patterns, evaluated by Event Ruler (EventBridge's matching
 * semantics), deliver every sample in events/ to exactly the functions routing.yaml names.
 */
class TemplateRoutingTest {

    private static final List<EventRule> RULES = SamTemplate.load().eventRules();
    private static final Map<String, List<String>> EXPECTED = RoutingExpectations.load();

    private static GenericMachine<EventRule> machine;

    @BeforeAll
    static void compileTheTemplatesPatterns() throws IOException {
        machine = GenericMachine.<EventRule>builder().build();
        for (EventRule rule : RULES) {
            assertThat(JsonRuleCompiler.check(rule.pattern()))
                    .as("%s: Event Ruler rejects its pattern %s (these checks read patterns as written:"
                            + " they cannot resolve an intrinsic function such as !Ref)", rule.name(), rule.pattern())
                    .isNull();
            machine.addRule(rule, rule.pattern());
        }
    }

    static Stream<Named<Sample>> samples() {
        return Sample.all().stream().map(sample -> Named.of(sample.name(), sample));
    }

    @Test
    void routingExpectationsListExactlyTheFilesInEvents() {
        assertThat(EXPECTED.keySet())
                .as("%s must name each file in events/ once, and nothing else", RoutingExpectations.FILE)
                .containsExactlyInAnyOrderElementsOf(Sample.all().stream().map(Sample::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleEventReachesExactlyItsFunctions(Sample sample) {
        List<EventRule> matched = matches(sample);

        assertThat(EXPECTED).as("%s has no entry for events/%s", RoutingExpectations.FILE, sample.name())
                .containsKey(sample.name());
        // Targets as a list, not a set: a function that two rules deliver the event to runs twice.
        assertThat(matched).extracting(EventRule::target)
                .as("functions events/%s reaches (through rules %s)", sample.name(),
                        matched.stream().map(EventRule::name).toList())
                .containsExactlyInAnyOrderElementsOf(EXPECTED.get(sample.name()));
    }

    @Test
    void everyRuleRoutesAtLeastOneSample() {
        List<EventRule> used = Sample.all().stream().flatMap(sample -> matches(sample).stream()).toList();

        assertThat(RULES).filteredOn(rule -> !used.contains(rule)).extracting(EventRule::name)
                .as("rules that route no sample in events/ (add a sample each must route)")
                .isEmpty();
    }

    @Test
    void everyRuleListensOnTheDefaultBus() {
        // AWS services put their events (CloudTrail's API calls among them) on the default bus
        // only: a rule on another bus would never see them, whatever this routing check says.
        assertThat(RULES).filteredOn(rule -> !rule.eventBus().equals("default"))
                .extracting(rule -> rule.name() + " on bus " + rule.eventBus())
                .as("rules on a bus other than the default")
                .isEmpty();
    }

    private static List<EventRule> matches(Sample sample) {
        try {
            return machine.rulesForJSONEvent(sample.event().toString());
        } catch (Exception e) {
            throw new IllegalStateException("Event Ruler cannot read events/" + sample.name(), e);
        }
    }
}
