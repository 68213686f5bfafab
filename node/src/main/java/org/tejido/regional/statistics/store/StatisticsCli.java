package org.tejido.regional.statistics.store;

import java.io.PrintStream;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tejido.platform.cli.AdminCli;
import org.tejido.platform.problem.Redacted;

/**
 * The aggregator's admin command for its statistics store, run against the aggregator's own database
 * (with the embedded one, through the running aggregator's PostgreSQL if there is one):
 *
 * <pre>
 * statistics rebuild
 * </pre>
 *
 * Prints the entries rebuilt and the rate, entries per second. Exit codes as for {@code nodes}: 0 done,
 * 1 failed (nothing changed), 2 not understood.
 */
@Component
public class StatisticsCli extends AdminCli {
    public static final String COMMAND = "statistics";

    static final String USAGE = """
            Uso / Usage:
              statistics rebuild
                  rehace el almacén de estadísticas a partir del contenido guardado; los lotes que lleguen
                  mientras tanto esperan a que termine
                  rebuilds the statistics store from the stored content; batches arriving meanwhile wait
                  until it is done
              statistics --help
                  esta ayuda / this help
            """;

    private final StatisticsRebuild rebuild;

    StatisticsCli(StatisticsRebuild rebuild) {
        super(COMMAND);
        this.rebuild = rebuild;
    }

    public static boolean requested(String... args) {
        return AdminCli.requested(COMMAND, args);
    }

    @Override
    public int execute(String[] args, PrintStream out, PrintStream err) {
        String[] own = java.util.Arrays.stream(args)
                .skip(1)
                .filter(a -> !(a.startsWith("--") && a.substring(2).contains(".")))
                .toArray(String[]::new);
        if (own.length == 1 && (own[0].equals("--help") || own[0].equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        if (own.length != 1 || !own[0].equals("rebuild")) {
            err.print(USAGE);
            return 2;
        }
        StatisticsRebuild.Result result;
        try {
            result = rebuild.rebuild();
        } catch (RuntimeException e) {
            // One transaction: a failed rebuild leaves the table as it was.
            err.println("No se pudo rehacer el almacén de estadísticas; nada cambió.");
            err.println("The statistics store could not be rebuilt; nothing changed: " + Redacted.of(e));
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "Almacén de estadísticas rehecho / Statistics store rebuilt: %d entradas / entries, %.1f s,"
                        + " %.0f entradas/s / entries/s%n",
                result.entries(),
                result.took().toNanos() / 1e9,
                result.entriesPerSecond());
        return 0;
    }
}
