package io.latchkey.mail.entity;

import java.time.Duration;

/** How often and how long a mail that fails is tried again: exponential backoff, capped, bounded in count. */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    /** The wait after the given number of failed attempts (1 for the first failure). */
    public Duration delayAfter(int failures) {
        Duration delay = base;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}
