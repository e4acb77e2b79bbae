package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.testing.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule files under {@code rules/invalid/}, each with the exact errors it must produce in a
 * sibling {@code NAME.errors}, one {@code FILE:LINE: rule RULE-ID: FIELD: message} a line. Each is
 * checked as a team's file is: after the shipped pack, so duplicates of and overrides to the
 * shipped rules are checked too.
 */
class InvalidRuleFilesTest {

    /** When the files are loaded: expiry dates in the corpus are judged against it. */
    static final Instant LOADED = Instant.parse("2026-11-20T09:00:00Z");

    /** The test catalogue plus an action that takes a parameter of every type. */
    static final Map<String, List<ParamSpec>> CATALOGUE = catalogue();

    private static final Path FOLDER = RuleCasesTest.resource("rules/invalid");
    private final RuleLoader loader = new RuleLoader(CATALOGUE, Clock.fixed(LOADED, ZoneOffset.UTC));

    static Stream<String> cases() {
        return names(".yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) {
        RuleText file = new RuleText("invalid/" + name + ".yaml", read(name + ".yaml"));

        List<RuleError> errors = loader.check(TestRules.withDefaultPack(file));

        assertThat(errors).as("errors of invalid/%s.yaml", name).isNotEmpty();
        assertThat(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")))
                .as("errors of invalid/%s.yaml", name)
                .isEqualTo(read(name + ".errors").strip());
    }

    @Test
    void everyFileHasItsErrorsAndEveryErrorsFileItsRuleFile() {
        assertThat(names(".yaml")).as("rule files").isNotEmpty().isEqualTo(names(".errors"));
    }

    @Test
    void theShippedPackAloneIsValid() {
        assertThat(loader.check(TestRules.withDefaultPack())).isEmpty();
    }

    private static Set<String> names(String extension) {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(extension))
                    .map(file -> file.substring(0, file.length() - extension.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(FOLDER.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<ParamSpec>> catalogue() {
        Map<String, List<ParamSpec>> catalogue = new HashMap<>(TestRules.CATALOGUE);
        catalogue.put("test.every-param-type", List.of(
                new ParamSpec("bucket", ParamType.STRING, true, "the bucket to fix"),
                new ParamSpec("days", ParamType.INTEGER, false, "how long to keep versions"),
                new ParamSpec("versioning", ParamType.BOOLEAN, false, "whether to turn versioning on"),
                new ParamSpec("principals", ParamType.STRING_LIST, false, "who may stay"),
                new ParamSpec("ports", ParamType.INTEGER_LIST, false, "ports that may stay open"),
                new ParamSpec("policy", ParamType.JSON, false, "the baseline bucket policy")));
        return Map.copyOf(catalogue);
    }
}
