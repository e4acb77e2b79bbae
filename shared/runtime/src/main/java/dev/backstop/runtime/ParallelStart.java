package dev.backstop.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A cold start on two threads: what one part of the graph needs is built on a second thread
 * while the caller builds another part that shares none of it. A handler builds its engine (the
 * SDK clients, their HTTP client and TLS context: mostly class loading) this way while it
 * compiles the rules (parsing and checking: mostly computing); the engine reads the rules only
 * when it decides. On one core this is the same work in about the same time.
 */
final class ParallelStart {

    static final String THREAD = "backstop-start";

    private ParallelStart() {
    }

    /**
     * Runs {@code meanwhile} on the calling thread while {@code built} runs on another, and returns
     * what {@code built} made once both are done. A failure of either is thrown here as it was
     * thrown, {@code meanwhile}'s first.
     */
    static <T> T whileBuilding(Supplier<T> built, Runnable meanwhile) {
        FutureTask<T> task = new FutureTask<>(built::get);
        Thread thread = new Thread(task, THREAD);
        // A start that fails on this thread must not keep the JVM alive for the other one.
        thread.setDaemon(true);
        thread.start();
        meanwhile.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the handler's graph was built", e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
