package dev.backstop.action;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Sorts AWS failures into those worth retrying later and those that a retry cannot fix. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** Throttling, 5xx and network failures: Lambda should retry the event. */
    public static boolean isTransient(Throwable error) {
        if (error instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return error instanceof SdkClientException;
    }

    /** The AWS error code, or the exception's message where there is none. */
    public static String describe(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
