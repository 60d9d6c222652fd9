package io.localtrust.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --rate} is a cap: N attempts at R per second cannot be over before (N − 1) / R seconds.
 * Only that lower bound is asserted — a loaded machine can make it slower, never faster.
 */
class RateLimitTest {
    @Test
    void spacesAttemptsEvenly() throws InterruptedException {
        RateLimit rate = new RateLimit(200);
        long t0 = System.nanoTime();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 10; j++) {
                    rate.acquire();
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("40 attempts at 200/s").isGreaterThanOrEqualTo(190);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new RateLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
