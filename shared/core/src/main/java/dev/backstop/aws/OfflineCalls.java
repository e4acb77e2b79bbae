package dev.backstop.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK calls that run the client's whole request path (marshalling, endpoint resolution,
 * signing) and are then stopped before a byte is sent: SnapStart priming loads and links that
 * code before the snapshot without touching AWS. Every client {@link AwsClientsModule} builds
 * carries this interceptor; only requests marked with {@link #configure} are stopped.
 *
 * <pre>{@code
 * try {
 *     cloudTrail.getTrailStatus(r -> r.name(trail).overrideConfiguration(OfflineCalls::configure));
 * } catch (RuntimeException e) {
 *     assert OfflineCalls.stopped(e);
 * }
 * }</pre>
 */
public final class OfflineCalls implements ExecutionInterceptor {

    static final OfflineCalls INTERCEPTOR = new OfflineCalls();

    private static final ExecutionAttribute<Boolean> OFFLINE = new ExecutionAttribute<>("backstop.offline");

    // Throwaway keys that only ever sign a request that is never sent: the credential chain is
    // not asked, so no real credentials are resolved or frozen into a snapshot.
    private static final StaticCredentialsProvider THROWAWAY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("BACKSTOPOFFLINE", "never-sent"));

    /** Thrown where the request would have been sent. */
    public static final class NotSentException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotSentException(String operation) {
            super(operation + " stopped before sending: an offline call", null, false, false);
        }
    }

    private OfflineCalls() {
    }

    /** Marks a request as offline, with throwaway credentials; use with {@code overrideConfiguration}. */
    public static void configure(AwsRequestOverrideConfiguration.Builder override) {
        override.putExecutionAttribute(OFFLINE, Boolean.TRUE).credentialsProvider(THROWAWAY);
    }

    /** True when the failure is an offline call stopped as intended. */
    public static boolean stopped(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSentException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(OFFLINE))) {
            throw new NotSentException(context.httpRequest().method() + " " + context.request().getClass().getSimpleName());
        }
    }
}
