package org.tejido.regional.statistics.generator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.Tejido;

/**
 * Fills an aggregator's data directory with a synthetic federation, for a demo of the statistics and
 * the dashboard (docs/statistics-releases.md, "Synthetic federation"): starts the aggregator on that
 * directory (no gRPC endpoint), writes the federation as signed logs through its real intake, and stops.
 * Start the aggregator on the same directory afterwards, as usual.
 *
 * <pre>
 * deploy/bench/run-java-benchmark.sh org.tejido.regional.statistics.generator.SyntheticFederationDemo \
 *     --data-dir=/tmp/tejido-demo [--attacks-per-year=8000] [--first-year=2024] [--years=2] [--seed=1]
 * </pre>
 */
public final class SyntheticFederationDemo {
    private SyntheticFederationDemo() {}

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String dataDir = options.get("data-dir");
        if (dataDir == null) {
            System.err.println("--data-dir=<the aggregator's data directory> is required");
            System.exit(2);
        }
        SyntheticFederation federation = SyntheticFederation.generate(
                SyntheticFederation.Settings.defaults(Long.parseLong(options.getOrDefault("seed", "1")))
                        .withAttacksPerYear(Integer.parseInt(options.getOrDefault("attacks-per-year", "8000")))
                        .withYears(
                                Integer.parseInt(options.getOrDefault("first-year", "2024")),
                                Integer.parseInt(options.getOrDefault("years", "2"))));
        try (ConfigurableApplicationContext aggregator = new SpringApplicationBuilder(Tejido.class)
                .profiles("regional")
                .run(
                        "--tejido.data-dir=" + Path.of(dataDir).toAbsolutePath(),
                        "--server.port=0",
                        "--tejido.federation.server.enabled=false",
                        "--logging.level.root=WARN")) {
            FederationWriter.Written written = new FederationWriter(aggregator, 1024).write(federation);
            for (SyntheticOrigin origin : federation.origins()) {
                System.out.printf(
                        "%s: %,d shares, %,d amendments, %,d revocations; %,d records counted%n",
                        origin.origin(),
                        origin.count(SyntheticEntry.Kind.SHARE),
                        origin.count(SyntheticEntry.Kind.AMEND),
                        origin.count(SyntheticEntry.Kind.REVOKE),
                        origin.currentRecords().size());
            }
            System.out.printf(
                    "written: %,d entries in %.1f s (%,.0f entries/s) into %s%n",
                    written.entries(), written.seconds(), written.entriesPerSecond(), dataDir);
        }
    }
}
