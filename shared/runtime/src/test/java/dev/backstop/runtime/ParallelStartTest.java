package dev.backstop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelStartTest {

    @Test
    void buildsOnASecondThreadWhileTheCallerRunsTheOtherPart() {
        CountDownLatch callerStarted = new CountDownLatch(1);
        Thread caller = Thread.currentThread();

        // Waits for the caller's part to have begun: done one after the other, this would time out.
        String built = ParallelStart.whileBuilding(() -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            return awaited(callerStarted) ? Thread.currentThread().getName() : "sequential";
        }, callerStarted::countDown);

        assertThat(built).isEqualTo(ParallelStart.THREAD);
    }

    @Test
    void aFailureOfTheBuiltPartIsThrownToTheCallerAsItWasThrown() {
        IllegalStateException failure = new IllegalStateException("BACKSTOP_AUDIT_TABLE is not set");

        assertThatThrownBy(() -> ParallelStart.whileBuilding(() -> {
            throw failure;
        }, () -> { })).isSameAs(failure);
    }

    @Test
    void anErrorOfTheBuiltPartStaysAnError() {
        StackOverflowError error = new StackOverflowError("deep graph");

        assertThatThrownBy(() -> ParallelStart.whileBuilding(() -> {
            throw error;
        }, () -> { })).isSameAs(error);
    }

    @Test
    void aFailureOfTheCallersPartIsThrownEvenWhenTheBuiltPartSucceeds() {
        IllegalArgumentException failure = new IllegalArgumentException("the default pack does not compile");

        assertThatThrownBy(() -> ParallelStart.whileBuilding(() -> "engine", () -> {
            throw failure;
        })).isSameAs(failure);
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
