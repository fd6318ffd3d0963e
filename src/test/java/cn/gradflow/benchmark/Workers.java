package cn.gradflow.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The benchmark's one parallel runner ({@link ProvinceBenchmark}, {@link BareEngine}): items split over threads, each taking the next. */
final class Workers {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Told of each worker thread as it starts (before any item), and as it ends of the CPU it spent on the items and
     * the user-mode part of it.
     */
    interface Watch {
        default void started(long threadId) {
        }

        void ended(long cpuNanos, long userNanos);
    }

    private Workers() {
    }

    static <T> void run(int threads, List<T> items, Consumer<T> work, Watch watch) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    watch.started(Thread.currentThread().getId());
                    long before = THREADS.getCurrentThreadCpuTime();
                    long userBefore = THREADS.getCurrentThreadUserTime();
                    int i;
                    while ((i = next.getAndIncrement()) < items.size()) {
                        work.accept(items.get(i));
                    }
                    watch.ended(THREADS.getCurrentThreadCpuTime() - before, THREADS.getCurrentThreadUserTime() - userBefore);
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
