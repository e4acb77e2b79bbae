package dev.backstop.rules.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import dev.backstop.rules.RuleFileException;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.RuleText;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.text.Shown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The default pack plus a team's file from S3, read again once the TTL has passed and
 * right after a SnapStart restore. A file that cannot be read or fails validation never
 * replaces the last good rules: the handler keeps deciding with them, logs every error and
 * counts a metric ({@code RuleFileRejected}, {@code RuleFileUnreadable}). Whatever a load throws is a
 * rejection: a decision never fails because the rules were being read again. Every version read as
 * rules is told to the {@link RuleFileLoads} (audited and notified), and one is in force only once
 * its load is on the record ({@code RuleFileLoadNotAudited} counts one that is not): a file that
 * turns rules off never acts unseen. A file too large or not UTF-8 is refused before it is read as
 * rules, and told to the loads as refused like any other.
 */
final class RefreshingRuleSource implements RuleSource, Resource {

    private final RemoteRuleFile remote;
    private final RuleLoader loader;
    private final RuleFileLoads loads;
    private final Telemetry telemetry;
    private final Clock clock;
    private final Duration ttl;
    private volatile RuleBook current;
    private volatile Instant nextRead;

    RefreshingRuleSource(RemoteRuleFile remote, RuleLoader loader, RuleFileLoads loads, Telemetry telemetry, Clock clock,
            Duration ttl) {
        this.remote = remote;
        this.loader = loader;
        this.loads = loads;
        this.telemetry = telemetry;
        this.clock = clock;
        this.ttl = ttl;
        this.current = loader.load(List.of(DefaultPack.text()));
        refresh();
        Core.getGlobalContext().register(this);
    }

    @Override
    public RuleBook current() {
        if (!clock.instant().isBefore(nextRead)) {
            synchronized (this) {
                if (!clock.instant().isBefore(nextRead)) {
                    refresh();
                }
            }
        }
        return current;
    }

    private void refresh() {
        nextRead = clock.instant().plus(ttl);
        Optional<RuleFileLoads.Read> changed;
        try {
            changed = remote.readIfChanged();
        } catch (RemoteRuleFile.RefusedVersion e) {
            rejected(e.read(), e.errors());
            return;
        } catch (SdkException e) {
            telemetry.count("RuleFileUnreadable", "cannot read the rule file; keeping the last good rules",
                    fields().put("error", e.getMessage()));
            return;
        }
        if (changed.isEmpty()) {
            return;
        }
        RuleFileLoads.Read read = changed.get();
        RuleBook loaded;
        try {
            loaded = loader.load(List.of(DefaultPack.text(), new RuleText(read.location().toString(), read.text())));
        } catch (RuleFileException e) {
            rejected(read, e.errors());
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The loader's limits should leave nothing to land here; if a file still finds a way, it is
            // refused like any other, and the decision that asked for the rules goes on with the last good ones.
            rejected(read, List.of(new RuleError(remote.location().toString(), 1, "-", "(file)",
                    "could not be loaded (" + e.getClass().getSimpleName() + "): " + Shown.truncated(e.getMessage()))));
            return;
        }
        // No version is in force before it is on the record: one that cannot be audited is read again.
        if (!tell(() -> loads.loaded(read, loaded))) {
            remote.forget();
            telemetry.count("RuleFileLoadNotAudited", "cannot audit the rule file's load; keeping the last good rules",
                    fields().put("versionId", read.versionId()).put("sha256", read.sha256()));
            return;
        }
        current = loaded;
        telemetry.log("INFO", "rules loaded", fields().put("rules", current.size()).put("versionId", read.versionId())
                .put("sha256", read.sha256()));
    }

    private boolean tell(Runnable told) {
        try {
            told.run();
            return true;
        } catch (RuntimeException e) {
            telemetry.log("ERROR", "could not record the rule file: " + e, fields());
            return false;
        }
    }

    /** A version read and refused: counted, and told to the loads, which audit it. */
    private void rejected(RuleFileLoads.Read read, List<RuleError> errors) {
        rejected(errors, fields().put("versionId", read.versionId()).put("sha256", read.sha256()));
        tell(() -> loads.rejected(read, errors));
    }

    private void rejected(List<RuleError> errors, ObjectNode fields) {
        errors.stream().map(RuleError::toString).forEach(fields.putArray("errors")::add);
        telemetry.count("RuleFileRejected", "the rule file has errors; keeping the last good rules", fields);
    }

    private ObjectNode fields() {
        return telemetry.fields().put("location", remote.location().toString());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to release: the SDK clients reconnect on their own.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // The snapshot may be hours old: read the file again before the next decision.
        nextRead = Instant.MIN;
    }
}
