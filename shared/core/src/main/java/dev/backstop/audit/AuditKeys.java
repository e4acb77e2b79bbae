package dev.backstop.audit;

/**
 * The audit table holds more than decisions: chain heads ({@code chain#}), breakers
 * ({@code breaker#}), finished steps ({@code step#}), the histories the actions restore from
 * ({@code policy#}, {@code trail#}, {@code alias#}, ...). A decision's key lives in a namespace of
 * its own, {@code decision#<event id>}, so no event id, whatever it says, can name one of those
 * items, overwrite it with a claim, or pass a decision off as one.
 *
 * <pre>{@code
 * AuditKeys.decision("c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c")  // decision#c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c
 * }</pre>
 */
public final class AuditKeys {

    public static final String DECISION_PREFIX = "decision#";

    private AuditKeys() {
    }

    /** The key of the decision about the event (or alarm state change) with this id. */
    public static String decision(String eventId) {
        return DECISION_PREFIX + eventId;
    }

    /**
     * An audit id as a person types it: a full key as it is, a bare event id (which has no
     * {@code #}) as the key of its decision.
     */
    public static String typed(String text) {
        return text.contains("#") ? text : decision(text);
    }
}
