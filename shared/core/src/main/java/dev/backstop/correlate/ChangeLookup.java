package dev.backstop.correlate;

import dev.backstop.event.AlarmEvent;
import java.time.Duration;

/**
 * "Who lit the fire": the changes recorded to an alarm's resources in a window before it. The
 * alarm functions bind the CloudTrail implementation ({@code backstop-correlate}); the engine
 * sees only this.
 *
 * <pre>{@code
 * Correlated found = lookup.before(alarm, Duration.ofMinutes(15));
 * }</pre>
 */
public interface ChangeLookup {

    /**
     * The changes before the alarm, newest first. A transient failure propagates (the alarm is
     * retried); any other ends up in the result's note.
     */
    Correlated before(AlarmEvent alarm, Duration window);
}
