package dev.backstop.rules.source;

import dev.backstop.aws.S3ObjectReader.StoredObject;
import dev.backstop.aws.S3ObjectReader;
import dev.backstop.config.RulesLocation;
import dev.backstop.rules.RuleFileException;
import dev.backstop.rules.RuleText;
import java.util.Optional;

/** Reads a team's rule file from S3, and says when it has not changed since the last read. */
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
     * @throws RuleFileException for a file too large or not UTF-8, naming it and the line
     */
    Optional<RuleText> readIfChanged() {
        Optional<StoredObject> read = s3.get().readIfChanged(location.bucket(), location.key(), lastETag);
        // S3 answers an unchanged file with 304; a store that ignores If-None-Match sends it again.
        if (read.isEmpty() || read.get().eTag() != null && read.get().eTag().equals(lastETag)) {
            return Optional.empty();
        }
        lastETag = read.get().eTag();
        return Optional.of(RuleText.decode(location.toString(), read.get().content()));
    }

    RulesLocation location() {
        return location;
    }

    /** The ETag of the version read last, or null before the first read. */
    String version() {
        return lastETag;
    }
}
