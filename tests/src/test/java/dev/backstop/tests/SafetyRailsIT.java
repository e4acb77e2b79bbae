package dev.backstop.tests;

import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.engine.RemediationEngine;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The safety rails on the emulators, through the production graph and real SDK clients: exactly
 * one effect per event under duplicate and concurrent delivery, and breakers that count
 * atomically across threads, trip, hold back and are reset from the command line.
 */
class SafetyRailsIT {

    private static final int THREADS = 12;
    /** High enough that the breakers stay out of the way where a test is not about them. */
    private static final BreakerLimits GENEROUS = new BreakerLimits(10_000, 10_000, Duration.ofDays(1), 3,
            Duration.ofHours(1)).withPerPrincipal(10_000);

    private static DemoWorld world;
    private static ExecutorService pool;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
    }

    private static RemediationEngine engine(Stage stage, BreakerLimits limits) {
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withBreakerLimits(limits);
        return BackstopComponent.factory().create(settings, Clock.systemUTC()).engine();
    }

    /** Stopped trails of their own, made in parallel. */
    private static List<Stage> stoppedTrails(Stage stage, int count) throws Exception {
        return parallel(IntStream.range(0, count).boxed().toList(), i -> {
            Stage trail = world.withTrail(stage, stage.trailName() + "-" + i);
            world.stopLogging(trail);
            return trail;
        });
    }

    private static byte[] stopLoggingEvent(Stage trail) {
        return world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), trail);
    }

    /**
     * Delivers every event on the pool, as EventBridge and Lambda would; a delivery the engine
     * hands back (it failed the invocation) is delivered again after the others, as Lambda's
     * retry would. The decisions, one per delivery.
     */
    private static List<AuditRecord> deliver(RemediationEngine engine, List<byte[]> events) throws Exception {
        List<Object> first = parallel(events, event -> {
            try {
                return engine.handle(apiCall(event));
            } catch (RuntimeException handedBack) {
                return event;
            }
        });
        List<AuditRecord> decisions = new ArrayList<>();
        List<byte[]> retries = new ArrayList<>();
        for (Object result : first) {
            if (result instanceof AuditRecord decision) {
                decisions.add(decision);
            } else {
                retries.add((byte[]) result);
            }
        }
        handedBack += retries.size();
        for (byte[] retry : retries) {
            decisions.add(engine.handle(apiCall(retry)));
        }
        return decisions;
    }

    private static int handedBack;

    private static <T, R> List<R> parallel(List<T> inputs, Function<T, R> work) throws Exception {
        List<Future<R>> futures = inputs.stream().map(input -> pool.submit(() -> work.apply(input))).toList();
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    private static List<Map<String, AttributeValue>> decisionRecords(Stage stage) {
        // Not the breakers' state (kind) nor their records of trips and closes.
        return world.auditItems(stage).stream().filter(item -> !item.containsKey("kind"))
                .filter(item -> !item.get("auditId").s().startsWith(AuditKeys.BREAKER_PREFIX)).toList();
    }

    /**
     * DynamoDB's ADD is atomic; moto applies updates without a lock, so under contention it now
     * and then loses one (seen: 1 in 30). A retried ADD whose first attempt landed counts twice,
     * on DynamoDB too. The tests allow for that drift, read back from the counter.
     */
    private static final long MOTO_LOST_UPDATES = 3;

    /** The account breaker's count in its current window, as the table holds it. */
    private static long windowCount(Stage stage) {
        return world.auditItem(stage, "breaker#account#" + account(stage)).orElseThrow().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("window-"))
                .mapToLong(entry -> Long.parseLong(entry.getValue().n())).sum();
    }

    private static String account(Stage stage) {
        return stage.trailArn().split(":")[4];
    }

    @Test
    void twoHundredEventsEachDeliveredTwiceInParallelActOncePerEventAndAreAllAudited() throws Exception {
        Stage stage = world.build(Emulators.uniquePrefix("twice"));
        List<Stage> trails = stoppedTrails(stage, 200);
        List<byte[]> deliveries = new ArrayList<>();
        trails.stream().map(SafetyRailsIT::stopLoggingEvent).forEach(event -> deliveries.addAll(List.of(event, event)));
        Collections.shuffle(deliveries, new Random(6));
        RemediationEngine engine = engine(stage, GENEROUS);

        long started = System.nanoTime();
        handedBack = 0;
        List<AuditRecord> decisions = deliver(engine, deliveries);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.err.printf("SafetyRailsIT: %d deliveries on %d threads decided in %d ms (%d handed back while the"
                + " other delivery was deciding, then redelivered)%n", deliveries.size(), THREADS, took.toMillis(),
                handedBack);
        Map<Outcome, Long> outcomes = decisions.stream().collect(Collectors.groupingBy(AuditRecord::outcome,
                Collectors.counting()));
        assertThat(outcomes).containsOnly(Map.entry(Outcome.REMEDIATED, 200L), Map.entry(Outcome.DUPLICATE, 200L));
        assertThat(decisions).filteredOn(decision -> decision.outcome() == Outcome.REMEDIATED)
                .extracting(AuditRecord::eventId).doesNotHaveDuplicates()
                .allSatisfy(eventId -> assertThat(decisions).filteredOn(d -> d.eventId().equals(eventId)).hasSize(2));
        assertThat(decisions).filteredOn(decision -> decision.outcome() == Outcome.REMEDIATED)
                .allSatisfy(decision -> assertThat(decision.actions()).singleElement()
                        .satisfies(action -> assertThat(action.outcome()).isEqualTo(Outcome.REMEDIATED)));
        List<Map<String, AttributeValue>> records = decisionRecords(stage);
        assertThat(records).hasSize(400).allSatisfy(item -> assertThat(item.get("status").s()).isEqualTo("complete"));
        assertThat(records).filteredOn(item -> item.get("outcome").s().equals("REMEDIATED")).hasSize(200)
                .extracting(item -> item.get("resources").ss().get(0)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(trails.stream().map(Stage::trailArn).toList());
        assertThat(records).filteredOn(item -> item.get("outcome").s().equals("DUPLICATE")).hasSize(200);
        assertThat(parallel(trails, world::isLogging)).containsOnly(true);
        // The account's blast-radius counter, ADDed from 12 threads at once: one count per action.
        assertThat(windowCount(stage)).isBetween(200L - MOTO_LOST_UPDATES, 200L + MOTO_LOST_UPDATES);
    }

    @Test
    void concurrentEventsForOneTrailAreSafeWithoutALock() throws Exception {
        Stage stage = world.build(Emulators.uniquePrefix("same"));
        world.stopLogging(stage);
        List<byte[]> events = IntStream.range(0, 24).mapToObj(i -> stopLoggingEvent(stage)).toList();

        List<AuditRecord> decisions = deliver(engine(stage, GENEROUS), events);

        // Each plans from its own read and StartLogging is idempotent: whoever reads after the first
        // apply finds the trail logging, the others turn on a trail that is on. Nothing fails. Every
        // decision that acts counts towards the trail's flapping breaker (24 stops of one trail are
        // flapping); past its limit of 3 the rest act anyway, since a trail's logging keeps the
        // account's eyes, and say so.
        List<Outcome> outcomes = decisions.stream().map(AuditRecord::outcome).toList();
        assertThat(outcomes).hasSize(24).contains(Outcome.REMEDIATED)
                .allMatch(outcome -> outcome == Outcome.REMEDIATED || outcome == Outcome.ALREADY_COMPLIANT);
        assertThat(decisions).filteredOn(decision -> decision.actions().get(0).detail().contains("acted past"))
                .allSatisfy(decision -> assertThat(decision.actions().get(0).detail())
                        .contains("acted past the flapping breaker of resource " + stage.trailArn()));
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(decisionRecords(stage)).hasSize(24);
    }

    @Test
    void theBlastRadiusBreakerTripsAtItsLimitUnderConcurrencyTheTrailRuleActsPastItAndAnOperatorResetsIt()
            throws Exception {
        Stage stage = world.build(Emulators.uniquePrefix("blast"));
        List<Stage> trails = stoppedTrails(stage, 31);
        // Every event is one principal's: its breaker stays out of the way here.
        RemediationEngine engine = engine(stage, new BreakerLimits(10, 10_000, Duration.ofDays(1), 3,
                Duration.ofHours(1)).withPerPrincipal(10_000));

        List<AuditRecord> decisions = deliver(engine, trails.subList(0, 30).stream().map(SafetyRailsIT::stopLoggingEvent)
                .toList());

        Map<Outcome, Long> outcomes = decisions.stream().collect(Collectors.groupingBy(AuditRecord::outcome,
                Collectors.counting()));
        long past = decisions.stream().filter(decision -> decision.actions().get(0).detail()
                .contains("acted past the blast-radius breaker of account " + account(stage))).count();
        // Exactly 20 act past the open breaker, give or take what the emulator lost (or a retried ADD counted twice).
        long drift = 30 - windowCount(stage);
        System.err.println("SafetyRailsIT blast: " + outcomes + ", acted past: " + past + ", count drift on the emulator: "
                + drift);
        // A trail's logging restores the account's eyes: it acts past the breaker, and says so.
        assertThat(outcomes).containsOnlyKeys(Outcome.REMEDIATED);
        assertThat(past).isBetween(20L - Math.max(0, drift), 20L + Math.max(0, -drift));
        assertThat(trails.subList(0, 30)).allSatisfy(trail -> assertThat(world.isLogging(trail)).isTrue());
        CommandRun status = CommandRun.of("breaker", "status", "--table", stage.auditTable());
        assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
        assertThat(status.out()).contains("TRIPPED blast-radius account " + account(stage)
                + ": tripped at ", "more than 10 enforcing actions in the account within 24 hours");

        CommandRun reset = CommandRun.of("breaker", "reset", "--account", account(stage), "--table", stage.auditTable());
        CommandRun again = CommandRun.of("breaker", "reset", "--account", account(stage), "--table", stage.auditTable());
        CommandRun after = CommandRun.of("breaker", "status", "--table", stage.auditTable());

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("Reset the blast-radius breaker of account " + account(stage));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("was not tripped");
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("No breaker is tripped.");
        assertThat(engine.handle(apiCall(stopLoggingEvent(trails.get(30)))).actions().get(0).detail())
                .doesNotContain("acted past");
    }

    @Test
    void aTrailSomethingKeepsStoppingTripsItsFlappingBreakerKeepsLoggingAndIsResetFromTheCommandLine() {
        Stage stage = world.build(Emulators.uniquePrefix("flap"));
        RemediationEngine engine = engine(stage, new BreakerLimits(10_000, 10_000, Duration.ofDays(1), 2,
                Duration.ofHours(1)).withPerPrincipal(10_000));
        List<String> details = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            world.stopLogging(stage);
            details.add(engine.handle(apiCall(stopLoggingEvent(stage))).actions().get(0).detail());
        }

        assertThat(details.get(1)).doesNotContain("acted past");
        assertThat(details.get(2)).contains("acted past the flapping breaker of resource " + stage.trailArn());
        assertThat(world.isLogging(stage)).isTrue();
        CommandRun status = CommandRun.of("breaker", "status", "--resource", stage.trailArn(), "--table",
                stage.auditTable());
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("TRIPPED flapping resource " + stage.trailArn(),
                "more than 2 remediations of the resource within 1 hour");

        CommandRun reset = CommandRun.of("breaker", "reset", "--resource", stage.trailArn(), "--table", stage.auditTable());

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        world.stopLogging(stage);
        assertThat(engine.handle(apiCall(stopLoggingEvent(stage))).actions().get(0).detail()).doesNotContain("acted past");
        assertThat(world.isLogging(stage)).isTrue();
    }
}
