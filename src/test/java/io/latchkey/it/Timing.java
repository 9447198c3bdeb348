package io.latchkey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Supplier;

/** Wall-clock timing of requests, compared by medians, with the figures kept in target/security-timing.txt. */
final class Timing {

    private Timing() {
    }

    static long nanos(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    static double medianMillis(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1_000_000.0;
    }

    /** Records a comparison and returns the relative difference of the medians. */
    static double compare(String what, String firstName, List<Long> first, String secondName, List<Long> second) {
        double a = medianMillis(first);
        double b = medianMillis(second);
        double difference = Math.abs(a - b) / Math.min(a, b);
        String line = String.format("%s: median %s %.2f ms, %s %.2f ms, difference %.1f %% (%d tries each)%n",
                what, firstName, a, secondName, b, difference * 100, first.size());
        System.out.print(line);
        try {
            Files.writeString(Path.of("target/security-timing.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return difference;
    }

    static <T> T fresh(Supplier<T> request) {
        Api.actAs(Api.freshClientAddress());
        return request.get();
    }
}
