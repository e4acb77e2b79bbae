package dev.backstop.action.s3;

/**
 * A deleted bucket policy that Backstop cannot put back: it recorded no policy for the bucket and
 * the rule gives no baseline. The decision is FAILED, so the team hears that the bucket is still
 * without its policy.
 */
final class NothingToRestoreException extends RuntimeException {

    NothingToRestoreException(String message) {
        super(message);
    }
}
