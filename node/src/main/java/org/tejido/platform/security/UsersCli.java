package org.tejido.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * users password --name ana                     (asked twice on the terminal, not shown)
 * users password --name ana --password-stdin    (one line read from standard input, for scripts)
 * users totp --name ana                         (a new second factor: its otpauth:// address, once)
 * users totp --name ana --remove
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
              users password --name NOMBRE [--password-stdin]
                                                       fija la contraseña para las páginas / sets the password for the pages
              users totp --name NOMBRE [--remove]      segundo factor (códigos de un solo uso) para las páginas /
                                                       second factor (one-time codes) for the pages
            Roles: %s
            """.formatted(Role.codes());

    static final String PASSWORD_STDIN = "--password-stdin";
    static final String REMOVE = "--remove";

    private final NodeUsers users;
    private final SecondFactors secondFactors;
    private final PasswordInput input;

    UsersCli(NodeUsers users, SecondFactors secondFactors) {
        this(users, secondFactors, PasswordInput.system());
    }

    UsersCli(NodeUsers users, SecondFactors secondFactors, PasswordInput input) {
        this.users = users;
        this.secondFactors = secondFactors;
        this.input = input;
    }

    /**
     * Where a new password is read from: the terminal without echo (asked twice), or one line of
     * standard input. Never from the command line, where it would stay in the shell's history and be
     * visible to every process on the machine.
     */
    interface PasswordInput {
        /** The terminal, or null when there is none (a pipe, a service). */
        java.io.Console console();

        InputStream stdin();

        static PasswordInput system() {
            return of(System.console(), System.in);
        }

        static PasswordInput of(java.io.Console console, InputStream stdin) {
            return new PasswordInput() {
                @Override
                public java.io.Console console() {
                    return console;
                }

                @Override
                public InputStream stdin() {
                    return stdin;
                }
            };
        }
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
        return run(args, PasswordInput.system(), out, err);
    }

    static int run(String[] args, PasswordInput input, PrintStream out, PrintStream err) {
        CommandLogging.quiet();
        CommandSettings settings = new CommandSettings(
                Arrays.stream(args).filter(UsersCli::isSetting).toList(), System::getenv);
        if (settings.unknown().isPresent()) {
            err.print(USAGE);
            return 2;
        }
        try (OfflineDatabase database = settings.database(true)) {
            database.migrate(Optional.empty());
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            NodeUsers users = new NodeUsers(jdbc, Clock.systemUTC());
            // The same key file and node name as the node's own (SecondFactors), found from the same settings.
            SecondFactors secondFactors =
                    new SecondFactors(jdbc, Clock.systemUTC(), settings.dataDir(), settings.nodeDomain());
            return new UsersCli(users, secondFactors, input).execute(args, out, err);
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
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        boolean passwordStdin = rest.remove(PASSWORD_STDIN);
        boolean remove = rest.remove(REMOVE);
        Map<String, String> options = CommandOptions.parse(rest.toArray(String[]::new), Set.of("name", "role"), true);
        if (options == null || (passwordStdin && !args[1].equals("password")) || (remove && !args[1].equals("totp"))) {
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
                case "password" -> {
                    if (!has(options, "name") || options.containsKey("role") || rest.contains(PASSWORD_STDIN)) {
                        err.print(USAGE);
                        return 2;
                    }
                    char[] password = newPassword(passwordStdin);
                    try {
                        users.setPassword(options.get("name"), password);
                    } finally {
                        Arrays.fill(password, '\0');
                    }
                    out.printf(
                            "\"%s\" tiene contraseña nueva: las sesiones abiertas antes se cierran.%n"
                                    + "\"%s\" has a new password: sessions opened before are closed.%n",
                            options.get("name"), options.get("name"));
                }
                case "totp" -> {
                    if (!has(options, "name") || options.containsKey("role") || rest.contains(REMOVE)) {
                        err.print(USAGE);
                        return 2;
                    }
                    if (remove) {
                        boolean had = secondFactors.remove(options.get("name"));
                        out.printf(
                                had
                                        ? "\"%s\" ya no tiene segundo factor.%n\"%s\" no longer has a second factor.%n"
                                        : "\"%s\" no tenía segundo factor.%n\"%s\" had no second factor.%n",
                                options.get("name"),
                                options.get("name"));
                    } else {
                        printEnrolment(out, secondFactors.enrol(options.get("name")));
                    }
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

    private char[] newPassword(boolean fromStdin) {
        try {
            return fromStdin ? readLine(input.stdin()) : askTwice(input.console());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading the password from standard input", e);
        }
    }

    private static char[] askTwice(java.io.Console console) {
        if (console == null) {
            throw new UserRefusal(
                    "No hay terminal para pedir la contraseña sin mostrarla: escríbala en una terminal, o"
                            + " pásela por la entrada estándar con " + PASSWORD_STDIN + ".",
                    "There is no terminal to ask for the password without showing it: type it in a terminal,"
                            + " or pass it on standard input with " + PASSWORD_STDIN + ".");
        }
        char[] first = console.readPassword("Contraseña nueva / New password: ");
        char[] second = console.readPassword("Repítala / Repeat it: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UserRefusal(
                        "Las dos contraseñas no coinciden: no se ha cambiado nada.",
                        "The two passwords do not match: nothing was changed.");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** The first line of standard input, without its line end; what follows it is not read. */
    private static char[] readLine(InputStream stdin) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int max = Passwords.MAX_LENGTH * 4 + 2; // UTF-8: at most 4 bytes a character, and a CRLF
        for (int b = stdin.read(); b != -1 && b != '\n'; b = stdin.read()) {
            if (line.size() > max) {
                break; // too long to be accepted anyway: the length check refuses it
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        Arrays.fill(bytes, (byte) 0);
        return password;
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

    private static void printEnrolment(PrintStream out, SecondFactors.Enrolment enrolment) {
        out.printf(
                "\"%s\" tiene un segundo factor nuevo (el anterior, si lo había, ya no sirve)."
                        + " / \"%s\" has a new second factor (the previous one, if any, no longer works).%n",
                enrolment.name(), enrolment.name());
        out.println(
                "Añádalo a la aplicación de códigos del teléfono de esa persona, en su presencia: con un código QR"
                        + " de esta dirección, o escribiendo la clave. Se muestra esta única vez; no lo envíe por chat ni correo.");
        out.println("Add it to that person's authenticator app on her phone, with her: as a QR code of this address,"
                + " or by typing the key. Shown this one time only; do not send it by chat or e-mail.");
        out.println();
        out.println(enrolment.uri());
        out.println();
        out.println("Clave / Key: " + enrolment.secret());
        out.println();
    }

    private static boolean has(Map<String, String> options, String... keys) {
        return Arrays.stream(keys).allMatch(options::containsKey);
    }
}
