package io.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Wall-clock timing of requests, compared by medians, with the figures kept in target/security-timing.txt. */
public final class Timing {

    private Timing() {
    }

    public static long nanos(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return System.nanoTime() - start;
    }

    public static double medianMillis(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1_000_000.0;
    }

    /** Records a comparison and returns the relative difference of the medians. */
    public static double compare(String what, String firstName, List<Long> first, String secondName, List<Long> second) {
        double a = medianMillis(first);
        double b = medianMillis(second);
        double difference = Math.abs(a - b) / Math.min(a, b);
        String line = String.format("%s: median %s %.2f ms, %s %.2f ms, difference %.1f %% (%d tries each)%n",
                what, firstName, a, secondName, b, difference * 100, first.size());
        record(line);
        return difference;
    }

    /**
     * For requests timed in pairs, one of each kind back to back: the median of the pairs' differences, relative to
     * the smaller median. What slows the machine down for a moment (the mail relay's run each second, a collection)
     * slows both of a pair, so this sees a difference between the two requests through noise that moves the medians
     * of short requests by a fifth.
     */
    public static double comparePairs(String what, String firstName, List<Long> first, String secondName, List<Long> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("not paired: " + first.size() + " and " + second.size());
        }
        double a = medianMillis(first);
        double b = medianMillis(second);
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            differences.add(first.get(i) - second.get(i));
        }
        double pairs = medianMillis(differences);
        double difference = Math.abs(pairs) / Math.min(a, b);
        record(String.format("%s: median %s %.2f ms, %s %.2f ms, median difference of %d pairs %.3f ms, %.1f %%%n",
                what, firstName, a, secondName, b, first.size(), pairs, difference * 100));
        return difference;
    }

    private static void record(String line) {
        System.out.print(line);
        try {
            Files.writeString(Path.of("target/security-timing.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fresh(Supplier<T> request) {
        Api.actAs(Api.freshClientAddress());
        return request.get();
    }
}
