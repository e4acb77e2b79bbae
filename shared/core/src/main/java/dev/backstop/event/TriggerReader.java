package dev.backstop.event;

import java.util.List;

/**
 * Reads what one Lambda function is delivered into triggers: each function's handler holds the
 * reader of its payload shape and hands what it reads to the engine.
 *
 * <pre>{@code
 * List<AuditRecord> decisions = engine.handle(reader.deliveries(payload));
 * }</pre>
 */
public interface TriggerReader {

    /** The kind of trigger it reads, which the engine of its function must decide. */
    Class<? extends Trigger> reads();

    /**
     * Every trigger of the payload, in delivery order. A part that cannot be read is a rejected
     * delivery naming the field at fault; the other parts are still read.
     */
    List<Delivery> deliveries(byte[] payload);
}
