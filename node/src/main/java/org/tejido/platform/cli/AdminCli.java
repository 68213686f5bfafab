package org.tejido.platform.cli;

import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * An admin command run as the node's own program against its database ({@code users ...}, {@code nodes
 * ...}): when the first argument names it, {@link org.tejido.Tejido} starts without a web server, the
 * command does the one thing asked, and the program exits with its code (0 done, 1 refused, 2 not
 * understood).
 */
public abstract class AdminCli implements ApplicationRunner, ExitCodeGenerator {
    private final String name;
    private int exitCode;

    protected AdminCli(String name) {
        this.name = name;
    }

    /** Whether these program arguments ask for the command {@code name} instead of the server. */
    public static boolean requested(String name, String... args) {
        return args.length > 0 && name.equals(args[0]);
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String[] args = arguments.getSourceArgs();
        if (requested(name, args)) {
            exitCode = execute(args, System.out, System.err);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Runs one command (its name first) and answers its exit code. */
    public abstract int execute(String[] args, PrintStream out, PrintStream err);
}
