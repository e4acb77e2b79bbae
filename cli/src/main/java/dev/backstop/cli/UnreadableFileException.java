package dev.backstop.cli;

import dev.backstop.text.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file named on the command line that cannot be read: a usage error (exit 2), not a failure. */
public final class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(Path file, String why) {
        super("cannot read " + Shown.escaped(file.toString()) + ": " + why);
    }

    /** Throws this exception when the file cannot be read at all: before a command reads any of its files. */
    public static void requireReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file, "it is a directory");
        }
        if (!Files.exists(file)) {
            throw new UnreadableFileException(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableFileException(file, "permission denied");
        }
    }

    /**
     * The file's bytes, at most {@code limit} of them and one more (so that the caller can say a
     * larger file is too large without holding it), or this exception saying plainly why not.
     */
    public static byte[] read(Path file, int limit) {
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file, "it is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file, "permission denied");
        } catch (IOException e) {
            throw new UnreadableFileException(file, Shown.truncated(String.valueOf(e.getMessage())));
        }
    }
}
