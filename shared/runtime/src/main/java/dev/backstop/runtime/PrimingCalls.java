package dev.backstop.runtime;

import dev.backstop.aws.OfflineCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** What the SnapStart priming hooks share: their sample events and their offline calls. */
public final class PrimingCalls {

    private PrimingCalls() {
    }

    /** 1 when the call was stopped unsent, as intended; any other failure is no reason to fail a checkpoint. */
    public static int offline(Supplier<?> call) {
        try {
            call.get();
            return 0;
        } catch (RuntimeException e) {
            return OfflineCalls.stopped(e) ? 1 : 0;
        }
    }

    /** A sample event shipped beside the priming hooks. */
    public static byte[] sample(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the priming sample " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the priming sample " + name, e);
        }
    }
}
