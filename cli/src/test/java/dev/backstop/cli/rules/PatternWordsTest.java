package dev.backstop.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternWordsTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("{\"source\": [\"aws.s3\"]}", List.of("source is \"aws.s3\"")),
                Arguments.of("{\"detail\": {\"eventName\": [\"PutBucketPolicy\", \"DeleteBucketPolicy\"]}}",
                        List.of("detail.eventName is one of \"PutBucketPolicy\", \"DeleteBucketPolicy\"")),
                Arguments.of("{\"detail\": {\"readOnly\": [false], \"port\": [22, null]}}",
                        List.of("detail.readOnly is false", "detail.port is one of 22, null")),
                Arguments.of("{\"region\": [{\"prefix\": \"eu-\"}]}", List.of("region starts with \"eu-\"")),
                Arguments.of("{\"a\": [{\"prefix\": {\"equals-ignore-case\": \"EU-\"}}]}",
                        List.of("a starts with \"EU-\" (ignoring case)")),
                Arguments.of("{\"a\": [{\"suffix\": \".png\"}]}", List.of("a ends with \".png\"")),
                Arguments.of("{\"a\": [{\"equals-ignore-case\": \"alice\"}]}", List.of("a is \"alice\" (ignoring case)")),
                Arguments.of("{\"a\": [{\"anything-but\": \"us-east-1\"}]}",
                        List.of("a is present and is anything but \"us-east-1\"")),
                Arguments.of("{\"a\": [{\"anything-but\": [\"x\", \"y\"]}]}",
                        List.of("a is present and is anything but \"x\", \"y\"")),
                Arguments.of("{\"a\": [{\"anything-but\": {\"prefix\": \"tmp-\"}}]}",
                        List.of("a is present and does not start with \"tmp-\"")),
                Arguments.of("{\"a\": [{\"anything-but\": {\"suffix\": \".log\"}}]}",
                        List.of("a is present and does not end with \".log\"")),
                Arguments.of("{\"a\": [{\"anything-but\": {\"equals-ignore-case\": [\"x\", \"Y\"]}}]}",
                        List.of("a is present and is anything but \"x\", \"Y\" (ignoring case)")),
                Arguments.of("{\"a\": [{\"exists\": true}], \"b\": [{\"exists\": false}]}",
                        List.of("a exists", "b does not exist")),
                Arguments.of("{\"a\": [{\"numeric\": [\">=\", 0, \"<\", 1024]}]}", List.of("a is a number >= 0 and < 1024")),
                Arguments.of("{\"a\": [{\"cidr\": \"10.0.0.0/8\"}]}", List.of("a is an IP address in 10.0.0.0/8")),
                Arguments.of("{\"a\": [{\"wildcard\": \"arn:aws:iam::*:role/ops-*\"}]}",
                        List.of("a matches the wildcard \"arn:aws:iam::*:role/ops-*\" (* is any run of characters)")),
                Arguments.of("{\"a\": [\"x\", {\"prefix\": \"y\"}, {\"exists\": false}]}",
                        List.of("a is \"x\", or starts with \"y\", or does not exist")),
                Arguments.of("{\"source\": [\"aws.ec2\"], \"detail\": {\"$or\": [{\"a\": [1]}, {\"b\": [2], \"c\": [3]}]}}",
                        List.of("source is \"aws.ec2\"", "any one of:", "  - detail.a is 1", "  - detail.b is 2",
                                "    detail.c is 3")));
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void putsEachFieldOfAPatternInWords(String pattern, List<String> words) {
        assertThat(PatternWords.describe(pattern)).containsExactlyElementsOf(words);
    }
}
