package org.muster.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's own threads (load generator, fake Bot API), named {@code bench-…}, and the CPU
 * they used: it runs in Muster's JVM, so it is taken out of the JVM's figure. A thread adds its CPU
 * time here when it ends; the live ones are read from the {@link ThreadMXBean}.
 */
final class HarnessThreads {

    static final String PREFIX = "bench-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final LongAdder FINISHED_NANOS = new LongAdder();

    private HarnessThreads() {
    }

    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                FINISHED_NANOS.add(THREADS.getCurrentThreadCpuTime());
            }
        }, PREFIX + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** CPU nanoseconds of every harness thread so far, the finished and the running ones. */
    static long cpuNanos() {
        long total = FINISHED_NANOS.sum();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(PREFIX) && thread.isAlive()) {
                long cpu = THREADS.getThreadCpuTime(thread.getId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
