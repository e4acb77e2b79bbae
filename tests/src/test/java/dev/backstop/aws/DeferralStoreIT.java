package dev.backstop.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.config.Controls;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.tests.Emulators;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * What veto windows and settle times keep, on the emulators: the deferrals' conditional moves in
 * the audit table (moto's DynamoDB evaluates the conditions the fake simplifies) and the one-time
 * schedules on EventBridge Scheduler (moto's; see docs/testing.md for why not LocalStack's).
 */
class DeferralStoreIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/backstop-scheduler";
    private static final String TARGET = "arn:aws:lambda:us-east-1:123456789012:function:backstop-ec2:live";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private static DynamoDbClient dynamoDb;
    private static SchedulerClient scheduler;
    private static String table;
    private static String group;

    @BeforeAll
    static void emulators() {
        Emulators.requireLocalEndpoint();
        var http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        var region = new DefaultAwsRegionProviderChain().getRegion();
        dynamoDb = AwsClientsModule.build(DynamoDbClient.builder(), http, credentials, region);
        scheduler = AwsClientsModule.build(SchedulerClient.builder(), http, credentials, region);
        String prefix = Emulators.uniquePrefix("deferrals");
        table = prefix + "-audit";
        dynamoDb.createTable(AuditTable.createRequest(table));
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table));
        group = prefix + "-group";
        scheduler.createScheduleGroup(request -> request.name(group));
    }

    @Test
    void aVetoAndTheRunAtTheDueTimeCannotBothWin() {
        Deferrals deferrals = new Deferrals(dynamoDb, table);
        assertThat(deferrals.create(pending("ev-veto"))).isTrue();
        assertThat(deferrals.create(pending("ev-veto"))).as("a redelivery defers once").isFalse();

        assertThat(deferrals.veto("ev-veto", "arn:aws:sts::123456789012:assumed-role/SecOps/alice", "owner asked", NOW))
                .isTrue();

        assertThat(deferrals.start("ev-veto", NOW.plusSeconds(3600))).isFalse();
        assertThat(deferrals.veto("ev-veto", "bob", "again", NOW)).isFalse();
        Deferral vetoed = deferrals.find("ev-veto").orElseThrow();
        assertThat(vetoed.state()).isEqualTo(Deferrals.VETOED);
        assertThat(vetoed.vetoedBy()).contains("arn:aws:sts::123456789012:assumed-role/SecOps/alice");
        assertThat(vetoed.vetoReason()).contains("owner asked");
        assertThat(vetoed.actions()).containsExactly("ec2.revoke-world-ingress on sg-1");
        assertThat(vetoed.steps()).containsExactly("ec2-world-open-ingress#0");
    }

    @Test
    void aRunBeforeTheDueTimeWinsNothingAndARunAtItStopsAnyVeto() {
        Deferrals deferrals = new Deferrals(dynamoDb, table);
        deferrals.create(pending("ev-run"));

        assertThat(deferrals.start("ev-run", NOW.plusSeconds(60))).as("forged early run").isFalse();
        assertThat(deferrals.start("ev-run", NOW.plusSeconds(900))).isTrue();
        assertThat(deferrals.start("ev-run", NOW.plusSeconds(901))).as("a second invocation").isFalse();
        assertThat(deferrals.veto("ev-run", "alice", "too late", NOW.plusSeconds(902))).isFalse();
        deferrals.finish("ev-run", Deferrals.DONE, "REMEDIATED");
        assertThat(deferrals.find("ev-run").orElseThrow().state()).isEqualTo(Deferrals.DONE);
    }

    @Test
    void aOneTimeScheduleInvokesTheFunctionOnceAtTheMinuteAndDeletesItself() {
        OneTimeSchedules schedules = new OneTimeSchedules(() -> scheduler, settings(Optional.of(ROLE)));
        String name = Emulators.uniquePrefix("veto");

        Instant at = schedules.create(name, Instant.parse("2026-11-20T10:15:30Z"), TARGET, "{\"backstop\":\"deferred\"}");
        schedules.create(name, Instant.parse("2026-11-20T10:15:30Z"), TARGET, "{\"backstop\":\"deferred\"}");

        assertThat(at).isEqualTo(Instant.parse("2026-11-20T10:16:00Z"));
        GetScheduleResponse schedule = scheduler.getSchedule(request -> request.name(name).groupName(group));
        assertThat(schedule.scheduleExpression()).isEqualTo("at(2026-11-20T10:16:00)");
        assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("UTC");
        assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(schedule.flexibleTimeWindow().modeAsString()).isEqualTo("OFF");
        assertThat(schedule.target().arn()).isEqualTo(TARGET);
        assertThat(schedule.target().roleArn()).isEqualTo(ROLE);
        assertThat(schedule.target().input()).isEqualTo("{\"backstop\":\"deferred\"}");

        schedules.delete(name);
        schedules.delete(name);
        assertThatThrownBy(() -> scheduler.getSchedule(request -> request.name(name).groupName(group)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void withoutASchedulerRoleNothingCanBeDeferred() {
        OneTimeSchedules schedules = new OneTimeSchedules(() -> scheduler, settings(Optional.empty()));

        assertThat(schedules.available()).isFalse();
        assertThatThrownBy(() -> schedules.create("x", NOW, TARGET, "{}")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BACKSTOP_SCHEDULER_ROLE_ARN");
    }

    private static Deferral pending(String id) {
        return Deferral.pending(id, Deferrals.Purpose.VETO_WINDOW, NOW.plusSeconds(900), "{\"id\":\"" + id + "\"}",
                "backstop-" + id, "123456789012", "us-east-1", List.of("ec2-world-open-ingress#0"),
                List.of("ec2.revoke-world-ingress on sg-1"));
    }

    private static Settings settings(Optional<String> role) {
        return new Settings(table, "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of())
                .withControls(new Controls(false, group, role));
    }
}
