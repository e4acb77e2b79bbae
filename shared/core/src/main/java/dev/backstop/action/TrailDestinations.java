package dev.backstop.action;

/**
 * Where the trails of the account deliver their logs, as CloudTrail reads them now: the S3
 * buckets, and the CloudWatch Logs log groups. For the actions that guard what a trail writes to
 * (a bucket's lifecycle, a log group's retention) and so act only on those; bound by the graph of
 * a function that runs them: the CloudTrail actions' {@code TrailDestinationsModule} where the
 * function has a CloudTrail client, else {@link dev.backstop.aws.SignedTrailDestinationsModule}.
 */
public interface TrailDestinations {

    /** Read in the account the engine acts in for the current decision. */
    TrailStorage read();
}
