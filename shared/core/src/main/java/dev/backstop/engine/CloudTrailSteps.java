package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.action.EventObserver;
import dev.backstop.audit.AuditRecord;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.config.Settings;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import dev.backstop.rules.Pipelines;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * The engine's steps for a CloudTrail event: an account not on the allowlist is rejected before
 * any observer records anything from it; the actions act in the event's account
 * ({@link MemberAccounts}); a failed call changed nothing and is ignored; the observers see every
 * other call, Backstop's own included, which is then ignored; a call a protected principal made is
 * matched, and its rules are told, never run ({@link ProtectedCallers}). The audit record names the caller.
 */
final class CloudTrailSteps implements TriggerSteps<CloudTrailEvent> {

    /** Counted when an observer failed on an event (not transiently): a gap in Backstop's own records. */
    static final String OBSERVER_FAILED = Degradation.OBSERVER_FAILED.metric();

    private final MemberAccounts accounts;
    private final IgnoredCalls ignored;
    private final ProtectedCallers protectedCallers;
    private final Set<EventObserver> observers;
    private final Telemetry telemetry;

    @Inject
    CloudTrailSteps(Settings settings, MemberAccounts accounts, Set<EventObserver> observers, Telemetry telemetry) {
        this.accounts = accounts;
        // Its roles here, and its member-role sessions in the member accounts.
        this.ignored = new IgnoredCalls(settings.ownPrincipals(), accounts.ownSessions());
        this.protectedCallers = new ProtectedCallers(settings.protectedPrincipals());
        this.observers = Set.copyOf(observers);
        this.telemetry = telemetry;
    }

    @Override
    public Class<CloudTrailEvent> kind() {
        return CloudTrailEvent.class;
    }

    @Override
    public String named(CloudTrailEvent event) {
        return "event " + event.eventId();
    }

    @Override
    public Optional<String> rejection(CloudTrailEvent event) {
        if (accounts.allows(event.account())) {
            return Optional.empty();
        }
        return Optional.of("account " + event.account() + " is not on the allowlist (AllowedAccounts): its events are never"
                + " acted on");
    }

    /** The remediation clients act in the event's account; the audit table, the topic and the rule file stay the home account's. */
    @Override
    public CredentialScope.Scope actIn(CloudTrailEvent event) {
        return accounts.actAs(event.account());
    }

    @Override
    public Optional<String> ignored(CloudTrailEvent event) {
        Optional<String> failed = IgnoredCalls.failed(event);
        if (failed.isPresent()) {
            return failed;
        }
        observe(event);
        return ignored.own(event);
    }

    @Override
    public Optional<String> protectedCaller(CloudTrailEvent event) {
        return protectedCallers.madeBy(event);
    }

    /**
     * A call that creates a resource ({@code Create*}, {@code Run*}, {@code Import*}), or any call a
     * pipeline principal made, settles until the rule files' settle time after the call: a
     * pipeline tags what it creates in calls of its own, moments later.
     */
    @Override
    public Optional<Instant> settledAt(CloudTrailEvent event, Pipelines pipelines) {
        if (pipelines.settle().isZero()) {
            return Optional.empty();
        }
        String name = event.detail().eventName();
        boolean creating = name.startsWith("Create") || name.startsWith("Run") || name.startsWith("Import");
        boolean byPipeline = pipelines.principals().stream().anyMatch(glob -> glob.matches(event.detail().userIdentity()));
        return creating || byPipeline ? Optional.of(event.detail().eventTime().plus(pipelines.settle())) : Optional.empty();
    }

    /** Before an action planned there is no resource to name. */
    @Override
    public String unplannedResource(CloudTrailEvent event) {
        return "-";
    }

    @Override
    public AuditRecord record(CloudTrailEvent event, Correlated found, Verdict verdict) {
        var detail = event.detail();
        return new AuditRecord(verdict.auditId(), event.eventId(), detail.eventName(), detail.eventSource(), event.account(),
                event.region(), detail.eventTime(), verdict.decidedAt(), detail.userIdentity().displayName(),
                detail.userIdentity().type(), detail.sourceIpAddress(), verdict.outcome(), verdict.reason(),
                verdict.actions());
    }

    private void observe(CloudTrailEvent event) {
        for (EventObserver observer : observers) {
            try {
                observer.observe(event);
            } catch (RuntimeException e) {
                if (AwsErrors.isTransient(e)) {
                    throw e;
                }
                String name = observer.getClass().getSimpleName();
                telemetry.count(OBSERVER_FAILED, name + " could not record event " + event.eventId() + ": "
                        + AwsErrors.describe(e), telemetry.fields().put("observer", name).put("eventId", event.eventId())
                        .put("error", AwsErrors.describe(e)));
            }
        }
    }
}
