package io.latchkey.throttling;

import java.time.Duration;

/** At most {@code max} hits per {@code window}, counted in fixed windows. */
public record Limit(int max, Duration window) {
}
