package dev.backstop.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.testing.LogFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudTrailLogReaderTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final CloudTrailEventParser parser = new CloudTrailEventParser();
    private final CloudTrailLogReader reader = new CloudTrailLogReader(parser, mapper);

    private static ObjectNode record(int n) {
        return LogFiles.numbered(LogFiles.record("cloudtrail/stop-logging.json"), n, T0.plusSeconds(n));
    }

    private static byte[] logFile(int count) {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(i));
        }
        return LogFiles.of(records);
    }

    private static List<EventFiles.Entry> read(CloudTrailLogReader reader, byte[] content) {
        List<EventFiles.Entry> entries = new ArrayList<>();
        try (CloudTrailLog log = reader.open(new ByteArrayInputStream(content))) {
            log.forEachRemaining(entries::add);
        }
        return entries;
    }

    private List<EventFiles.Entry> read(byte[] content) {
        return read(reader, content);
    }

    private static String error(EventFiles.Entry entry) {
        return entry.error().getMessage();
    }

    @Test
    void readsEveryRecordOfAPlainLogFileInFileOrder() {
        List<EventFiles.Entry> entries = read(logFile(3));

        assertThat(entries).extracting(EventFiles.Entry::where).containsExactly("Records[0]", "Records[1]", "Records[2]");
        assertThat(entries).extracting(EventFiles.Entry::error).containsOnlyNulls();
        assertThat(entries).extracting(entry -> entry.event().detail().eventTime())
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    void readsAGzippedLogFileAsATrailDeliversItToS3() {
        List<EventFiles.Entry> entries = read(LogFiles.gzip(logFile(2)));

        assertThat(entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.error()).isNull();
            assertThat(entry.event().envelope().source()).isEqualTo("aws.cloudtrail");
            assertThat(entry.event().detail().eventName()).isEqualTo("StopLogging");
        });
    }

    @Test
    void wrapsEachRecordInTheEnvelopeEventBridgeWouldGiveIt() {
        EventFiles.Entry entry = read(logFile(1)).get(0);

        EventEnvelope envelope = entry.event().envelope();
        assertThat(envelope.detailType()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(envelope.account()).isEqualTo("123456789012");
        assertThat(envelope.region()).isEqualTo("us-east-1");
        assertThat(envelope.id()).isEqualTo(entry.eventId());
        assertThat(entry.event().tree().path("detail").path("eventName").asText()).isEqualTo("StopLogging");
    }

    @Test
    void reportsABadRecordWhereItIsAndReadsTheRecordsAfterIt() {
        ObjectNode bad = record(1);
        bad.put("eventTime", "yesterday");
        List<EventFiles.Entry> entries = read(LogFiles.of(List.of(record(0), bad, record(2))));

        assertThat(entries).hasSize(3);
        assertThat(error(entries.get(1))).isEqualTo("Records[1].eventTime: not a timestamp: \"yesterday\"");
        assertThat(entries.get(1).eventId()).isEqualTo(bad.get("eventID").asText());
        assertThat(entries.get(2).error()).isNull();
    }

    @Test
    void aRecordThatIsNotAnObjectIsRefusedAndTheNextOneRead() {
        byte[] content = ("{\"Records\": [42, " + record(1) + "]}").getBytes(StandardCharsets.UTF_8);

        List<EventFiles.Entry> entries = read(content);

        assertThat(error(entries.get(0))).isEqualTo("Records[0]: expected a CloudTrail record (an object), found a number");
        assertThat(entries.get(1).error()).isNull();
    }

    @Test
    void refusesAGzipBombAtTheDecompressedLimitSayingWhichLimitAndWhere() {
        byte[] bomb = LogFiles.bomb(1100);
        assertThat(bomb.length).isLessThan(2 << 20);

        CloudTrailLog log = reader.open(new ByteArrayInputStream(bomb));
        List<EventFiles.Entry> entries = new ArrayList<>();
        log.forEachRemaining(entries::add);

        assertThat(log.truncated()).isTrue();
        assertThat(entries).singleElement().satisfies(entry -> assertThat(error(entry)).isEqualTo(
                "Records[0]: the file expands to more than 512 MiB (the limit on a log file's decompressed size);"
                        + " the rest of the file is skipped"));
    }

    @Test
    void aFileOfExactlyTheDecompressedLimitIsRead() {
        byte[] content = logFile(2);
        CloudTrailLogReader exact = new CloudTrailLogReader(parser, mapper, new LogLimits(content.length, 1 << 20, 100));
        CloudTrailLogReader oneShort = new CloudTrailLogReader(parser, mapper, new LogLimits(content.length - 1, 1 << 20, 100));

        assertThat(read(exact, content)).extracting(EventFiles.Entry::error).containsOnlyNulls();
        assertThat(read(oneShort, content)).last().satisfies(entry -> assertThat(error(entry)).contains(
                "the file expands to more than " + (content.length - 1) + " bytes"));
    }

    @Test
    void refusesARecordLargerThanItsLimitAfterReadingTheOnesBefore() {
        ObjectNode huge = record(1);
        huge.putObject("requestParameters").put("name", "x".repeat(2 << 20));
        byte[] content = LogFiles.gzip(LogFiles.of(List.of(record(0), huge, record(2))));

        List<EventFiles.Entry> entries = read(content);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).error()).isNull();
        assertThat(error(entries.get(1))).isEqualTo("Records[1]: the record is larger than 1 MiB (the limit on one record);"
                + " the rest of the file is skipped");
    }

    @Test
    void aRecordOfExactlyTheRecordLimitIsRead() {
        byte[] one = record(0).toString().getBytes(StandardCharsets.UTF_8);
        byte[] content = logFile(3);
        CloudTrailLogReader exact = new CloudTrailLogReader(parser, mapper, new LogLimits(1 << 20, one.length, 100));
        CloudTrailLogReader oneShort = new CloudTrailLogReader(parser, mapper, new LogLimits(1 << 20, one.length - 1, 100));

        assertThat(read(exact, content)).hasSize(3).extracting(EventFiles.Entry::error).containsOnlyNulls();
        assertThat(read(oneShort, content)).singleElement().satisfies(entry ->
                assertThat(error(entry)).startsWith("Records[0]: the record is larger than " + (one.length - 1) + " bytes"));
    }

    @Test
    void refusesARecordNestedDeeperThanTheLimit() {
        String nested = "[".repeat(1000) + "]".repeat(1000);
        byte[] content = ("{\"Records\": [" + record(0) + ", {\"requestParameters\": " + nested + "}]}")
                .getBytes(StandardCharsets.UTF_8);

        List<EventFiles.Entry> entries = read(content);

        assertThat(entries).hasSize(2);
        assertThat(error(entries.get(1))).startsWith("Records[1]: nested deeper than " + (JsonInput.MAX_DEPTH + 1) + " levels (the limit on a record's"
                + " nesting) at byte ").endsWith("the rest of the file is skipped");
    }

    @Test
    void aTruncatedGzipFileKeepsTheRecordsReadAndSaysWhereItBroke() {
        byte[] whole = LogFiles.gzip(logFile(200));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        List<EventFiles.Entry> entries = read(cut);

        EventFiles.Entry last = entries.get(entries.size() - 1);
        assertThat(entries.subList(0, entries.size() - 1)).isNotEmpty().extracting(EventFiles.Entry::error).containsOnlyNulls();
        assertThat(error(last)).startsWith("Records[" + (entries.size() - 1) + "]: not valid gzip after ")
                .endsWith("the rest of the file is skipped");
    }

    @Test
    void saysWhatIsWrongWithAFileThatIsNotALogFile() {
        assertThat(error(read(new byte[0]).get(0))).isEqualTo("$: the file is empty; the rest of the file is skipped");
        assertThat(error(read("[1, 2]".getBytes(StandardCharsets.UTF_8)).get(0)))
                .isEqualTo("$: expected a CloudTrail log file ({\"Records\": [...]}), found [; the rest of the file is skipped");
        assertThat(error(read("{\"detail\": {\"a\": 1}}".getBytes(StandardCharsets.UTF_8)).get(0)))
                .isEqualTo("$: not a CloudTrail log file: it has no Records list; the rest of the file is skipped");
        assertThat(error(read("{\"Records\": {}}".getBytes(StandardCharsets.UTF_8)).get(0)))
                .isEqualTo("Records: expected a list of CloudTrail records, found an object; the rest of the file is skipped");
        assertThat(error(read(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).get(0))).startsWith("$: not valid gzip");
    }

    @Test
    void refusesASecondRecordsListOrASecondDocument() {
        byte[] twice = ("{\"Records\": [" + record(0) + "], \"Records\": [" + record(1) + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] trailing = ("{\"Records\": [" + record(0) + "]} {\"Records\": []}").getBytes(StandardCharsets.UTF_8);

        // Every key given twice in one object is refused, Records among them.
        assertThat(read(twice)).extracting(EventFiles.Entry::where).containsExactly("Records[0]", "$");
        assertThat(error(read(twice).get(1))).startsWith("$: not valid JSON at byte ").contains("the key \"Records\" appears twice");
        assertThat(error(read(trailing).get(1))).isEqualTo("$: data after the end of the log file; the rest of the file is skipped");
    }

    @Test
    void readsOtherTopLevelFieldsAroundTheRecordsList() {
        byte[] content = ("{\"Version\": {\"x\": [1, 2]}, \"Records\": [" + record(0) + "], \"Note\": \"ok\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(read(content)).singleElement().extracting(EventFiles.Entry::error).isNull();
    }

    @Test
    void anEmptyRecordsListHasNoEntries() {
        CloudTrailLog log = reader.open(new ByteArrayInputStream("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));

        assertThat(log.hasNext()).isFalse();
        assertThat(log.truncated()).isFalse();
        assertThat(log.records()).isZero();
    }

    @Test
    void readsOneRecordGivenAsTextHeldToTheSameLimits() {
        CloudTrailLogReader small = new CloudTrailLogReader(parser, mapper, new LogLimits(1 << 20, 4_000, 100));

        assertThat(small.record(record(1).toString(), "event e1").event().detail().eventName()).isEqualTo("StopLogging");
        assertThat(small.record("{\"eventName\": \"" + "x".repeat(5_000) + "\"}", "event e2").error().getMessage())
                .isEqualTo("event e2: the record is larger than 4000 bytes (the limit on one record)");
        assertThat(small.record("[".repeat(200) + "]".repeat(200), "event e3").error().getMessage())
                .isEqualTo("event e3: nested deeper than 100 levels (the limit on a record's nesting)");
        assertThat(small.record("{oops", "event e4").error().getMessage()).isEqualTo("event e4: not valid JSON: unexpected"
                + " character \"o\", expected double-quote to start field name");
        assertThat(small.record(record(1) + " {}", "event e5").error().getMessage())
                .isEqualTo("event e5: data after the end of the record");
        assertThat(small.record("{\"a\": 1, \"a\": 2}", "event e6").error().getMessage())
                .isEqualTo("event e6: not valid JSON: the key \"a\" appears twice in one object");
    }
}
