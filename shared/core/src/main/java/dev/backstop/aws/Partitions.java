package dev.backstop.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * The partition a region belongs to, for the ARNs Backstop builds, read from the region's name
 * by the prefixes AWS gives each partition's regions. Asking the SDK ({@code Region.metadata()})
 * loads its metadata of every region, about 130 ms in a fresh JVM: on a cold start's first event
 * that is more than the call it would spare.
 *
 * <pre>{@code
 * Partitions.of("cn-north-1")   // aws-cn
 * Partitions.of("us-east-1")    // aws
 * }</pre>
 */
public final class Partitions {

    // Longest prefix first: us-gov- and the us-iso ones before anything shorter would match.
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("us-gov-", "aws-us-gov"),
            Map.entry("us-isob-", "aws-iso-b"),
            Map.entry("us-isof-", "aws-iso-f"),
            Map.entry("us-iso-", "aws-iso"),
            Map.entry("eu-isoe-", "aws-iso-e"),
            Map.entry("eusc-", "aws-eusc"),
            Map.entry("cn-", "aws-cn"));

    private static final String GLOBAL = "-global";

    private Partitions() {
    }

    /**
     * The partition of the region of this name, or of the SDK's pseudo-region for a partition's
     * global endpoints ({@code aws-cn-global}); {@code aws} for any other name, or none.
     */
    public static String of(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("aws-") && region.endsWith(GLOBAL)) {
            return region.substring(0, region.length() - GLOBAL.length());
        }
        for (Map.Entry<String, String> prefix : PREFIXES) {
            if (region.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return "aws";
    }

    public static String of(Region region) {
        return of(region.id());
    }
}
