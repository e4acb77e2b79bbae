package dev.backstop.telemetry;

/**
 * Failures Backstop goes on after, degraded: the team was not told of a decision, or one of
 * Backstop's own records (a history, the audit chain) or checks (a trail) has a gap. Each is
 * counted as the metric of its name ({@link Telemetry#count}, namespace Backstop, no dimensions),
 * and template.yaml alarms on every one of them (its {@code DegradedMetrics} loop; a template
 * test fails when the two disagree).
 */
public enum Degradation {

    /** A decision's SNS notification could not be sent. */
    NOTIFICATION_FAILED("NotificationFailed"),
    /** An observer failed on an event (not throttled); the decision went on without its record. */
    OBSERVER_FAILED("ObserverFailed"),
    /** A bucket policy, alias or trust policy change could not be read into its history. */
    HISTORY_NOT_RECORDED("HistoryNotRecorded"),
    /** The trail watchdog could not check a trail, or a member account's trails. */
    TRAIL_UNCHECKED("TrailUnchecked"),
    /** A chain position was left empty. */
    AUDIT_CHAIN_GAP("AuditChainGap"),
    /** A deferred decision was found vetoed with no veto on record: the audit table was written around ./backstop veto. */
    VETO_NOT_ON_RECORD("VetoNotOnRecord");

    private final String metric;

    Degradation(String metric) {
        this.metric = metric;
    }

    /** The metric's name. */
    public String metric() {
        return metric;
    }
}
