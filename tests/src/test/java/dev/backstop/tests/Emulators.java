package dev.backstop.tests;

import dev.backstop.cli.demo.DemoComponent;
import dev.backstop.cli.demo.DemoWorld;
import java.net.URI;
import java.util.UUID;

/**
 * The local emulators the integration tests talk to, through the standard AWS_ENDPOINT_URL
 * settings ({@code eval "$(scripts/emulators env)"}). Refuses anything but a local endpoint, so
 * the tests can never create or stop trails in a real account.
 */
public final class Emulators {

    private Emulators() {
    }

    public static DemoWorld world() {
        requireLocalEndpoint();
        return DemoComponent.create().world();
    }

    /** Fails unless the SDK's endpoint settings point at this machine. */
    public static void requireLocalEndpoint() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        String host = endpoint == null ? null : URI.create(endpoint).getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalStateException("integration tests need the local emulators: run scripts/test, or"
                    + " scripts/emulators start && eval \"$(scripts/emulators env)\" before mvn verify"
                    + " (AWS_ENDPOINT_URL is " + endpoint + ")");
        }
    }

    /** A fresh name prefix, so test classes and reruns never share resources. */
    public static String uniquePrefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
