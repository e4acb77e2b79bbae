package dev.backstop.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.aws.OneTimeSchedules;
import dev.backstop.event.Trigger;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Puts a decision off: keeps its trigger as a {@link Deferral} in the audit table and creates the
 * one-time schedule that invokes the function that decided again at the due time, with
 * {@code {"backstop": "deferred", "id": ID}} as its input. Used for a rule's veto window
 * ({@code enforce-after}) and for the settle time of resources being created.
 */
@Singleton
final class VetoWindow {

    /** The input a deferred decision's schedule invokes the function with. */
    static final String DEFERRED = Deferrals.RUN;

    private final Deferrals deferrals;
    private final OneTimeSchedules schedules;
    private final InvocationTarget target;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    VetoWindow(Deferrals deferrals, OneTimeSchedules schedules, InvocationTarget target, ObjectMapper json, Clock clock) {
        this.deferrals = deferrals;
        this.schedules = schedules;
        this.target = target;
        this.json = json;
        this.clock = clock;
    }

    /** When a window of this length that starts now ends: rounded up to the minute, as the schedule runs. */
    Instant dueAfter(Duration window) {
        return OneTimeSchedules.runsAt(clock.instant().plus(window));
    }

    /** Why nothing can be deferred in this function, or empty when it can. */
    Optional<String> unavailable() {
        if (!schedules.available()) {
            return Optional.of("no scheduler role (BACKSTOP_SCHEDULER_ROLE_ARN) to schedule it with");
        }
        if (target.arn().isEmpty()) {
            return Optional.of("the function's own ARN is unknown, so no schedule can invoke it again");
        }
        return Optional.empty();
    }

    /**
     * Defers the trigger under the id, due at the time, for the steps ({@code RULE#INDEX}) and in
     * words the actions; a redelivery that finds it deferred already changes nothing.
     */
    void defer(String id, Deferrals.Purpose purpose, Trigger trigger, Instant due, List<String> steps, List<String> actions) {
        String schedule = Deferrals.scheduleName(id);
        boolean created = deferrals.create(Deferral.pending(id, purpose, due, trigger.tree().toString(), schedule,
                trigger.account(), trigger.region(), steps, actions));
        // A retry after a failure between the two writes schedules it then; a schedule already there is kept.
        if (created || deferrals.find(id).map(found -> found.state().equals(Deferrals.PENDING)).orElse(false)) {
            String function = target.arn().orElseThrow();
            // Before the schedule exists: the self-watch puts back only a schedule it can name the deferral of.
            deferrals.recordSchedule(new Deferrals.ScheduleOwner(schedule, id, function));
            schedules.create(schedule, due, function, Deferrals.runInput(id));
        }
    }

    /**
     * The deferral a payload names when a schedule invoked the function with it; empty for any
     * other payload (no event EventBridge or SNS delivers has a top-level {@code backstop} field).
     */
    Optional<String> deferredId(byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            return node != null && node.isObject() && DEFERRED.equals(node.path("backstop").asText())
                    && node.path("id").isTextual() ? Optional.of(node.path("id").asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
