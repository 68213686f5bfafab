package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.Tejido;
import org.tejido.support.Http;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestNodes;

/**
 * The users command run as the node's program ({@code users ...}) against a node's database, then the
 * node started on that database: the printed tokens work, rotated and disabled ones do not.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsersCommandIT {
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^([A-Za-z0-9_-]{43})$");

    @Test
    void createsUsersWhoseTokensOpenTheNode(CapturedOutput output) {
        TestDatabase database = TestDatabase.fresh();
        String[] add = TestNodes.concat(
                new String[] {"users", "add", "--name", "ana", "--role", "registrar"}, database.asArgs());

        ConfigurableApplicationContext cli = Tejido.application(add).run(add);
        String first;
        String rotated;
        String coordinator;
        try {
            assertThat(cli).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(output.getOut()).contains("\"ana\" created with the role registrar");
            assertThat(output.getOut()).contains("store it somewhere safe").contains("guárdelo en un lugar seguro");
            first = token(output.getOut());

            UsersCli users = cli.getBean(UsersCli.class);
            Run duplicate = run(users, "users", "add", "--name", "ana", "--role", "coordinator");
            assertThat(duplicate.code()).isEqualTo(1);
            assertThat(duplicate.err())
                    .contains("Ya existe una usuaria o usuario llamado \"ana\"")
                    .contains("A user named \"ana\" already exists");

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
            JdbcTemplate jdbc = cli.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT token_hash FROM node_user WHERE name = 'ana'", byte[].class))
                    .isEqualTo(Tokens.hash(rotated));
            assertThat(jdbc.queryForList(
                                    "SELECT concat_ws('|', name, role, encode(token_hash, 'escape')) FROM node_user")
                            .toString())
                    .doesNotContain(first, rotated, coordinator);
        } finally {
            assertThat(SpringApplication.exit(cli)).isZero();
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
            String[] addWhileRunning = TestNodes.concat(
                    new String[] {"users", "add", "--name", "carmen", "--role", "admin"}, database.asArgs());
            ConfigurableApplicationContext second =
                    Tejido.application(addWhileRunning).run(addWhileRunning);
            String admin = token(output.getOut());
            assertThat(SpringApplication.exit(second)).isZero();
            assertThat(http.as(admin).get("/api/admin/projections").status()).isEqualTo(200);
            assertThat(http.as(rotated).get("/api/attacks").status()).isEqualTo(200);
        }
    }

    @Test
    void refusalsExitWithACodeAndWithoutAToken() {
        String[] args = TestNodes.concat(
                new String[] {"users", "add", "--name", "carla", "--role", "root"},
                TestDatabase.fresh().asArgs());
        ConfigurableApplicationContext cli = Tejido.application(args).run(args);
        assertThat(SpringApplication.exit(cli)).isEqualTo(1);
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
