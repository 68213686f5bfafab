package org.tejido.national.backup;

import java.io.PrintStream;

/**
 * A progress bar on the terminal (redrawn in place at most ten times a second), or one line per table
 * when the output is not a terminal (a log, a pipe).
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private long done;
    private long drawnAt;

    Progress(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(total, 1);
    }

    void advance(String table, long rows) {
        done++;
        if (terminal && System.nanoTime() - drawnAt > 100_000_000L) {
            draw(table, rows);
        }
    }

    void tableDone(String table, long rows) {
        if (terminal) {
            draw(table, rows);
        } else {
            out.printf("%3d%%  %s: %,d rows / filas%n", percent(), table, rows);
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }

    private int percent() {
        return (int) Math.min(100, done * 100 / total);
    }

    private void draw(String table, long rows) {
        drawnAt = System.nanoTime();
        int filled = percent() * WIDTH / 100;
        out.printf(
                "\r[%s%s] %3d%%  %-28s %,12d", "#".repeat(filled), "-".repeat(WIDTH - filled), percent(), table, rows);
        out.flush();
    }
}
