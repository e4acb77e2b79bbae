package dev.backstop.rules.source;

import dev.backstop.config.RulesLocation;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleError;
import java.util.List;
import java.util.Objects;

/**
 * Told of every version of a team's rule file that is read: put in force, or rejected. The
 * engine's side keeps Backstop's own record of each (audited and notified), so a file that turns
 * rules off or adds exemptions is seen, and {@code ./backstop selfcheck} can tell that the file in
 * S3 is the one in force. Bound by the engine's module, since the rules never reach up into the
 * audit trail; a graph without one records nothing ({@link #UNRECORDED}).
 */
public interface RuleFileLoads {

    /** Records nothing: a graph with no engine (the command line's rule tools). */
    RuleFileLoads UNRECORDED = new RuleFileLoads() {
        @Override
        public void loaded(Read read, RuleBook rules) {
        }

        @Override
        public void rejected(Read read, List<RuleError> errors) {
        }
    };

    /**
     * One version of the file as read.
     *
     * @param versionId S3's version id, or null for an unversioned bucket
     * @param eTag the ETag S3 gave the version (what selfcheck compares)
     * @param sha256 the SHA-256 of the file's bytes, in hex
     */
    record Read(RulesLocation location, String versionId, String eTag, String sha256, String text) {

        public Read {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The version is now in force, with these rules (the default pack's and the file's). */
    void loaded(Read read, RuleBook rules);

    /** The version was refused for these errors; the rules in force stay as they were. */
    void rejected(Read read, List<RuleError> errors);
}
