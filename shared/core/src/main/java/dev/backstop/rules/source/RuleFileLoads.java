package dev.backstop.rules.source;

/**
 * Told each time a version of the team's rule file passes validation and is put in force, so the
 * load can be audited (and {@code ./backstop selfcheck} can tell that the file in S3 is the one in
 * force). Bound by the engine's module; a graph without one audits nothing.
 */
public interface RuleFileLoads {

    /**
     * @param location the file, {@code s3://BUCKET/KEY}
     * @param version its ETag as S3 gave it
     * @param rules how many rules are in force with it, the default pack's included
     */
    void loaded(String location, String version, int rules);
}
