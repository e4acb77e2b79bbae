package dev.backstop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestAlarms;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One check of a rule's exemptions for every kind of trigger: the caller where it has one, the account always. */
class ExemptionsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:31:00Z");
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/DeveloperAccess/*";
    private static final CloudTrailEvent EVENT = new CloudTrailEventParser()
            .parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }));
    private static final AlarmEvent ALARM = TestAlarms.lambdaAlarm(Map.of("FunctionName", "checkout-api"));

    private static Exemptions principals(String glob) {
        return new Exemptions(List.of(new ArnGlob(glob)), List.of(), Map.of(), List.of());
    }

    private static Exemptions timeBoxed(String principal, String account) {
        return new Exemptions(List.of(), List.of(), Map.of(), List.of(
                new TimeBoxedExemption(principal, account, null, "alice", "migration", NOW.plusSeconds(3600))));
    }

    @Test
    void aPrincipalExemptionCoversTheCallerOfAnEventAndNeverAnAlarm() {
        Exemptions unless = principals(CALLER);

        assertThat(unless.forTrigger(EVENT, NOW)).hasValue("principal "
                + "arn:aws:sts::123456789012:assumed-role/DeveloperAccess/mallory matches unless.principals " + CALLER);
        assertThat(unless.forTrigger(ALARM, NOW)).isEmpty();
    }

    @Test
    void anAccountExemptionCoversEveryKindOfTrigger() {
        Exemptions unless = new Exemptions(List.of(), List.of("123456789012"), Map.of(), List.of());

        assertThat(unless.forTrigger(EVENT, NOW)).hasValue("account 123456789012 is in unless.accounts");
        assertThat(unless.forTrigger(ALARM, NOW)).hasValue("account 123456789012 is in unless.accounts");
    }

    @Test
    void aTimeBoxedExemptionOfAPrincipalLeavesAlarmsAloneAndOneOfAnAccountDoesNot() {
        assertThat(timeBoxed(CALLER, null).forTrigger(EVENT, NOW)).isPresent();
        assertThat(timeBoxed(CALLER, null).forTrigger(ALARM, NOW)).isEmpty();
        assertThat(timeBoxed(null, "123456789012").forTrigger(ALARM, NOW)).hasValue("time-boxed exemption for account"
                + " 123456789012 until 2026-11-20T11:31:00Z (owner alice: migration)");
        assertThat(timeBoxed(null, "123456789012").forTrigger(ALARM, NOW.plusSeconds(7200))).isEmpty();
    }
}
