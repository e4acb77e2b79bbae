package dev.backstop.rules.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.rules.Rule;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.testing.FakeSsm;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class RefreshingRuleSourceTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeSsm ssm = new FakeSsm().put(team("dry-run"));
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(START);

    private static String team(String mode) {
        return "version: 1\nrules: []\noverrides:\n  cloudtrail-logging-stopped:\n    mode: " + mode + "\n";
    }

    private RefreshingRuleSource source() {
        Telemetry telemetry = new Telemetry(new PrintStream(log, true, StandardCharsets.UTF_8), new ObjectMapper(), clock);
        return new RefreshingRuleSource(new RemoteRuleFile(RulesLocation.parse("ssm:/backstop/rules"),
                () -> { throw new IllegalStateException("no S3 here"); }, () -> ssm),
                TestRules.loader(START), telemetry, clock, TTL);
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
        ssm.failWith(() -> SdkClientException.create("connection refused"));
        clock.advance(TTL);

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"RuleFileUnreadable\":1", "connection refused");
    }

    @Test
    void theFileIsReadOncePerTtl() {
        RefreshingRuleSource source = source();
        ssm.put(team("notify"));

        assertThat(modeOf(source)).isEqualTo(Mode.DRY_RUN);
        assertThat(ssm.reads()).isEqualTo(1);
        clock.advance(TTL);
        assertThat(modeOf(source)).isEqualTo(Mode.NOTIFY);
        assertThat(ssm.reads()).isEqualTo(2);
    }

    @Test
    void aSnapStartRestoreReadsTheFileAgainAtOnce() {
        RefreshingRuleSource source = source();
        ssm.put(team("off"));

        source.afterRestore(null);

        assertThat(modeOf(source)).isEqualTo(Mode.OFF);
    }

    @Test
    void withoutAGoodTeamFileTheDefaultPackServes() {
        ssm.put("version: 2\nrules: []\n");

        RefreshingRuleSource source = source();

        assertThat(modeOf(source)).isEqualTo(Mode.ENFORCE);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("\"RuleFileRejected\":1", "ssm:/backstop/rules:1: rule -: version: expected 1, found number 2");
    }
}
