package dev.backstop.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.AwsErrors;
import dev.backstop.aws.CredentialScope;
import dev.backstop.canary.CanaryLedger.Change;
import dev.backstop.canary.CanaryLedger.Decision;
import dev.backstop.config.Settings;
import dev.backstop.event.ScheduledEvent;
import dev.backstop.telemetry.Heartbeat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;

/**
 * The live canary. Each run, in the home account and every allowed member account of this region,
 * it first closes the loop it opened last run: its change (Block Public Access turned off on its
 * own empty bucket, with its own principal, which Backstop does not protect or ignore) must have
 * been undone by Backstop, read back and audited (REMEDIATED, with the block on again). A closed
 * loop publishes a heartbeat for that account and region, and a run whose loops all closed one for
 * {@value Heartbeat#ALL_ACCOUNTS}; a loop left open publishes none, so the heartbeat alarm (on
 * "all"), which treats missing data as breaching, pages someone. Then it makes the next
 * change. In dry-run or notify mode Backstop only decides: a WOULD_REMEDIATE or NOTIFIED record
 * closes the loop too, and the canary puts the block back itself, as it does for a loop left open.
 *
 * <pre>{@code
 * CanaryRun run = canary.run(scheduledEventBytes);
 * }</pre>
 */
@Singleton
public final class Canary {

    /** One account's loop in a run. */
    public record Loop(String account, String bucket, String previous, boolean heartbeat, String error) {
    }

    /** What a run did, account by account. */
    public record CanaryRun(String runId, List<Loop> loops) {

        public boolean failed() {
            return loops.stream().anyMatch(loop -> loop.error() != null);
        }
    }

    private final CanaryBucket buckets;
    private final CanaryLedger ledger;
    private final CanaryAccounts accounts;
    private final HeartbeatPublisher heartbeat;
    private final CanarySettings canary;
    private final Set<String> members;
    private final ObjectMapper json;
    private final Region region;
    private final Clock clock;

    @Inject
    Canary(CanaryBucket buckets, CanaryLedger ledger, CanaryAccounts accounts, HeartbeatPublisher heartbeat,
            CanarySettings canary, Settings settings, ObjectMapper json, Region region, Clock clock) {
        this.buckets = buckets;
        this.ledger = ledger;
        this.accounts = accounts;
        this.heartbeat = heartbeat;
        this.canary = canary;
        this.members = new TreeSet<>(settings.members().allowedAccounts());
        this.json = json;
        this.region = region;
        this.clock = clock;
    }

    public CanaryRun run(byte[] scheduledEvent) {
        ScheduledEvent run = ScheduledEvent.parse(scheduledEvent, json);
        List<Loop> loops = new ArrayList<>();
        loops.add(loop(run, run.account(), canary.homeBucket()));
        for (String member : members) {
            loops.add(loop(run, member, CanarySettings.memberBucket(member, region.id())));
        }
        // The one the alarm watches: every account's loop closed.
        if (loops.stream().allMatch(Loop::heartbeat)) {
            heartbeat.beat(Heartbeat.ALL_ACCOUNTS, region.id());
        }
        return new CanaryRun(run.id(), loops);
    }

    private Loop loop(ScheduledEvent run, String account, String bucket) {
        String chain = account + "/" + region.id();
        try (CredentialScope.Scope acting = accounts.actAs(account)) {
            Optional<Change> last = ledger.lastChange(chain);
            String previous = "no change made before";
            boolean closed = false;
            if (last.isPresent() && !last.get().runId().equals(run.id())) {
                Optional<Decision> decision = ledger.decisionOn(chain, last.get());
                closed = closes(decision, bucket);
                previous = describe(decision, closed, bucket);
                if (!buckets.blockIsOn(bucket)) {
                    buckets.turnBlockOn(bucket);
                }
            }
            if (closed) {
                heartbeat.beat(account, region.id());
            }
            if (last.isEmpty() || !last.get().runId().equals(run.id())) {
                Instant now = clock.instant();
                buckets.turnBlockOff(bucket);
                ledger.recordChange(chain, new Change(bucket, now, run.id()));
            }
            return new Loop(account, bucket, previous, closed, null);
        } catch (RuntimeException e) {
            if (AwsErrors.isTransient(e)) {
                throw e;
            }
            return new Loop(account, bucket, "not checked", false, AwsErrors.describe(e));
        }
    }

    /** Closed: Backstop undid it and read it back (the block is on), or decided it in dry-run or notify mode. */
    private boolean closes(Optional<Decision> decision, String bucket) {
        if (decision.isEmpty()) {
            return false;
        }
        return switch (decision.get().outcome()) {
            case "REMEDIATED" -> buckets.blockIsOn(bucket);
            case "WOULD_REMEDIATE", "NOTIFIED" -> true;
            default -> false;
        };
    }

    private static String describe(Optional<Decision> decision, boolean closed, String bucket) {
        if (decision.isEmpty()) {
            return "open: no audit record of Backstop deciding the last change to " + bucket
                    + " (events not delivered, rule off, or Backstop not running)";
        }
        return (closed ? "closed: " : "open: ") + decision.get().outcome() + " (audit id " + decision.get().auditId()
                + "): " + decision.get().reason();
    }
}
