package org.tejido.platform.security;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.cli.AdminCli;
import org.tejido.platform.cli.CommandLogging;
import org.tejido.platform.cli.CommandOptions;
import org.tejido.platform.cli.CommandSettings;
import org.tejido.platform.database.OfflineDatabase;
import org.tejido.platform.startup.StartupFailures;
import org.tejido.platform.startup.StartupRefusal;

/**
 * The admin command for users, run as the node's own program against the node's own database
 * (embedded or external, as configured):
 *
 * <pre>
 * users add --name ana --role registrar
 * users list
 * users disable --name ana
 * users rotate --name ana
 * </pre>
 *
 * When the first argument is {@code users}, {@link org.tejido.Tejido} starts without a web server,
 * this runner does the one thing asked and the program exits with {@link #getExitCode()}: 0 done, 1
 * refused (the reason printed in Spanish and English), 2 not understood.
 */
public final class UsersCli {
    public static final String COMMAND = "users";

    private static final String USAGE = """
            Uso / Usage:
              users add --name NOMBRE --role ROL       crea un usuario y muestra su token / creates a user, shows its token
              users list                               lista usuarios y roles / lists users and roles
              users disable --name NOMBRE              deshabilita al usuario / disables the user
              users rotate --name NOMBRE               emite un token nuevo / issues a new token
            Roles: %s
            """.formatted(Role.codes());

    private final NodeUsers users;

    UsersCli(NodeUsers users) {
        this.users = users;
    }

    public static boolean requested(String... args) {
        return AdminCli.requested(COMMAND, args);
    }

    /**
     * Runs {@code users ...} without Spring, against the node's database (the running node's embedded
     * PostgreSQL if there is one), migrated first as a start would: a few statements do not need the
     * server's context, whose start took most of the command's time.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLogging.quiet();
        CommandSettings settings = new CommandSettings(
                Arrays.stream(args).filter(UsersCli::isSetting).toList(), System::getenv);
        if (settings.unknown().isPresent()) {
            err.print(USAGE);
            return 2;
        }
        try (OfflineDatabase database = settings.database(true)) {
            database.migrate(Optional.empty());
            NodeUsers users = new NodeUsers(new JdbcTemplate(database.dataSource()), Clock.systemUTC());
            return new UsersCli(users).execute(args, out, err);
        } catch (IOException | RuntimeException failure) {
            StartupRefusal refusal = StartupFailures.diagnose(failure)
                    .orElseThrow(() -> new IllegalStateException("users failed / falló", failure));
            err.println("Rechazado / Refused: " + refusal.line());
            return refusal.exitCode();
        }
    }

    /** A Spring-style setting ({@code --tejido.data-dir=…}): its name has a dot, the command's options none. */
    private static boolean isSetting(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--")
                && arg.substring(2, equals < 0 ? arg.length() : equals).contains(".");
    }

    /** Runs one command ({@code users ...}) and answers its exit code. */
    int execute(String[] args, PrintStream out, PrintStream err) {
        if (!requested(args) || args.length < 2) {
            err.print(USAGE);
            return 2;
        }
        Map<String, String> options =
                CommandOptions.parse(Arrays.copyOfRange(args, 2, args.length), Set.of("name", "role"), true);
        if (options == null) {
            err.print(USAGE);
            return 2;
        }
        try {
            switch (args[1]) {
                case "add" -> {
                    if (!has(options, "name", "role")) {
                        err.print(USAGE);
                        return 2;
                    }
                    NodeUsers.IssuedToken issued = users.add(options.get("name"), options.get("role"));
                    printToken(out, issued, "creado con el rol", "created with the role");
                }
                case "rotate" -> {
                    if (!has(options, "name")) {
                        err.print(USAGE);
                        return 2;
                    }
                    NodeUsers.IssuedToken issued = users.rotate(options.get("name"));
                    printToken(
                            out,
                            issued,
                            "tiene un token nuevo (el anterior ya no sirve); rol",
                            "has a new token (the old one no longer works); role");
                }
                case "disable" -> {
                    if (!has(options, "name")) {
                        err.print(USAGE);
                        return 2;
                    }
                    NodeUser user = users.disable(options.get("name"));
                    out.printf(
                            "\"%s\" está deshabilitado desde %s: su token ya no sirve.%n"
                                    + "\"%s\" is disabled since %s: its token no longer works.%n",
                            user.name(), user.disabledAt(), user.name(), user.disabledAt());
                }
                case "list" -> list(out);
                default -> {
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (UserRefusal refusal) {
            err.println(refusal.spanish());
            err.println(refusal.english());
            return 1;
        }
    }

    private void list(PrintStream out) {
        List<NodeUser> all = users.list();
        out.printf("%-24s %-12s %-22s %s%n", "nombre/name", "rol/role", "creado/created", "deshabilitado/disabled");
        for (NodeUser user : all) {
            out.printf(
                    "%-24s %-12s %-22s %s%n",
                    user.name(),
                    user.role().code(),
                    DateTimeFormatter.ISO_INSTANT.format(user.createdAt().truncatedTo(ChronoUnit.SECONDS)),
                    user.active()
                            ? "-"
                            : DateTimeFormatter.ISO_INSTANT.format(
                                    user.disabledAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        if (all.isEmpty()) {
            out.println("(ningún usuario / no users)");
        }
    }

    private static void printToken(PrintStream out, NodeUsers.IssuedToken issued, String spanish, String english) {
        out.printf(
                "\"%s\" %s %s. / \"%s\" %s %s.%n",
                issued.name(),
                spanish,
                issued.role().code(),
                issued.name(),
                english,
                issued.role().code());
        out.println("Token (se muestra esta única vez; guárdelo en un lugar seguro, como un gestor de contraseñas,"
                + " y no lo envíe por chat ni correo):");
        out.println("Token (shown this one time only; store it somewhere safe, such as a password manager,"
                + " and do not send it by chat or e-mail):");
        out.println();
        out.println(issued.token());
        out.println();
    }

    private static boolean has(Map<String, String> options, String... keys) {
        return Arrays.stream(keys).allMatch(options::containsKey);
    }
}
