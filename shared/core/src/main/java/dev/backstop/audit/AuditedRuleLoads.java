package dev.backstop.audit;

import dev.backstop.config.Settings;
import dev.backstop.rules.source.RuleFileLoads;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;

/**
 * Audits each version of the team's rule file put in force, as a chained record of its own (outcome
 * {@link Outcome#LOADED}) keyed by the file and its ETag: every container that loads the same
 * version finds it chained already and writes nothing. {@code ./backstop selfcheck} looks the
 * current version's record up to tell that the file in S3 is the one in force.
 */
public final class AuditedRuleLoads implements RuleFileLoads {

    static final String EVENT_NAME = "RulesLoaded";
    static final String EVENT_SOURCE = "backstop.rules";

    private final AuditLog audit;
    private final String account;
    private final Region region;
    private final Clock clock;

    @Inject
    AuditedRuleLoads(AuditLog audit, Settings settings, Region region, Clock clock) {
        this.audit = audit;
        this.account = settings.members().homeAccount().orElse(null);
        this.region = region;
        this.clock = clock;
    }

    /** The audit id of a version's load: the file and its ETag. */
    public static String auditId(String location, String version) {
        return "rules#" + location + "#" + version;
    }

    @Override
    public void loaded(String location, String version, int rules) {
        String auditId = auditId(location, version);
        if (audit.find(auditId).isPresent()) {
            return;
        }
        audit.record(new AuditRecord(auditId, null, EVENT_NAME, EVENT_SOURCE, account, region.id(), null,
                clock.instant(), null, null, null, Outcome.LOADED, "rule file " + location + " version " + version
                        + " validated and in force: " + rules + " rules with the default pack", List.of()));
    }
}
