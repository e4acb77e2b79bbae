package dev.backstop.engine;

import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.RecentChange;
import dev.backstop.aws.CredentialScope;
import dev.backstop.config.Settings;
import dev.backstop.correlate.ChangeLookup;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.rules.Correlation;
import dev.backstop.rules.Rule;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The engine's steps for a CloudWatch alarm: an alarm of another account than Backstop's own is
 * rejected (the alarm actions address a function or an instance by name, with the function's own
 * credentials, which must never move a same-named resource here); the changes CloudTrail recorded
 * to the alarm's resources before it are looked up ({@link ChangeLookup}) once its rules are
 * known, and a rule that requires one of them ({@code correlate.require}) does not act without
 * it. The audit record's event fields say what was delivered (a "CloudWatch Alarm State Change"
 * from {@code aws.cloudwatch}); its {@link AlarmContext} says which alarm, in which state, and
 * what changed before it. An alarm has no caller, so the principal fields stay empty.
 */
final class AlarmSteps implements TriggerSteps<AlarmEvent> {

    private final Optional<String> homeAccount;
    private final ChangeLookup changes;
    private final CredentialScope credentials;

    @Inject
    AlarmSteps(Settings settings, ChangeLookup changes, CredentialScope credentials) {
        this.homeAccount = settings.members().homeAccount();
        this.changes = changes;
        this.credentials = credentials;
    }

    @Override
    public Class<AlarmEvent> kind() {
        return AlarmEvent.class;
    }

    /** EventBridge and SNS both deliver one state change. */
    @Override
    public String named(AlarmEvent alarm) {
        return "alarm state change " + alarm.id();
    }

    @Override
    public Optional<String> rejection(AlarmEvent alarm) {
        if (homeAccount.isEmpty() || homeAccount.get().equals(alarm.account())) {
            return Optional.empty();
        }
        return Optional.of("alarm of account " + alarm.account() + ": alarms are decided only in the account Backstop runs in ("
                + homeAccount.get() + ")");
    }

    @Override
    public CredentialScope.Scope actIn(AlarmEvent alarm) {
        return credentials.home();
    }

    /** Every alarm that fires, or that a rule answers, names the changes before it; an OK no rule answers costs no lookup. */
    @Override
    public Correlated lookUp(AlarmEvent alarm, List<Rule> matched) {
        if (matched.isEmpty() && !"ALARM".equals(alarm.state())) {
            return null;
        }
        Duration window = matched.stream().map(rule -> rule.correlate().window())
                .max(Comparator.naturalOrder()).orElse(Correlation.DEFAULT.window());
        return changes.before(alarm, window);
    }

    @Override
    public Optional<String> unmet(Rule rule, AlarmEvent alarm, Correlated found) {
        Correlation correlate = rule.correlate();
        if (!correlate.requiresChange()) {
            return Optional.empty();
        }
        List<RecentChange> required = found.requiredWithin(correlate.window(), alarm.time(), correlate.require());
        if (!required.isEmpty()) {
            return Optional.empty();
        }
        String where = found.resources().isEmpty() ? "the alarm's resources" : String.join(", ", found.resources());
        return Optional.of("correlate.require: no " + String.join(", ", correlate.require()) + " to " + where + " in the "
                + correlate.windowInWords() + " before the alarm" + (found.note() == null ? "" : " (" + found.note() + ")"));
    }

    @Override
    public String unplannedResource(AlarmEvent alarm) {
        return alarm.alarmArn();
    }

    @Override
    public AuditRecord record(AlarmEvent alarm, Correlated found, Verdict verdict) {
        AlarmContext context = new AlarmContext(alarm.alarmName(), alarm.alarmArn(), alarm.state(), alarm.previousState(),
                alarm.reason(), found == null ? List.of() : found.resources(), found == null ? List.of() : found.changes(),
                found == null ? "not looked up" : found.note());
        return new AuditRecord(verdict.auditId(), alarm.id(), AlarmPayloadParser.DETAIL_TYPE, "aws.cloudwatch", alarm.account(),
                alarm.region(), alarm.time(), verdict.decidedAt(), null, null, null, verdict.outcome(), verdict.reason(),
                verdict.actions(), context);
    }
}
