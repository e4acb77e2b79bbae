package dev.backstop.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file named on the command line that cannot be read: a usage error (exit 2), not a failure. */
public final class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(Path file, String why) {
        super("cannot read " + file + ": " + why);
    }

    /** The file's bytes, or this exception saying plainly why not. */
    public static byte[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file, "it is a directory");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file, "permission denied");
        } catch (IOException e) {
            throw new UnreadableFileException(file, e.getMessage());
        }
    }
}
