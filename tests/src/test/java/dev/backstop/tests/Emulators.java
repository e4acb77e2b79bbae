package dev.backstop.tests;

import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The local emulators the integration tests talk to, through the standard AWS_ENDPOINT_URL
 * settings ({@code eval "$(scripts/emulators env)"}). Refuses anything but a local endpoint, so
 * the tests can never create or stop trails in a real account.
 */
final class Emulators {

    private Emulators() {
    }

    static DemoWorld world() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        String host = endpoint == null ? null : URI.create(endpoint).getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalStateException("integration tests need the local emulators: run scripts/test, or"
                    + " scripts/emulators start && eval \"$(scripts/emulators env)\" before mvn verify"
                    + " (AWS_ENDPOINT_URL is " + endpoint + ")");
        }
        return DemoComponent.create().world();
    }

    /** A fresh name prefix, so test classes and reruns never share resources. */
    static String uniquePrefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Path sample(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events"))) {
                return dir.resolve("events").resolve(name);
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }
}
