package dev.backstop.cli.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Log files in a folder, as a trail lays them out in S3 ({@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/})
 * or loose. Day folders outside the window are never opened; the days are read oldest first,
 * all accounts and regions of a day together in the order the files were written. Loose files
 * (outside day folders) are read first, in the order of their names' times.
 */
final class DirectorySource implements EventSource {

    private final Path root;
    private final FileFeeder feeder;
    private int filesSeen;
    private double done;

    DirectorySource(Path root, FileFeeder feeder) {
        this.root = root;
        this.feeder = feeder;
    }

    @Override
    public void read(Window window, LogFeed feed) {
        List<Path> loose = new ArrayList<>();
        Map<LocalDate, List<Path>> days = new TreeMap<>();
        walk(window, loose, days, feed);
        double steps = days.size() + 1;
        feedAll(loose, feed, 0, 1 / steps);
        int day = 1;
        for (List<Path> folders : days.values()) {
            List<Path> files = new ArrayList<>();
            for (Path folder : folders) {
                files.addAll(list(folder, feed));
            }
            feedAll(files, feed, day / steps, (day + 1) / steps);
            day++;
        }
    }

    @Override
    public double done() {
        return done;
    }

    @Override
    public String describe() {
        return filesSeen + (filesSeen == 1 ? " file" : " files") + " under " + root;
    }

    /** Feeds the files in the order they were written; the progress goes from {@code from} to {@code to} of the source. */
    private void feedAll(List<Path> files, LogFeed feed, double from, double to) {
        files.sort(Comparator.comparing((Path file) -> LogNames.fileTime(file.getFileName().toString()).orElse(Instant.EPOCH))
                .thenComparing(Path::toString));
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            filesSeen++;
            // Counted as done when its records are reported, which is when the progress line reads it.
            done = from + (to - from) * (i + 1) / files.size();
            try {
                feeder.feed(file.toString(), Files.newInputStream(file), feed);
            } catch (IOException | UncheckedIOException e) {
                feed.unreadable(file.toString(), "cannot read: " + e.getMessage());
            }
        }
    }

    /** Collects the day folders the window may need, and the loose files, without opening a log. */
    private void walk(Window window, List<Path> loose, Map<LocalDate, List<Path>> days, LogFeed feed) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root) && LogNames.isNotLogs(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    var day = LogNames.day(folders(dir));
                    if (day.isPresent()) {
                        if (window.mayHoldDay(day.get())) {
                            days.computeIfAbsent(day.get(), key -> new ArrayList<>()).add(dir);
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (LogNames.isLogFile(file.getFileName().toString())) {
                        loose.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    feed.unreadable(file.toString(), "cannot read: " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> folders(Path dir) {
        List<String> names = new ArrayList<>();
        root.relativize(dir).forEach(part -> names.add(part.toString()));
        return names;
    }

    private static List<Path> list(Path folder, LogFeed feed) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Files.isRegularFile(file) && LogNames.isLogFile(file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            feed.unreadable(folder.toString(), "cannot list: " + e.getMessage());
            return List.of();
        }
    }
}
