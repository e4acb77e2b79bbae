package dev.backstop.action.cloudtrail;

import dev.backstop.action.cloudtrail.TrailSnapshots.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;

/**
 * The watchdog's eyes: checks one trail against its last snapshot, without any event. A trail is
 * whole when it is no weaker than its snapshot (or has none yet); a whole trail whose
 * configuration changed since (or that has no snapshot) is snapshotted. Its drift is what is
 * wrong with it: deleted, not logging, or each way it is weaker than its snapshot.
 */
public final class TrailInspector {

    /**
     * @param trailArn the trail checked
     * @param drift what is wrong with it, in words; empty when nothing is
     * @param snapshotted true when this check took a new snapshot of it
     */
    public record Finding(String trailArn, List<String> drift, boolean snapshotted) {

        public Finding {
            drift = List.copyOf(drift);
        }
    }

    private final Trails trails;
    private final TrailSnapshots snapshots;
    private final Region region;

    @Inject
    TrailInspector(Trails trails, TrailSnapshots snapshots, Region region) {
        this.trails = trails;
        this.snapshots = snapshots;
        this.region = region;
    }

    /** The trails to check: those managed from this region, and those Backstop snapshotted here (deleted ones too). */
    public List<String> trailsToCheck(String account) {
        Set<String> arns = new LinkedHashSet<>(trails.homeTrails());
        arns.addAll(snapshots.snapshotted(account, region.id()));
        return List.copyOf(arns);
    }

    /** Checks one trail; {@code source} names the run in the snapshot it may take. */
    public Finding inspect(String trailArn, Instant now, String source) {
        Optional<TrailConfig> config = trails.read(trailArn);
        Optional<Snapshot> snapshot = snapshots.latest(trailArn);
        if (config.isEmpty()) {
            return new Finding(trailArn, snapshot.isPresent() ? List.of("trail deleted") : List.of(), false);
        }
        List<String> drift = new ArrayList<>();
        if (!trails.isLogging(config.get())) {
            drift.add("not logging");
        }
        List<String> weakened = snapshot.map(last -> config.get().weakenedFrom(last.config())).orElse(List.of());
        drift.addAll(weakened);
        boolean changed = snapshot.map(last -> !last.config().equals(config.get())).orElse(true);
        if (weakened.isEmpty() && changed) {
            snapshots.record(config.get(), now, source);
            return new Finding(trailArn, drift, true);
        }
        return new Finding(trailArn, drift, false);
    }
}
