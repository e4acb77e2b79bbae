package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample team files under {@code rules/samples/} stay valid, each with the shipped pack, as teams copy them. */
class SampleRuleFilesTest {

    private static final Path SAMPLES = Path.of("..", "..", "rules", "samples");
    private final RuleLoader loader = TestRules.loader(Instant.parse("2026-11-20T09:00:00Z"));

    static Stream<String> samples() {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")).sorted().toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void isValidBesideTheShippedPack(String name) throws IOException {
        RuleText sample = new RuleText("rules/samples/" + name, Files.readString(SAMPLES.resolve(name)));

        assertThat(loader.check(TestRules.withDefaultPack(sample))).isEmpty();
    }

    @Test
    void everySampleIsListedInTheReadme() throws IOException {
        String readme = Files.readString(SAMPLES.resolve("README.md"));

        assertThat(samples().toList()).isNotEmpty().allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    @Test
    void theSamplesShowEverySection() {
        List<RuleBook> books = samples().map(name -> {
            try {
                return loader.load(TestRules.withDefaultPack(
                        new RuleText(name, Files.readString(SAMPLES.resolve(name)))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();

        assertThat(books).anySatisfy(book -> assertThat(book.routing().channels("payments")).isNotEmpty());
        assertThat(books).anySatisfy(book -> assertThat(book.directives().organization().units()).isNotEmpty());
        assertThat(books).anySatisfy(book -> assertThat(book.directives().pipelines().principals()).isNotEmpty());
        assertThat(books).anySatisfy(book -> assertThat(book.rules()).anySatisfy(rule ->
                assertThat(rule.enforceAfter()).isPresent()));
        assertThat(books).anySatisfy(book -> assertThat(book.rules()).anySatisfy(rule ->
                assertThat(rule.declared()).isEqualTo(Declared.RESPECT)));
    }
}
