package dev.backstop.rules.source;

import dev.backstop.aws.S3ObjectReader.StoredObject;
import dev.backstop.aws.S3ObjectReader;
import dev.backstop.config.RulesLocation;
import dev.backstop.rules.RuleError;
import dev.backstop.rules.RuleFileException;
import dev.backstop.rules.RuleText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads a team's rule file from S3, from a bucket of the expected owner when the location names
 * one, and says when it has not changed since the last read.
 */
final class RemoteRuleFile {

    private final RulesLocation location;
    private final dagger.Lazy<S3ObjectReader> s3;
    private String lastETag;

    RemoteRuleFile(RulesLocation location, dagger.Lazy<S3ObjectReader> s3) {
        this.location = location;
        this.s3 = s3;
    }

    /**
     * The file, or empty when it is the version (ETag) read last time.
     *
     * @throws RefusedVersion for a file too large or not UTF-8, naming it and the line
     */
    Optional<RuleFileLoads.Read> readIfChanged() {
        Optional<StoredObject> read = s3.get().readIfChanged(location.bucket(), location.key(),
                location.expectedOwner().orElse(null), lastETag);
        // S3 answers an unchanged file with 304; a store that ignores If-None-Match sends it again.
        if (read.isEmpty() || read.get().eTag() != null && read.get().eTag().equals(lastETag)) {
            return Optional.empty();
        }
        lastETag = read.get().eTag();
        StoredObject stored = read.get();
        String sha256 = sha256(stored.content());
        try {
            String text = RuleText.decode(location.toString(), stored.content()).content();
            return Optional.of(new RuleFileLoads.Read(location, stored.versionId(), stored.eTag(), sha256, text));
        } catch (RuleFileException e) {
            throw new RefusedVersion(new RuleFileLoads.Read(location, stored.versionId(), stored.eTag(), sha256, ""),
                    e.errors());
        }
    }

    /**
     * A version refused before it is read as rules: still one version read, so it is audited like any
     * other refused one. For a file over the limit, the digest is of the bytes read (the limit and one).
     */
    static final class RefusedVersion extends RuntimeException {

        private final transient RuleFileLoads.Read read;
        private final transient List<RuleError> errors;

        RefusedVersion(RuleFileLoads.Read read, List<RuleError> errors) {
            super(errors.isEmpty() ? "refused" : errors.get(0).toString(), null, false, false);
            this.read = read;
            this.errors = List.copyOf(errors);
        }

        RuleFileLoads.Read read() {
            return read;
        }

        List<RuleError> errors() {
            return errors;
        }
    }

    /** Reads the file again next time, whatever its ETag. */
    void forget() {
        lastETag = null;
    }

    RulesLocation location() {
        return location;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
