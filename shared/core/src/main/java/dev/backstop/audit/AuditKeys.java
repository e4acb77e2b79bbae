package dev.backstop.audit;

import java.time.Instant;

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
    /** Where a breaker's records of its trips and closes live, apart from its state ({@code breaker#}). */
    public static final String BREAKER_PREFIX = "breaker-record#";
    /** Where the records of the team's rule file versions live, loaded ({@code rules#<file>#<ETag>}) or rejected. */
    public static final String RULE_FILE_PREFIX = "rules#";

    private AuditKeys() {
    }

    /** The key of the decision about the event (or alarm state change) with this id. */
    public static String decision(String eventId) {
        return DECISION_PREFIX + eventId;
    }

    /** The key of a breaker's record of its trip or close ({@code what}), at that time. */
    public static String breaker(String breakerKey, String what, Instant at) {
        return BREAKER_PREFIX + breakerKey + "#" + what + "#" + at;
    }

    /**
     * The key of the record of one version of a team's rule file put in force: the file and its
     * ETag, which {@code ./backstop selfcheck} compares with the ETag in S3.
     */
    public static String ruleFile(String location, String eTag) {
        return RULE_FILE_PREFIX + location + "#" + eTag;
    }

    /** The key of the record of one version of a team's rule file that was rejected. */
    public static String ruleFileRejected(String location, String eTag) {
        return ruleFile(location, eTag) + "#rejected";
    }

    /**
     * An audit id as a person types it: a full key as it is, a bare event id (which has no
     * {@code #}) as the key of its decision.
     */
    public static String typed(String text) {
        return text.contains("#") ? text : decision(text);
    }
}
