package dev.backstop.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

/**
 * EventBridge Scheduler at the SDK edge: keeps the schedules created, by group and name, as
 * Scheduler refuses a second of one name (ConflictException) and a delete of none
 * (ResourceNotFoundException), an update or a read of none too. An update replaces the whole
 * definition, as Scheduler's does. Nothing runs: a test invokes what a schedule would.
 */
public final class FakeScheduler implements SchedulerClient {

    private final Map<String, CreateScheduleRequest> schedules = new LinkedHashMap<>();
    private RuntimeException fault;

    /** Every create fails with this, as a Scheduler that refuses (AccessDenied, a quota) does. */
    public FakeScheduler failWith(RuntimeException fault) {
        this.fault = fault;
        return this;
    }

    /** The schedules there now, by {@code group/name}. */
    public synchronized Map<String, CreateScheduleRequest> schedules() {
        return Map.copyOf(schedules);
    }

    @Override
    public synchronized CreateScheduleResponse createSchedule(CreateScheduleRequest request) {
        if (fault != null) {
            throw fault;
        }
        String key = request.groupName() + "/" + request.name();
        if (schedules.putIfAbsent(key, request) != null) {
            throw ConflictException.builder().message("Schedule " + request.name() + " already exists.").build();
        }
        return CreateScheduleResponse.builder().scheduleArn("arn:aws:scheduler:us-east-1:123456789012:schedule/" + key).build();
    }

    @Override
    public synchronized GetScheduleResponse getSchedule(GetScheduleRequest request) {
        CreateScheduleRequest found = schedules.get(request.groupName() + "/" + request.name());
        if (found == null) {
            throw notFound(request.name());
        }
        return GetScheduleResponse.builder().name(found.name()).groupName(found.groupName())
                .scheduleExpression(found.scheduleExpression())
                .scheduleExpressionTimezone(found.scheduleExpressionTimezone())
                .state(found.state() == null ? ScheduleState.ENABLED : found.state())
                .actionAfterCompletion(found.actionAfterCompletion()).description(found.description())
                .flexibleTimeWindow(found.flexibleTimeWindow()).target(found.target()).build();
    }

    @Override
    public synchronized UpdateScheduleResponse updateSchedule(UpdateScheduleRequest request) {
        if (fault != null) {
            throw fault;
        }
        String key = request.groupName() + "/" + request.name();
        if (!schedules.containsKey(key)) {
            throw notFound(request.name());
        }
        schedules.put(key, CreateScheduleRequest.builder().name(request.name()).groupName(request.groupName())
                .scheduleExpression(request.scheduleExpression())
                .scheduleExpressionTimezone(request.scheduleExpressionTimezone()).state(request.state())
                .actionAfterCompletion(request.actionAfterCompletion()).description(request.description())
                .flexibleTimeWindow(request.flexibleTimeWindow()).target(request.target()).build());
        return UpdateScheduleResponse.builder().build();
    }

    @Override
    public synchronized DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest request) {
        if (schedules.remove(request.groupName() + "/" + request.name()) == null) {
            throw notFound(request.name());
        }
        return DeleteScheduleResponse.builder().build();
    }

    private static ResourceNotFoundException notFound(String name) {
        return ResourceNotFoundException.builder().message("Schedule " + name + " does not exist.").build();
    }

    @Override
    public String serviceName() {
        return "scheduler";
    }

    @Override
    public void close() {
    }
}
