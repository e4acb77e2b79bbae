package dev.backstop.event;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.Rule;
import dev.backstop.testing.LogFiles;
import dev.backstop.testing.TestRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilesTest {

    private static final String STOP_LOGGING = "cloudtrail/stop-logging.json";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventFiles files = new EventFiles(new CloudTrailEventParser());

    private static ObjectNode record() {
        return detail(read(STOP_LOGGING));
    }

    private static byte[] bytes(Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] logFile(ObjectNode... records) {
        ObjectNode log = JsonNodeFactory.instance.objectNode();
        log.putArray("Records").addAll(Arrays.asList(records));
        return bytes(log);
    }

    private static byte[] gzip(byte[] content) {
        return LogFiles.gzip(content);
    }

    @Test
    void readsAnEventBridgeEventAsDelivered() {
        List<EventFiles.Entry> entries = files.read(bytes(read(STOP_LOGGING)));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.where()).isEmpty();
            assertThat(entry.error()).isNull();
            assertThat(entry.event().envelope().id()).isEqualTo("6f0c4e2b-1d3a-4b8e-9c57-2a1f8e3d4c10");
            assertThat(entry.eventId()).isEqualTo(EVENT_ID);
            assertThat(entry.eventName()).isEqualTo("StopLogging");
        });
    }

    @Test
    void wrapsABareRecordInTheEnvelopeEventBridgeWouldGiveIt() {
        EventFiles.Entry entry = files.read(bytes(record())).get(0);

        EventEnvelope envelope = entry.event().envelope();
        assertThat(envelope.source()).isEqualTo("aws.cloudtrail");
        assertThat(envelope.detailType()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(envelope.account()).isEqualTo("123456789012");
        assertThat(envelope.region()).isEqualTo("us-east-1");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-20T09:14:05Z"));
        assertThat(envelope.id()).isEqualTo(EVENT_ID);
        assertThat(entry.event().detail().eventName()).isEqualTo("StopLogging");
    }

    @Test
    void aWrappedRecordMatchesTheRulesTheDeliveredEventMatches() {
        EventFiles.Entry entry = files.read(bytes(record())).get(0);

        assertThat(TestRules.defaultPack().match(entry.event().json()))
                .extracting(Rule::id).containsExactly("cloudtrail-logging-stopped");
    }

    @Test
    void takesTheAccountFromTheCallerWhenTheRecordNamesNoRecipient() {
        ObjectNode record = record();
        record.remove("recipientAccountId");
        ((ObjectNode) record.get("userIdentity")).put("accountId", "000000000042");

        assertThat(files.read(bytes(record)).get(0).event().envelope().account()).isEqualTo("000000000042");
    }

    @Test
    void readsEveryRecordOfALogFile() {
        ObjectNode second = record().put("eventID", "second-event").put("eventName", "StartLogging");

        List<EventFiles.Entry> entries = files.read(logFile(record(), second));

        assertThat(entries).extracting(EventFiles.Entry::where).containsExactly("Records[0]", "Records[1]");
        assertThat(entries).extracting(EventFiles.Entry::eventId).containsExactly(EVENT_ID, "second-event");
        assertThat(entries).extracting(EventFiles.Entry::error).containsOnlyNulls();
    }

    @Test
    void readsAGzippedLogFileByItsMagicBytes() {
        List<EventFiles.Entry> entries = files.read(gzip(logFile(record())));

        assertThat(entries).singleElement().extracting(EventFiles.Entry::eventName).isEqualTo("StopLogging");
    }

    @Test
    void aMalformedRecordIsReportedByItsPlaceInTheLogAndTheOthersAreStillRead() {
        ObjectNode bad = record().put("eventID", "bad-event").put("eventTime", "yesterday");

        List<EventFiles.Entry> entries = files.read(logFile(record(), bad, record()));

        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).event()).isNull();
        assertThat(entries.get(1).eventId()).isEqualTo("bad-event");
        assertThat(entries.get(1).error()).hasMessage("Records[1].eventTime: not a timestamp: \"yesterday\"");
        assertThat(entries.get(2).error()).isNull();
    }

    @Test
    void namesTheRecordsOwnFieldWhenTheEnvelopeCannotBeMade() {
        ObjectNode record = record();
        record.remove("eventSource");

        assertThat(files.read(bytes(record)).get(0).error()).hasMessage("eventSource: is missing");
    }

    @Test
    void namesTheRecipientAccountWhenNoAccountIsGiven() {
        ObjectNode record = record();
        record.remove("recipientAccountId");
        record.remove("userIdentity");

        assertThat(files.read(bytes(record)).get(0).error()).hasMessage("recipientAccountId: is missing");
    }

    @Test
    void reportsAMalformedEventBridgeEventAsTheParserDoes() {
        ObjectNode event = read(STOP_LOGGING);
        detail(event).remove("eventName");

        EventFiles.Entry entry = files.read(bytes(event)).get(0);

        assertThat(entry.error()).hasMessage("detail.eventName: is missing");
        assertThat(entry.eventId()).isEqualTo(EVENT_ID);
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThat(files.read("{\"Records\": [".getBytes(StandardCharsets.UTF_8)).get(0).error().getMessage())
                .isEqualTo("Records[0]: not valid JSON at byte 13: the document ends before its value does;"
                        + " the rest of the file is skipped");
        assertThat(files.read("{\"detail\": ".getBytes(StandardCharsets.UTF_8)).get(0).error().getMessage())
                .isEqualTo("$: not valid JSON at line 1, column 12: the document ends before its value does");
    }

    @Test
    void rejectsASecondDocumentInsteadOfDroppingIt() {
        byte[] two = (read(STOP_LOGGING) + "\n" + read(STOP_LOGGING)).getBytes(StandardCharsets.UTF_8);

        assertThat(files.read(two)).singleElement().satisfies(entry ->
                assertThat(entry.error().getMessage()).startsWith("$: more data after the JSON document at line 2"));
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(files.read(new byte[0]).get(0).error()).hasMessage("$: is empty: no JSON document");
    }

    @Test
    void rejectsBrokenGzip() {
        byte[] truncated = Arrays.copyOf(gzip(logFile(record())), 12);

        assertThat(files.read(truncated).get(0).error().getMessage()).startsWith("$: not valid gzip: ");
    }

    @Test
    void rejectsJsonOfAnotherShape() {
        assertThat(files.read(bytes("{\"alarmData\": {}}")).get(0).error()).hasMessage(
                "$: neither an EventBridge event (detail-type), a CloudTrail record (eventSource)"
                        + " nor a CloudTrail log file (Records)");
    }

    @Test
    void rejectsALogFileWhoseRecordsAreNotAList() {
        assertThat(files.read(bytes("{\"Records\": {}}")).get(0).error())
                .hasMessage("Records: expected a list of CloudTrail records, found an object; the rest of the file is skipped");
    }

    @Test
    void rejectsARecordThatIsNotAnObject() {
        assertThat(files.read(bytes("{\"Records\": [42]}")).get(0).error())
                .hasMessage("Records[0]: expected a CloudTrail record (an object), found a number");
    }

    @Test
    void refusesAGzipBombAtTheLogFileLimitInsteadOfExpandingIt() {
        List<EventFiles.Entry> entries = files.read(LogFiles.bomb(600));

        assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.error().getMessage())
                .isEqualTo("Records[0]: the file expands to more than 512 MiB (the limit on a log file's decompressed size);"
                        + " the rest of the file is skipped"));
    }
}
