package dev.backstop.cli.backtest;

import dev.backstop.action.AwsErrors;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A trail's bucket, {@code s3://bucket/prefix}: the prefix's {@code CloudTrail/<region>/} folders
 * are found by listing folder by folder (accounts, organization ids), then only the day folders
 * of the window are listed, a day at a time, and each object is streamed through the reader,
 * never held whole.
 */
final class S3Source implements EventSource {

    private static final int DEPTH = 6;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final FileFeeder feeder;
    private int objects;
    private double done;

    S3Source(S3Client s3, String bucket, String prefix, FileFeeder feeder) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.feeder = feeder;
    }

    @Override
    public void read(Window window, LogFeed feed) {
        List<String> regions = new ArrayList<>();
        if (isTrailFolder(parent(prefix))) {
            regions.add(prefix);
        } else {
            findRegions(prefix, 0, regions);
        }
        if (regions.isEmpty()) {
            feed.unreadable(describe(), "no trail folders (AWSLogs/<account>/CloudTrail/<region>/) under it");
            return;
        }
        List<LocalDate> days = window.days();
        for (int d = 0; d < days.size(); d++) {
            List<String> keys = new ArrayList<>();
            String day = LogNames.dayFolder(days.get(d));
            for (String region : regions) {
                s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(region + day))
                        .contents().stream().map(S3Object::key).filter(LogNames::isLogFile).forEach(keys::add);
            }
            keys.sort(Comparator.comparing((String key) -> LogNames.fileTime(key).orElse(Instant.EPOCH))
                    .thenComparing(key -> key));
            for (int k = 0; k < keys.size(); k++) {
                // Counted as done when its records are reported, which is when the progress line reads it.
                done = (d + (k + 1.0) / keys.size()) / days.size();
                feedObject(keys.get(k), feed);
            }
        }
    }

    @Override
    public double done() {
        return done;
    }

    @Override
    public String describe() {
        return objects + (objects == 1 ? " object" : " objects") + " under s3://" + bucket + "/" + prefix;
    }

    private void feedObject(String key, LogFeed feed) {
        String name = "s3://" + bucket + "/" + key;
        objects++;
        try {
            feeder.feed(name, s3.getObject(request -> request.bucket(bucket).key(key)), feed);
        } catch (SdkException e) {
            if (!AwsErrors.isTransient(e)) {
                feed.unreadable(name, "cannot read: " + AwsErrors.describe(e));
                return;
            }
            throw e;
        }
    }

    private static boolean isTrailFolder(String folder) {
        return folder.equals("CloudTrail/") || folder.endsWith("/CloudTrail/");
    }

    /** The folder above {@code a/b/c/}: {@code a/b/}. */
    private static String parent(String folder) {
        int cut = folder.lastIndexOf('/', folder.length() - 2);
        return cut < 0 ? "" : folder.substring(0, cut + 1);
    }

    /** The {@code .../CloudTrail/<region>/} prefixes below this one, digest and Insights folders left out. */
    private void findRegions(String under, int depth, List<String> regions) {
        boolean trailFolder = isTrailFolder(under);
        for (CommonPrefix child : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(under).delimiter("/"))
                .commonPrefixes()) {
            String folder = child.prefix();
            String name = folder.substring(under.length(), folder.length() - 1);
            if (trailFolder) {
                regions.add(folder);
            } else if (!LogNames.isNotLogs(name) && depth < DEPTH) {
                findRegions(folder, depth + 1, regions);
            }
        }
    }
}
