package org.tejido.national;

import java.io.PrintStream;
import java.util.OptionalInt;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.tejido.national.backup.BackupCli;

/**
 * The national network's node: its registry, consent, encryption and federation log. Nothing of it
 * exists in a regional aggregator's context, so an aggregator can never hold a national record.
 */
@Configuration(proxyBeanMethods = false)
@Profile("national")
@ComponentScan
public class NationalRole {
    /**
     * Runs the national node's commands that work without the server ({@code backup}, {@code restore}),
     * answering their exit status, or empty when the arguments ask for something else.
     */
    public static OptionalInt offlineCommand(String[] args, PrintStream out, PrintStream err) {
        return BackupCli.requested(args) ? OptionalInt.of(BackupCli.execute(args, out, err)) : OptionalInt.empty();
    }
}
