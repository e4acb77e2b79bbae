package dev.backstop.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How every client retries inside an invocation: the SDK's standard strategy (throttling, 5xx,
 * clock skew and network errors; exponential backoff with full jitter, 1 s base for throttling)
 * with up to {@value #MAX_ATTEMPTS} attempts, a little more patient than the default 3 since a
 * remediation that gives up goes back to Lambda's retry, seconds to minutes later. Its retry quota
 * (a token bucket per client) stops retrying when most calls fail, so an outage does not become a
 * retry storm. What still fails is transient to {@code AwsErrors} and is handed back to Lambda.
 */
public final class Retries {

    public static final int MAX_ATTEMPTS = 5;

    private Retries() {
    }

    public static RetryStrategy strategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }
}
