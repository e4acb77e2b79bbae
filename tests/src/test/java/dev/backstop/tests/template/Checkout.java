package dev.backstop.tests.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in; Maven runs them from tests/, so its root is found upwards. */
final class Checkout {

    private static final Path ROOT = root();

    private Checkout() {
    }

    /** A file or folder by its path from the root of the checkout, such as "template.yaml". */
    static Path file(String path) {
        return ROOT.resolve(path);
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml and events/ above " + Path.of("").toAbsolutePath());
    }
}
