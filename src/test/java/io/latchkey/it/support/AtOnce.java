package io.latchkey.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The same request fired by many clients at once, released together: for "exactly one wins" tests. */
public final class AtOnce {

    private AtOnce() {
    }

    public interface Call {
        int status(int i) throws Exception;
    }

    /** The statuses of {@code n} calls started at the same moment, in call order. */
    public static List<Integer> statuses(int n, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.status(index);
                };
                results.add(threads.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }
}
