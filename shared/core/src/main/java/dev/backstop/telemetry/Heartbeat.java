package dev.backstop.telemetry;

/**
 * The canary's heartbeat: one datapoint per account and region each time a canary loop closes (the
 * harmless change was undone, verified and audited). An alarm treats its absence as breaching, and
 * {@code ./backstop selfcheck} looks for a recent one.
 */
public final class Heartbeat {

    public static final String NAMESPACE = Telemetry.NAMESPACE;
    public static final String METRIC = "CanaryHeartbeat";
    public static final String ACCOUNT = "Account";
    public static final String REGION = "Region";

    private Heartbeat() {
    }
}
