package org.tejido.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.platform.database.OfflineDatabase;
import org.tejido.support.OneTimeCodes;
import org.tejido.support.TestDatabase;

/**
 * Second factors against a real database, with the clock held still: a code is accepted once per
 * step (and never for a step at or before the last accepted one), a sealed secret opens only for its
 * own user and only with its key file.
 */
class SecondFactorsIT {
    static final Instant T = Instant.parse("2026-03-08T10:00:15Z");

    @Test
    void aCodeIsAcceptedOnceAndNoEarlierStepAfterIt() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Path dataDir = Path.of(database.properties().get("tejido.data-dir"));
        try (OfflineDatabase db = open(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            new NodeUsers(jdbc, Clock.systemUTC()).add("rosa", "coordinator");
            String secret = at(jdbc, dataDir, T).enrol("rosa").secret();
            long step = OneTimeCodes.step(T);

            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.ACCEPTED);
            // The same code again, at once or 20 s later (same step, still in the window): a replay.
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.REPLAYED);
            assertThat(at(jdbc, dataDir, T.plusSeconds(20)).check("rosa", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.REPLAYED);
            // The step before, still inside the window: refused too, it is not later than the last one.
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step - 1)))
                    .isEqualTo(SecondFactors.Check.REPLAYED);
            // The next step (the phone a little ahead): accepted, once.
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step + 1)))
                    .isEqualTo(SecondFactors.Check.ACCEPTED);
            assertThat(at(jdbc, dataDir, T.plusSeconds(30)).check("rosa", OneTimeCodes.code(secret, step + 1)))
                    .isEqualTo(SecondFactors.Check.REPLAYED);
            // Two steps ahead of the clock: outside the window, simply wrong.
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step + 3)))
                    .isEqualTo(SecondFactors.Check.WRONG);
            assertThat(jdbc.queryForObject("SELECT totp_last_step FROM node_user WHERE name = 'rosa'", Long.class))
                    .isEqualTo(step + 1);

            // A new enrolment starts afresh: the last step is forgotten with the old secret.
            String renewed = at(jdbc, dataDir, T).enrol("rosa").secret();
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(secret, step)))
                    .as("the old secret")
                    .isEqualTo(SecondFactors.Check.WRONG);
            // A step before the old secret's last one: accepted, so the last step went with the old secret.
            assertThat(at(jdbc, dataDir, T).check("rosa", OneTimeCodes.code(renewed, step)))
                    .isEqualTo(SecondFactors.Check.ACCEPTED);

            assertThat(at(jdbc, dataDir, T).remove("rosa")).isTrue();
            assertThat(at(jdbc, dataDir, T).enrolled("rosa")).isFalse();
            assertThat(at(jdbc, dataDir, T.plusSeconds(60)).check("rosa", OneTimeCodes.code(renewed, step + 2)))
                    .isEqualTo(SecondFactors.Check.WRONG);
        }
    }

    @Test
    void aSealedSecretOpensOnlyForItsUserAndWithItsKeyFile() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Path dataDir = Path.of(database.properties().get("tejido.data-dir"));
        try (OfflineDatabase db = open(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            NodeUsers users = new NodeUsers(jdbc, Clock.systemUTC());
            users.add("sara", "coordinator");
            users.add("tere", "coordinator");
            String secret = at(jdbc, dataDir, T).enrol("sara").secret();
            at(jdbc, dataDir, T).enrol("tere");
            long step = OneTimeCodes.step(T);

            // Sara's sealed secret copied onto Tere's row (someone with write access to the table): it does not open.
            jdbc.update("UPDATE node_user SET totp_secret = (SELECT totp_secret FROM node_user WHERE name = 'sara')"
                    + " WHERE name = 'tere'");
            assertThat(at(jdbc, dataDir, T).check("tere", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.UNREADABLE);

            // Without the key file the database alone opens nothing, and no new key is made up to try.
            Path keyFile = dataDir.resolve("keys").resolve(SecondFactors.KEY_FILE);
            Path aside = keyFile.resolveSibling("totp.key.aside");
            Files.move(keyFile, aside);
            assertThat(at(jdbc, dataDir, T).check("sara", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.UNREADABLE);
            assertThat(keyFile).doesNotExist();
            Files.move(aside, keyFile);
            assertThat(at(jdbc, dataDir, T).check("sara", OneTimeCodes.code(secret, step)))
                    .isEqualTo(SecondFactors.Check.ACCEPTED);
        }
    }

    private static SecondFactors at(JdbcTemplate jdbc, Path dataDir, Instant now) {
        return new SecondFactors(jdbc, Clock.fixed(now, ZoneOffset.UTC), dataDir, "localhost");
    }

    private static OfflineDatabase open(TestDatabase database) throws java.io.IOException {
        String url = database.properties().get("spring.datasource.url");
        OfflineDatabase db = url != null
                ? OfflineDatabase.external(url, null, null)
                : OfflineDatabase.embedded(Path.of(database.properties().get("tejido.data-dir")), true);
        db.migrate(Optional.empty());
        return db;
    }
}
