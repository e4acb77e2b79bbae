package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PatternCheckTest {

    private static final String FIFTY_STARS = "*" + "a*".repeat(50);

    private final PatternCheck check = new PatternCheck(RuleLoader.COMPLEXITY_CEILING);

    @Test
    void countsAWildcardBehindAnAbsentField() {
        // Event Ruler 2.0.1 evaluates this whole pattern as 0: errorCode sorts before userAgent.
        String pattern = "{\"detail\":{\"errorCode\":[{\"exists\":false}],\"userAgent\":[{\"wildcard\":\""
                + FIFTY_STARS + "\"}]}}";

        assertThat(check.problem(pattern)).get().asString().startsWith("pattern too complex");
    }

    @Test
    void countsWildcardsInEveryOrBranchAndInsideAnythingBut() {
        String half = "*" + "a*".repeat(25);
        String pattern = "{\"detail\":{\"$or\":[{\"userAgent\":[{\"wildcard\":\"" + half + "\"}]},"
                + "{\"userAgent\":[{\"anything-but\":{\"wildcard\":\"" + half + "\"}}]}]}}";

        assertThat(check.problem(pattern)).get().asString().startsWith("pattern too complex");
    }

    @Test
    void acceptsAFewWildcards() {
        String pattern = "{\"detail\":{\"errorCode\":[{\"exists\":false}],"
                + "\"userIdentity\":{\"arn\":[{\"wildcard\":\"arn:aws:sts::*:assumed-role/Admin*/*\"}]}}}";

        assertThat(check.problem(pattern)).isEmpty();
    }

    @Test
    void evaluatesWildcardsAfterLongListsOfValuesQuickly() {
        // Event Ruler 2.0.1 walks the wildcard field once per pair of listed values: about 9 s here.
        String names = IntStream.range(0, 50).mapToObj(i -> "\"Call" + i + "\"").collect(Collectors.joining(","));
        String sources = IntStream.range(0, 21).mapToObj(i -> "\"svc" + i + ".amazonaws.com\"")
                .collect(Collectors.joining(","));
        String pattern = "{\"detail\":{\"eventName\":[" + names + "],\"eventSource\":[" + sources + "],"
                + "\"userAgent\":[{\"wildcard\":\"*aws-cli*\"},{\"wildcard\":\"*boto*\"},"
                + "{\"wildcard\":\"*terraform*\"},{\"wildcard\":\"*console*\"}]}}";

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(check.problem(pattern)).isEmpty());
    }
}
