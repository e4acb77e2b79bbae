package dev.backstop.telemetry;

/**
 * The canary's heartbeat: one datapoint per account and region each time a canary loop closes (the
 * harmless change was undone, verified and audited), and one for {@link #ALL_ACCOUNTS} when every
 * account's loop of a run closed. The alarm treats the absence of the latter as breaching, and
 * {@code ./backstop selfcheck} looks for a recent one per account.
 */
public final class Heartbeat {

    public static final String NAMESPACE = Telemetry.NAMESPACE;
    public static final String METRIC = "CanaryHeartbeat";
    public static final String ACCOUNT = "Account";
    public static final String REGION = "Region";
    /** The Account dimension of the heartbeat of a run whose loops all closed: the one the alarm watches. */
    public static final String ALL_ACCOUNTS = "all";

    private Heartbeat() {
    }
}
