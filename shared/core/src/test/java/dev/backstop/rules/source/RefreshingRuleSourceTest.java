package dev.backstop.rules.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleText;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.FakeS3Objects;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class RefreshingRuleSourceTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeS3Objects s3 = new FakeS3Objects().put(team("dry-run"));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(START);
    private final List<String> told = new ArrayList<>();
    private boolean recordsFail;
    private final RuleFileLoads loads = new RuleFileLoads() {
        @Override
        public void loaded(Read read, RuleBook rules) {
            if (recordsFail) {
                throw new IllegalStateException("the audit table is unreachable");
            }
            told.add("loaded " + read.versionId() + " " + read.sha256());
        }

        @Override
        public void rejected(Read read, List<RuleError> errors) {
            told.add("rejected " + read.versionId() + " " + errors.size());
        }
    };

    private static String team(String mode) {
        return "version: 1\nrules: []\noverrides:\n  cloudtrail-logging-stopped:\n    mode: " + mode + "\n";
    }

    private RefreshingRuleSource source() {
        Telemetry telemetry = new Telemetry(new PrintStream(log, true, StandardCharsets.UTF_8), new ObjectMapper(), clock);
        return new RefreshingRuleSource(
                new RemoteRuleFile(RulesLocation.parse("s3://security-rules/team.yaml").ownedBy("123456789012"), () -> s3),
                TestRules.loader(START), loads, telemetry, clock, TTL);
    }

    private static Mode modeOf(RefreshingRuleSource source) {
        return source.current().find("cloudtrail-logging-stopped").map(Rule::mode).orElseThrow();
    }

    @Test
    void theTeamFileIsAddedToTheDefaultPackAtStart() {
        assertThat(modeOf(source())).isEqualTo(Mode.DRY_RUN);
    }

    @Test
    void anUnreadableFileKeepsTheLastGoodRulesAndIsCounted() {
        RefreshingRuleSource source = source();
        s3.failWith(() -> SdkClientException.create("connection refused"));
        clock.advance(TTL);

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"RuleFileUnreadable\":1", "connection refused");
    }

    @Test
    void theFileIsReadOncePerTtl() {
        RefreshingRuleSource source = source();
        s3.put(team("notify"));

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(s3.reads()).isEqualTo(1);
        clock.advance(TTL);
        assertThat(modeOf(source)).isEqualTo(Mode.NOTIFY);
        assertThat(s3.reads()).isEqualTo(2);
    }

    @Test
    void aSnapStartRestoreReadsTheFileAgainAtOnce() {
        RefreshingRuleSource source = source();
        s3.put(team("off"));

        source.afterRestore(null);

        assertThat(modeOf(source)).isEqualTo(Mode.OFF);
    }

    @Test
    void withoutAGoodTeamFileTheDefaultPackServes() {
        s3.put("version: 2\nrules: []\n");

        RefreshingRuleSource source = source();

        assertThat(modeOf(source)).isEqualTo(Mode.ENFORCE);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("\"RuleFileRejected\":1", "s3://security-rules/team.yaml:1: rule -: version: expected 1, found number 2");
    }

    @Test
    void aFileThatIsNotUtf8IsRejectedAtItsLineAuditedAndTheLastGoodRulesKeepServing() {
        RefreshingRuleSource source = source();
        s3.put(team("off").replace("rules: []", "rules: [] # Br\u00e4kGlass").getBytes(StandardCharsets.ISO_8859_1));
        clock.advance(TTL);

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"RuleFileRejected\":1",
                "s3://security-rules/team.yaml:2: rule -: (file): not UTF-8: byte 0xE4 at line 2");
        assertThat(told).last().asString().startsWith("rejected ").endsWith(" 1");
    }

    @Test
    void aFileLargerThanTheLimitIsRejectedAndAuditedWithoutBeingParsed() {
        RefreshingRuleSource source = source();
        s3.put(team("off") + "#" + "x".repeat(RuleText.MAX_BYTES));
        clock.advance(TTL);

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"RuleFileRejected\":1",
                "more than 1,048,576 bytes, larger than a rule file may be");
        assertThat(told).last().asString().startsWith("rejected ").endsWith(" 1");
    }

    @Test
    void aLoadThatFailsInAnyWayIsARejectedFileAndNeverFailsTheCaller() {
        RuleLoader loader = spy(TestRules.loader(START));
        Telemetry telemetry = new Telemetry(new PrintStream(log, true, StandardCharsets.UTF_8), new ObjectMapper(), clock);
        RefreshingRuleSource source = new RefreshingRuleSource(
                new RemoteRuleFile(RulesLocation.parse("s3://security-rules/team.yaml"), () -> s3), loader, loads, telemetry,
                clock, TTL);
        doThrow(new OutOfMemoryError("Java heap space")).doThrow(new IllegalStateException("a bug"))
                .when(loader).load(argThat(files -> files.size() == 2));

        s3.put(team("off"));
        clock.advance(TTL);
        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        s3.put(team("notify"));
        clock.advance(TTL);
        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);

        assertThat(log.toString(StandardCharsets.UTF_8)).contains(
                "could not be loaded (OutOfMemoryError): Java heap space", "could not be loaded (IllegalStateException): a bug");
        assertThat(told).endsWith("rejected version-2 1", "rejected version-3 1");
    }

    @Test
    void everyVersionReadIsToldWithItsVersionIdAndDigestAndReadFromTheExpectedOwnersBucket() {
        RefreshingRuleSource source = source();
        s3.put("version: 2\nrules: []\n");
        clock.advance(TTL);
        source.current();

        assertThat(told).containsExactly("loaded version-1 " + sha256(team("dry-run")), "rejected version-2 1");
        assertThat(s3.lastExpectedOwner()).isEqualTo("123456789012");
    }

    @Test
    void aVersionThatCannotBeRecordedIsNotPutInForceAndIsReadAgain() {
        RefreshingRuleSource source = source();
        recordsFail = true;
        s3.put(team("off"));
        clock.advance(TTL);

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"RuleFileLoadNotAudited\":1");
        recordsFail = false;
        clock.advance(TTL);
        assertThat(modeOf(source)).isEqualTo(Mode.OFF);
        assertThat(told).last().asString().startsWith("loaded version-2");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
