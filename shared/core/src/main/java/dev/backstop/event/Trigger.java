package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the engine decides on: a CloudTrail event, a CloudWatch alarm's state change or a GuardDuty
 * or Security Hub finding, each read from whatever shape it was delivered in. The engine runs one
 * rule loop for every kind; what differs by kind (who is exempt, what is looked up first, what the
 * audit record says of it) are the engine's steps for that kind.
 *
 * <p>A new kind is a record added to the permits list, with its parser, its rules and its engine
 * steps, as {@link FindingEvent} was. Actions need no change: each answers the kinds it
 * tests for, and refuses the rest.
 *
 * <pre>{@code
 * if (!(trigger instanceof CloudTrailEvent event)) {
 *     throw ActionRefusedException.unanswered(trigger);
 * }
 * }</pre>
 */
public sealed interface Trigger permits CloudTrailEvent, AlarmEvent, FindingEvent {

    /** Stable across redeliveries and delivery paths: one decision is made per id. */
    String id();

    /** The account it happened in, or null when the delivery does not say. */
    String account();

    /** The region it happened in, or null when the delivery does not say. */
    String region();

    /** The trigger in the shape rule patterns are matched against; read it, never change it. */
    JsonNode tree();

    /** Who made the change, for a trigger that is someone's call; empty for one that has no caller (an alarm, a finding). */
    Optional<UserIdentity> caller();

    /** What it is, in a few words: the API call, the alarm and its state, or the finding. */
    String summary();
}
