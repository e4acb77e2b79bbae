package dev.backstop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.testing.SampleEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.event.ruler.GenericMachine;

/**
 * The matching benchmark's packs (the default pack and 1,000 generated rules, dense or each rule
 * naming its call) match each event
 * of its mix, and each sample under events/, to the same rules through RuleBook's routed machines
 * as through one machine of all rules, the way RuleBook matched before routing.
 */
class GeneratedPackRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "named calls: {0}")
    @ValueSource(booleans = {false, true})
    void routedMatchingEqualsOneMachineOfAllRulesOverTheMixAndTheSamples(boolean named) throws IOException {
        RuleBook book = GeneratedRules.book(1000, named);
        GenericMachine<String> oneMachine = GenericMachine.<String>builder().withOverridesForDuplicateRules(false).build();
        for (Rule rule : book.rules()) {
            oneMachine.addRule(rule.id(), rule.pattern());
        }
        List<JsonNode> events = new ArrayList<>();
        for (byte[] event : BenchEvents.mix(1024, 7)) {
            events.add(JSON.readTree(event));
        }
        events.addAll(samples());

        int matched = 0;
        // Twice: a route's first event is matched against all rules, later ones against its own machine.
        for (int round = 0; round < 2; round++) {
            for (JsonNode event : events) {
                List<String> routed = book.match(event).stream().map(Rule::id).toList();
                assertThat(routed).as("%s", event).isEqualTo(oneMachine.rulesForJSONEvent(event).stream().sorted().toList());
                matched += routed.size();
            }
        }
        assertThat(book.size()).isGreaterThan(1000);
        assertThat(matched).isGreaterThan(2 * 1024);
    }

    private static List<JsonNode> samples() throws IOException {
        try (Stream<Path> files = Files.walk(SampleEvents.path(""))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().map(file -> {
                try {
                    return JSON.readTree(file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
