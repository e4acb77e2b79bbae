package dev.backstop.action.cloudtrail;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which management events a trail logs: read calls, write calls, and the event sources it leaves
 * out (KMS and RDS Data API can be excluded).
 */
record ManagementCoverage(boolean read, boolean write, Set<String> excludedSources) {

    static final ManagementCoverage ALL = new ManagementCoverage(true, true, Set.of());

    ManagementCoverage {
        excludedSources = Set.copyOf(excludedSources);
    }

    /** True when this logs less than {@code before}: a kind of call dropped, or a source newly left out. */
    boolean narrowerThan(ManagementCoverage before) {
        return (before.read && !read) || (before.write && !write)
                || !before.excludedSources.containsAll(excludedSources);
    }

    String describe() {
        String kinds = read && write ? "read and write" : read ? "read only" : write ? "write only" : "none";
        return excludedSources.isEmpty() || !(read || write) ? kinds : kinds + " except " + String.join(", ",
                new TreeSet<>(excludedSources));
    }
}
