package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.platform.database.OfflineDatabase;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The users command run as the node's program ({@code users ...}, without Spring) against a node's
 * database, then the node started on that database: the printed tokens work, rotated and disabled ones do not.
 */
class UsersCommandIT {
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^([A-Za-z0-9_-]{43})$");

    @Test
    void createsUsersWhoseTokensOpenTheNode() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        String[] settings = database.asArgs();

        // The first command on a new data directory: its database is created and migrated.
        Run add = command(settings, "users", "add", "--name", "ana", "--role", "registrar");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("\"ana\" created with the role registrar");
        assertThat(add.out()).contains("store it somewhere safe").contains("guárdelo en un lugar seguro");
        String first = token(add.out());
        String rotated;
        String coordinator;

        Run duplicate = command(settings, "users", "add", "--name", "ana", "--role", "coordinator");
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.err())
                .contains("Ya existe una usuaria o usuario llamado \"ana\"")
                .contains("A user named \"ana\" already exists");

        try (OfflineDatabase db = offline(database)) {
            JdbcTemplate template = new JdbcTemplate(db.dataSource());
            UsersCli users = new UsersCli(
                    new NodeUsers(template, Clock.systemUTC()),
                    new SecondFactors(
                            template,
                            Clock.systemUTC(),
                            java.nio.file.Path.of(database.properties().get("tejido.data-dir")),
                            "localhost"));
            Run unknownRole = run(users, "users", "add", "--name", "bruno", "--role", "superuser");
            assertThat(unknownRole.code()).isEqualTo(1);
            assertThat(unknownRole.err())
                    .contains("Rol desconocido \"superuser\"")
                    .contains("Unknown role \"superuser\"")
                    .contains(Role.codes());

            Run rotate = run(users, "users", "rotate", "--name=ana");
            assertThat(rotate.code()).isZero();
            rotated = token(rotate.out());
            assertThat(rotated).isNotEqualTo(first);

            Run bea = run(users, "users", "add", "--name", "bea", "--role", "coordinator");
            assertThat(bea.code()).isZero();
            coordinator = token(bea.out());
            assertThat(run(users, "users", "disable", "--name", "bea").code()).isZero();
            assertThat(run(users, "users", "rotate", "--name", "bea").err()).contains("is disabled");
            assertThat(run(users, "users", "disable", "--name", "nadie").err())
                    .contains("No existe")
                    .contains("There is no user named \"nadie\"");
            assertThat(run(users, "users", "frobnicate").code()).isEqualTo(2);
            assertThat(run(users, "users", "add", "--name", "x").code()).isEqualTo(2);

            Run list = run(users, "users", "list");
            assertThat(list.code()).isZero();
            assertThat(list.out()).containsPattern("(?m)^ana\\s+registrar\\s+\\S+\\s+-$");
            assertThat(list.out()).containsPattern("(?m)^bea\\s+coordinator\\s+\\S+\\s+\\d{4}-\\S+$");
            assertThat(list.out()).doesNotContain(first, rotated, coordinator);

            // Only hashes in the database: no token text anywhere in the table.
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            assertThat(jdbc.queryForObject("SELECT token_hash FROM node_user WHERE name = 'ana'", byte[].class))
                    .isEqualTo(Tokens.hash(rotated));
            assertThat(jdbc.queryForList(
                                    "SELECT concat_ws('|', name, role, encode(token_hash, 'escape')) FROM node_user")
                            .toString())
                    .doesNotContain(first, rotated, coordinator);
        }

        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run(TestNodes.concat(database.asArgs(), "--server.port=0"))) {
            Http http =
                    new Http(((WebServerApplicationContext) node).getWebServer().getPort());
            assertThat(http.as(rotated).get("/api/attacks").status()).isEqualTo(200);
            assertThat(http.as(first).get("/api/attacks").status()).isEqualTo(401);
            assertThat(http.as(coordinator).get("/api/attacks").status()).isEqualTo(401);
            assertThat(http.get("/api/attacks").status()).isEqualTo(401);
            assertThat(http.as(rotated).get("/api/admin/projections").status()).isEqualTo(403);
            // While the node runs, the command works through the node's own database, and the new
            // token opens the running node at once.
            Run addWhileRunning = command(settings, "users", "add", "--name", "carmen", "--role", "admin");
            assertThat(addWhileRunning.code()).as(addWhileRunning.err()).isZero();
            String admin = token(addWhileRunning.out());
            assertThat(http.as(admin).get("/api/admin/projections").status()).isEqualTo(200);
            assertThat(http.as(rotated).get("/api/attacks").status()).isEqualTo(200);
        }
    }

    @Test
    void refusalsExitWithACodeAndWithoutAToken() {
        Run refused = command(TestDatabase.fresh().asArgs(), "users", "add", "--name", "carla", "--role", "root");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).doesNotContainPattern(TOKEN_LINE);
        assertThat(command(new String[] {"--tejido.no-such-setting=1"}, "users", "list")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void setsPasswordsFromStandardInputAsArgon2idHashesAndRefusesShortOnes() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        String[] settings = database.asArgs();
        assertThat(command(settings, "users", "add", "--name", "lucia", "--role", "registrar")
                        .code())
                .isZero();
        String password = "una frase sintética larga";

        Run tooShort = withStdin(settings, "corta12345\n", "users", "password", "--name", "lucia", "--password-stdin");
        assertThat(tooShort.code()).isEqualTo(1);
        assertThat(tooShort.err())
                .contains("La contraseña es demasiado corta: use al menos 12 caracteres")
                .contains("The password is too short: use at least 12 characters");
        Run noTerminal = withStdin(settings, password + "\n", "users", "password", "--name", "lucia");
        assertThat(noTerminal.code()).isEqualTo(1);
        assertThat(noTerminal.err()).contains("No hay terminal").contains("There is no terminal");
        Run unknown = withStdin(settings, password + "\n", "users", "password", "--name", "nadie", "--password-stdin");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("There is no user named \"nadie\"");
        assertThat(withStdin(settings, password, "users", "list", "--password-stdin")
                        .code())
                .isEqualTo(2);

        Run set = withStdin(
                settings, password + "\r\nignored\n", "users", "password", "--name", "lucia", "--password-stdin");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("\"lucia\" has a new password").doesNotContain(password);

        try (OfflineDatabase db = offline(database)) {
            String hash = new JdbcTemplate(db.dataSource())
                    .queryForObject("SELECT password_hash FROM node_user WHERE name = 'lucia'", String.class);
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(password);
            assertThat(Passwords.encoder().matches(password, hash)).isTrue();
            assertThat(Passwords.encoder().matches(password + "\r", hash)).isFalse();
            assertThat(Passwords.encoder().matches("una frase sintética larg", hash))
                    .isFalse();
        }
    }

    @Test
    void enrolsASecondFactorShownOnceAndKeptEncryptedThenRemovesIt() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        String[] settings = TestNodes.concat(database.asArgs(), "--tejido.node.domain=red.example");
        java.nio.file.Path keyFile =
                java.nio.file.Path.of(database.properties().get("tejido.data-dir"), "keys", "totp.key");
        assertThat(command(settings, "users", "add", "--name", "lucia", "--role", "coordinator")
                        .code())
                .isZero();

        Run enrol = command(settings, "users", "totp", "--name", "lucia");
        assertThat(enrol.code()).as(enrol.err()).isZero();
        assertThat(enrol.out())
                .contains("\"lucia\" has a new second factor")
                .contains("Shown this one time only")
                .contains("Se muestra esta única vez");
        java.util.regex.Matcher uri = Pattern.compile(
                        "(?m)^otpauth://totp/Tejido:lucia%40red\\.example\\?secret=([A-Z2-7]{32})"
                                + "&issuer=Tejido&algorithm=SHA1&digits=6&period=30$")
                .matcher(enrol.out());
        assertThat(uri.find()).as(enrol.out()).isTrue();
        String secret = uri.group(1);
        assertThat(enrol.out()).contains("Clave / Key: " + secret);
        assertThat(org.tejido.support.OneTimeCodes.decode(secret)).hasSize(20);

        // The key that seals it: a file of 32 bytes readable only by the node's user.
        assertThat(java.nio.file.Files.size(keyFile)).isEqualTo(32);
        assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Run again = command(settings, "users", "totp", "--name", "lucia");
        String replaced = Pattern.compile("Clave / Key: ([A-Z2-7]{32})")
                .matcher(again.out())
                .results()
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
        assertThat(replaced).isNotEqualTo(secret);

        try (OfflineDatabase db = offline(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            byte[] stored = jdbc.queryForObject("SELECT totp_secret FROM node_user WHERE name = 'lucia'", byte[].class);
            byte[] clear = org.tejido.support.OneTimeCodes.decode(replaced);
            // A 12-byte nonce, the sealed 20 bytes and a 16-byte tag; neither the bytes nor their base32 in clear.
            assertThat(stored).hasSize(48);
            assertThat(java.util.HexFormat.of().formatHex(stored))
                    .doesNotContain(java.util.HexFormat.of().formatHex(clear));
            assertThat(jdbc.queryForList("SELECT * FROM node_user").toString())
                    .doesNotContain(replaced)
                    .doesNotContain(secret);
        }
        Run list = command(settings, "users", "list");
        assertThat(list.out()).doesNotContain(replaced);

        // The node, on the same data directory, opens it with the same key file: the printed secret signs in.
        String password = "una frase sintética larga";
        assertThat(withStdin(settings, password + "\n", "users", "password", "--name", "lucia", "--password-stdin")
                        .code())
                .isZero();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(Tejido.class)
                .profiles("national")
                .run(TestNodes.concat(settings, "--server.port=0"))) {
            org.tejido.support.PageClient browser = new org.tejido.support.PageClient(
                    ((WebServerApplicationContext) node).getWebServer().getPort());
            assertThat(browser.signIn("lucia", password).location()).isEqualTo("/sign-in/code");
            assertThat(browser.code(org.tejido.support.OneTimeCodes.next(replaced))
                            .location())
                    .isEqualTo("/");
            assertThat(browser.get("/cases").status()).isEqualTo(200);

            // Removed while the node runs: her next sign-in is refused, as a coordinator's without one.
            Run remove = command(settings, "users", "totp", "--name", "lucia", "--remove");
            assertThat(remove.code()).as(remove.err()).isZero();
            assertThat(remove.out()).contains("\"lucia\" no longer has a second factor");
            assertThat(new org.tejido.support.PageClient(((WebServerApplicationContext) node)
                                    .getWebServer()
                                    .getPort())
                            .signIn("lucia", password)
                            .location())
                    .isEqualTo("/sign-in?second-factor-required");
        }
        assertThat(command(settings, "users", "totp", "--name", "lucia", "--remove")
                        .out())
                .contains("\"lucia\" had no second factor");

        Run unknown = command(settings, "users", "totp", "--name", "nadie");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("No existe").contains("There is no user named \"nadie\"");
        assertThat(unknown.out()).doesNotContain("otpauth://");
        assertThat(command(settings, "users", "totp").code()).isEqualTo(2);
        assertThat(command(settings, "users", "list", "--remove").code()).isEqualTo(2);
        assertThat(command(settings, "users", "totp", "--name", "lucia", "--role", "admin")
                        .code())
                .isEqualTo(2);
        assertThat(command(settings, "users", "disable", "--name", "lucia").code())
                .isZero();
        Run disabled = command(settings, "users", "totp", "--name", "lucia");
        assertThat(disabled.code()).isEqualTo(1);
        assertThat(disabled.err()).contains("está deshabilitado").contains("is disabled");
        assertThat(disabled.out()).doesNotContain("otpauth://");
    }

    private static Run withStdin(String[] settings, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = UsersCli.run(
                TestNodes.concat(args, settings),
                UsersCli.PasswordInput.of(
                        null, new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command as the program runs it: settings from the arguments, the database opened by it. */
    private static Run command(String[] settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = UsersCli.run(
                TestNodes.concat(args, settings),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static OfflineDatabase offline(TestDatabase database) throws java.io.IOException {
        String url = database.properties().get("spring.datasource.url");
        return url != null
                ? OfflineDatabase.external(url, null, null)
                : OfflineDatabase.embedded(
                        java.nio.file.Path.of(database.properties().get("tejido.data-dir")), true);
    }

    private static String token(String out) {
        List<String> tokens =
                TOKEN_LINE.matcher(out).results().map(m -> m.group(1)).toList();
        assertThat(tokens).as(out).isNotEmpty();
        return tokens.get(tokens.size() - 1);
    }

    private record Run(int code, String out, String err) {}

    private static Run run(UsersCli users, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = users.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
