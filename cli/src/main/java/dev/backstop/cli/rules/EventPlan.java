package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.rules.ActionSpec;
import java.util.List;

/**
 * What the handler would decide for one event, as far as the event alone can tell.
 *
 * @param source the file the event came from
 * @param where its place in the file ({@code Records[3]}), empty for a file of one event
 * @param ignored why the handler would act on none of the matches (a failed API call), or null
 * @param protectedCaller why the handler would tell of the matches (PROTECTED) and act on none: a
 *     protected principal made the call; or null
 * @param error why the event could not be read, or null
 */
record EventPlan(String source, String where, String eventId, String eventName, String ignored, String protectedCaller,
        List<Match> matches, String error) {

    EventPlan {
        matches = List.copyOf(matches);
    }

    static EventPlan rejected(String source, String where, String eventId, String eventName, String error) {
        return new EventPlan(source, where, eventId, eventName, null, null, List.of(), error);
    }

    boolean isRejected() {
        return error != null;
    }

    /**
     * One matching rule.
     *
     * @param mode the rule's mode for the event's account, capped by the global mode and the kill switch
     * @param modeReason why that mode: the rule's, a when case, the cap; and what tags decide at run time
     * @param exemption the exemption that applies, or what is left to decide at run time, or null
     * @param actions the actions that would run: none when the rule is off, exempted, or the event ignored or
     *     made by a protected principal
     */
    record Match(String rule, Mode mode, String modeReason, boolean exempted, String exemption, List<ActionSpec> actions) {

        Match {
            actions = List.copyOf(actions);
        }
    }
}
