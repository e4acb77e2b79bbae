package dev.backstop.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.cloudtrail.TrailInspector;
import dev.backstop.action.cloudtrail.TrailInspector.Finding;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.Trigger;
import dev.backstop.testing.CapturedTelemetry;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;

/**
 * Faults the emulator cannot make, at the SDK edge: a trail the watchdog's role may not read, and
 * a throttled CloudTrail. Whole trails never reach the engine, so none is needed here. Member
 * accounts' trails too: moto, which serves CloudTrail, keeps every caller in one account whatever
 * role it assumed, so a member's trails cannot be told from the home account's there.
 */
class TrailWatchdogTest {

    private static final String DENIED = "arn:aws:cloudtrail:us-east-1:123456789012:trail/someone-elses";
    private static final String WHOLE = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final byte[] SCHEDULED = SampleEvents.edited("watchdog/scheduled-event.json", event -> { });

    private static final String MEMBER = "444455556666";
    private static final String MEMBER_TRAIL = "arn:aws:cloudtrail:us-east-1:" + MEMBER + ":trail/org-events";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:05:00Z"), ZoneOffset.UTC);
    private static final Settings ONE_ACCOUNT = new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE,
            List.of());

    private final TrailInspector inspector = mock(TrailInspector.class);
    private final MemberAccounts accounts = mock(MemberAccounts.class);
    private final CapturedTelemetry telemetry = new CapturedTelemetry();
    private final TrailWatchdog watchdog = new TrailWatchdog(inspector, null, null, new ObjectMapper(), Region.US_EAST_1,
            telemetry.telemetry(), CLOCK, accounts, ONE_ACCOUNT);

    private TrailWatchdog withMember(RemediationEngine engine) {
        Settings settings = ONE_ACCOUNT.withMembers(new MemberAccess(Optional.of("123456789012"), Set.of(MEMBER),
                Optional.of("BackstopRemediation"), Optional.empty()));
        return new TrailWatchdog(inspector, engine, new CloudTrailEventParser(), new ObjectMapper(),
                Region.US_EAST_1, telemetry.telemetry(), CLOCK, accounts, settings);
    }

    private static CloudTrailException error(int status, String code) {
        return (CloudTrailException) CloudTrailException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void aTrailThatCannotBeCheckedFailsTheRunAfterTheOthersAreCheckedAtTheSdkEdge() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(DENIED, WHOLE));
        when(inspector.inspect(eq(DENIED), any(), anyString())).thenThrow(error(400, "AccessDeniedException"));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), true));

        assertThatThrownBy(() -> watchdog.run(SCHEDULED, WatchdogScope.EVERY_TRAIL))
                .isInstanceOf(WatchdogException.class)
                .hasMessageContaining("checked 1 trail(s)")
                .hasMessageContaining(DENIED + " (AccessDeniedException");
        verify(inspector).inspect(eq(WHOLE), any(), eq("backstop:watchdog:2b7f4c1e-8d3a-4e59-a6b0-9c1d5e7f3a28"));
        assertThat(telemetry.counted(TrailWatchdog.TRAIL_UNCHECKED)).singleElement().satisfies(line -> {
            assertThat(line.path("trail").asText()).isEqualTo(DENIED);
            assertThat(line.path("account").asText()).isEqualTo("123456789012");
            assertThat(line.path("runId").asText()).isEqualTo("2b7f4c1e-8d3a-4e59-a6b0-9c1d5e7f3a28");
            assertThat(line.path("error").asText()).startsWith("AccessDeniedException");
        });
    }

    @Test
    void aThrottledCloudTrailFailsTheRunForLambdaToRetryAtTheSdkEdge() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenThrow(error(400, "ThrottlingException"));

        assertThatThrownBy(() -> watchdog.run(SCHEDULED, WatchdogScope.EVERY_TRAIL))
                .isInstanceOf(CloudTrailException.class);
    }

    @Test
    void trailsOutsideTheScopeAreNotLookedAt() {
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(DENIED, WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), false));

        TrailWatchdog.WatchdogRun run = watchdog.run(SCHEDULED, new WatchdogScope(List.of(WHOLE)));

        assertThat(run.trails()).extracting(TrailWatchdog.TrailResult::trailArn).containsExactly(WHOLE);
        assertThat(run.trails().get(0).decision()).isNull();
    }

    @Test
    void aMemberAccountsTrailsAreCheckedThroughItsMemberRoleAndDecidedAsThatAccountsAtTheSdkEdge() {
        List<String> acting = new ArrayList<>();
        when(accounts.actAs(MEMBER)).thenAnswer(call -> {
            acting.add(MEMBER);
            return (CredentialScope.Scope) () -> acting.remove(MEMBER);
        });
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), false));
        when(inspector.trailsToCheck(MEMBER)).thenAnswer(call -> {
            assertThat(acting).as("listed with the member role's session").containsExactly(MEMBER);
            return List.of(MEMBER_TRAIL);
        });
        when(inspector.inspect(eq(MEMBER_TRAIL), any(), anyString())).thenReturn(
                new Finding(MEMBER_TRAIL, List.of("not logging"), false));
        RemediationEngine engine = mock(RemediationEngine.class);
        List<Trigger> decided = new ArrayList<>();
        // The watchdog's own drift event is handed over as a trigger, never as a delivery held to provenance.
        when(engine.handle(any(Trigger.class))).thenAnswer(call -> {
            decided.add(call.getArgument(0));
            return null;
        });

        TrailWatchdog.WatchdogRun run = withMember(engine).run(SCHEDULED, WatchdogScope.EVERY_TRAIL);

        assertThat(run.trails()).extracting(TrailWatchdog.TrailResult::trailArn).containsExactly(WHOLE, MEMBER_TRAIL);
        assertThat(decided).singleElement().satisfies(trigger -> {
            assertThat(trigger.account()).isEqualTo(MEMBER);
            assertThat(trigger.tree().path("detail").path("requestParameters").path("name").asText()).isEqualTo(MEMBER_TRAIL);
        });
        assertThat(acting).as("the member scope is closed again").isEmpty();
    }

    @Test
    void aMemberRoleThatCannotBeAssumedFailsTheRunAfterTheHomeTrailsAreCheckedAtTheSdkEdge() {
        when(accounts.actAs(MEMBER)).thenThrow(software.amazon.awssdk.services.sts.model.StsException.builder()
                .statusCode(403).awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                        .errorMessage("not authorized to perform sts:AssumeRole").build()).build());
        when(inspector.trailsToCheck("123456789012")).thenReturn(List.of(WHOLE));
        when(inspector.inspect(eq(WHOLE), any(), anyString())).thenReturn(new Finding(WHOLE, List.of(), false));

        assertThatThrownBy(() -> withMember(null).run(SCHEDULED, WatchdogScope.EVERY_TRAIL))
                .isInstanceOf(WatchdogException.class)
                .hasMessageContaining("checked 1 trail(s)")
                .hasMessageContaining("account " + MEMBER + "'s trails (AccessDenied");
        assertThat(telemetry.counted(TrailWatchdog.TRAIL_UNCHECKED)).singleElement().satisfies(line -> {
            assertThat(line.path("trail").asText()).isEqualTo("account " + MEMBER + "'s trails");
            assertThat(line.path("account").asText()).isEqualTo(MEMBER);
        });
    }
}
