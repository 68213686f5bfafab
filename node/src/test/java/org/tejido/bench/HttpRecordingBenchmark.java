package org.tejido.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.tejido.support.Fixtures;

/**
 * A national node as an operator runs it ({@code ./tejido start}: the launcher's bounded JVM and
 * class-data archive), recording attacks over HTTP from N connections for a given time (issue 21). Prints
 * the time from start to ready, the rate, the latency percentiles, and the node JVM's resident memory:
 * idle after start (the baseline of the same run) and at most under the load, sampled every 250 ms from
 * {@code /proc}; the embedded PostgreSQL's processes apart. See docs/benchmarks.md.
 *
 * <pre>deploy/bench/http-recording.sh [--connections=8] [--seconds=60] [--warmup=15]</pre>
 */
public final class HttpRecordingBenchmark {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = Arrays.stream(args)
                .filter(a -> a.startsWith("--") && a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
        int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        Path root = Path.of("").toAbsolutePath();
        Path dataDir = Files.createTempDirectory("tejido-bench-http");
        int port = freePort();

        String token = lastLine(run(root, dataDir, port, "users", "add", "--name", "bench", "--role", "registrar"));
        long startedAt = System.nanoTime();
        Process node = launcher(root, dataDir, port, "start")
                .redirectOutput(dataDir.resolve("node.log").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            HttpClient probe = HttpClient.newHttpClient();
            while (!up(probe, port)) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("the node stopped; see " + dataDir.resolve("node.log"));
                }
                Thread.sleep(50);
            }
            double ready = (System.nanoTime() - startedAt) / 1e9;
            Thread.sleep(2_000);
            long idleRss = rssKb(node.pid());

            Load warm = new Load(port, token, connections);
            warm.run(Duration.ofSeconds(warmup), null);
            RssSampler sampler = new RssSampler(node.pid());
            Load load = new Load(port, token, connections);
            load.run(Duration.ofSeconds(seconds), sampler);

            long[] latencies =
                    load.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "node: ./tejido start (launcher's JVM options), ready in %.2f s (to health UP, embedded PostgreSQL"
                            + " included)%n",
                    ready);
            System.out.printf(
                    "recording over HTTP: %d connections, %d s after %d s of warm-up: %d attacks recorded, %d"
                            + " failed, %.0f attacks/s%n",
                    connections,
                    seconds,
                    warmup,
                    latencies.length,
                    load.failures.get(),
                    latencies.length / load.seconds);
            System.out.printf(
                    "latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
            System.out.printf(
                    "node JVM resident memory: idle after start %d MB (baseline), under load max %d MB, at the end %d"
                            + " MB (target < 512 MB)%n",
                    idleRss / 1024, sampler.maxKb.get() / 1024, rssKb(node.pid()) / 1024);
            System.out.printf(
                    "embedded PostgreSQL (its own processes, shared memory counted in each): %d MB%n",
                    postgresRssKb(dataDir) / 1024);
        } finally {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** Connections recording attacks as fast as the node answers, each on its own HTTP/1.1 connection. */
    private static final class Load {
        final int port;
        final String token;
        final int connections;
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong failures = new AtomicLong();
        double seconds;

        Load(int port, String token, int connections) {
            this.port = port;
            this.token = token;
            this.connections = connections;
        }

        void run(Duration duration, RssSampler sampler) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(connections);
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                Thread worker = new Thread(() -> {
                    HttpClient client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    try {
                        while (!stop.get()) {
                            HttpRequest request = HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/api/attacks"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            Fixtures.attack().json()))
                                    .build();
                            long t = System.nanoTime();
                            try {
                                HttpResponse<Void> response =
                                        client.send(request, HttpResponse.BodyHandlers.discarding());
                                if (response.statusCode() == 201) {
                                    latencies.add(System.nanoTime() - t);
                                } else {
                                    failures.incrementAndGet();
                                }
                            } catch (IOException e) {
                                failures.incrementAndGet();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
                worker.start();
            }
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                if (sampler != null) {
                    sampler.sample();
                }
                Thread.sleep(250);
            }
            stop.set(true);
            done.await();
            seconds = (System.nanoTime() - start) / 1e9;
        }
    }

    private static final class RssSampler {
        final long pid;
        final AtomicLong maxKb = new AtomicLong();

        RssSampler(long pid) {
            this.pid = pid;
        }

        void sample() {
            maxKb.accumulateAndGet(rssKb(pid), Math::max);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static long postgresRssKb(Path dataDir) {
        String pgData = dataDir.resolve("pgdata").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> p.info()
                                .arguments()
                                .map(a -> String.join(" ", a).contains(pgData))
                                .orElse(false)
                        || p.parent()
                                .flatMap(parent -> parent.info().arguments())
                                .map(a -> String.join(" ", a).contains(pgData))
                                .orElse(false))
                .mapToLong(p -> rssKb(p.pid()))
                .sum();
    }

    private static ProcessBuilder launcher(Path root, Path dataDir, int port, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("tejido").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("TEJIDO_DATA_DIR", dataDir.toString());
        builder.environment().put("TEJIDO_HTTP_PORT", String.valueOf(port));
        return builder;
    }

    private static String run(Path root, Path dataDir, int port, String... args)
            throws IOException, InterruptedException {
        Process process =
                launcher(root, dataDir, port, args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("./tejido " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    private static boolean up(HttpClient client, int port) {
        try {
            return client.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
