package org.tejido.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU seconds used so far by this JVM and by every PostgreSQL process on the machine. On a shared,
 * noisy machine the CPU a line uses per operation varies far less than its rate, so it shows what a
 * change did when the rate alone cannot.
 */
final class BenchCpu {
    private BenchCpu() {}

    static double jvmSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** Bytes allocated on the heap so far by every thread of this JVM, ended threads included. */
    static long jvmAllocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** Only processes still alive count: the node's connections are long-lived, so its backends are. */
    static double postgresSeconds() {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToDouble(p ->
                        p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .sum();
    }
}
