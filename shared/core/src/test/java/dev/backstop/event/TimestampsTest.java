package dev.backstop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2023-08-04T12:36:15Z          | 2023-08-04T12:36:15Z",
        "2023-08-04T12:36:15.490Z      | 2023-08-04T12:36:15.490Z",
        "2023-08-04T12:36:15.490+0000  | 2023-08-04T12:36:15.490Z",
        "2023-08-04T14:36:15+0200      | 2023-08-04T12:36:15Z",
        "2023-08-04T14:36:15.490+02:00 | 2023-08-04T12:36:15.490Z",
        "Fri, 4 Aug 2023 12:36:15 GMT  | 2023-08-04T12:36:15Z",
        "1691152575490                 | 2023-08-04T12:36:15.490Z"})
    void readsEverySpellingAwsUses(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-20T09:14:05Z"})
    void readsCloudTrailsOwnSpellingAsTheIsoParserDoes(String text) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "2023-13-45T99:00:00Z", "99999999999999999999", "2023-02-29T10:00:00Z",
        "2023-08-04T12:60:00Z", "2023-08-04T12:36:1xZ", "+023-08-04T12:36:15Z",
        "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
    void findsNoTimeInText(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }
}
