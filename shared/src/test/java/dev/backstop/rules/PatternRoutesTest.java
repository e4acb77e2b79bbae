package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<Set<Route>> routes(String pattern) throws Exception {
        return PatternRoutes.of(JSON.readTree(pattern));
    }

    @Test
    void routesOnTheExactEventNamesFirst() throws Exception {
        assertThat(routes("{\"source\":[\"aws.iam\"],\"detail\":{\"eventSource\":[\"iam.amazonaws.com\"],"
                + "\"eventName\":[\"AttachUserPolicy\",\"AttachRolePolicy\"]}}")).contains(Set.of(
                        Route.of("detail.eventName", "AttachUserPolicy"), Route.of("detail.eventName", "AttachRolePolicy")));
    }

    @Test
    void foldsAsciiCaseSoIgnoreCaseValuesShareTheRoute() throws Exception {
        assertThat(routes("{\"detail\":{\"eventName\":[{\"equals-ignore-case\":\"STOPLOGGING\"}]}}"))
                .contains(Set.of(new Route("detail.eventName", "stoplogging")));
    }

    @Test
    void fallsBackToTheEventSourceThenTheSource() throws Exception {
        assertThat(routes("{\"source\":[\"aws.iam\"],\"detail\":{\"eventSource\":[\"iam.amazonaws.com\"],"
                + "\"eventName\":[{\"prefix\":\"Attach\"}]}}"))
                .contains(Set.of(Route.of("detail.eventSource", "iam.amazonaws.com")));
        assertThat(routes("{\"source\":[\"aws.cloudwatch\"],\"detail\":{\"state\":{\"value\":[\"ALARM\"]}}}"))
                .contains(Set.of(Route.of("source", "aws.cloudwatch")));
    }

    @Test
    void routesAnOrOnTheUnionOfItsBranches() throws Exception {
        assertThat(routes("{\"detail\":{\"$or\":[{\"eventName\":[\"DeleteTrail\"]},{\"eventSource\":[\"s3.amazonaws.com\"]}]}}"))
                .contains(Set.of(Route.of("detail.eventName", "DeleteTrail"), Route.of("detail.eventSource", "s3.amazonaws.com")));
    }

    @Test
    void leavesUnroutedWhatItCannotBeSureOf() throws Exception {
        assertThat(routes("{\"detail\":{\"eventName\":[{\"prefix\":\"Stop\"}]}}")).isEmpty();
        assertThat(routes("{\"detail\":{\"eventName\":[{\"anything-but\":[\"StopLogging\"]}]}}")).isEmpty();
        assertThat(routes("{\"detail\":{\"eventName\":[\"StopLogging\",{\"prefix\":\"Start\"}]}}")).isEmpty();
        assertThat(routes("{\"detail\":{\"$or\":[{\"eventName\":[\"DeleteTrail\"]},{\"errorCode\":[{\"exists\":true}]}]}}")).isEmpty();
        assertThat(routes("{\"detail.eventName\":[\"StopLogging\"]}")).isEmpty();
        assertThat(routes("{\"detail\":{\"eventName\":[\"10.0.0.1\"]}}")).isEmpty();
        assertThat(routes("{\"detail\":{\"eventName\":[{\"equals-ignore-case\":\"ſtop\"}]}}")).isEmpty();
        assertThat(routes("{\"detail\":{\"eventName\":[\"StopLogging\"]},"
                + "\"$or\":[{\"detail\":{\"eventName\":[\"StartLogging\"]}},{\"source\":[\"aws.s3\"]}]}")).isEmpty();
    }
}
