package org.tejido.national.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tejido.support.DatabaseDump;
import org.tejido.support.Fixtures;
import org.tejido.support.Http;
import org.tejido.support.NodeIntegrationTest;
import org.tejido.support.TestDatabase;
import org.tejido.support.TestUsers;

/**
 * Identifying data is unreadable in a dump of the database; with the dump and the master key it can
 * be decrypted (this test does it, independently of the node's code, to prove the check is real);
 * after erasure it cannot, and the consents about her are revoked.
 */
@NodeIntegrationTest
class EncryptionAtRestIT {
    static final String NAME = "Nombre Secreto Sintetico";
    static final String CONTACT = "+00 555 0101 secreto";
    static final String ADDRESS = "Calle Secreta Sintetica 123";
    static final String NARRATIVE = "Narrativa secreta sintetica del caso";
    static final String MUNICIPALITY = "Municipio Secreto Sintetico";
    static final List<String> SECRETS = List.of(NAME, CONTACT, ADDRESS, NARRATIVE, MUNICIPALITY);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext node;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${tejido.data-dir}")
    Path dataDir;

    @Test
    void identifyingDataIsOnlyCiphertextAtRestAndErasureMakesItUndecryptable() throws Exception {
        Http registrar = TestUsers.http(node, port, "registrar");
        Http coordinator = TestUsers.http(node, port, "coordinator");
        String code = Fixtures.newDefenderCode("GT");
        assertThat(registrar
                        .postJson("/api/defenders", Fixtures.defenderJson(code))
                        .status())
                .isEqualTo(201);
        assertThat(registrar
                        .putJson(
                                "/api/defenders/" + code + "/identity",
                                "{\"fullName\":\"%s\",\"contacts\":[\"%s\"],\"exactAddress\":\"%s\"}"
                                        .formatted(NAME, CONTACT, ADDRESS))
                        .status())
                .isEqualTo(204);
        String attackId = registrar
                .postJson(
                        "/api/attacks",
                        Fixtures.attack()
                                .defenders(code)
                                .place("GT", "GT-01")
                                .municipality(MUNICIPALITY)
                                .narrative(NARRATIVE)
                                .json())
                .json()
                .get("attackId")
                .asText();
        assertThat(coordinator
                        .putJson("/api/defenders/" + code + "/consent", Fixtures.consentJson("case"))
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> coordinator
                        .get("/api/defenders/" + code + "?identity=true")
                        .json()
                        .at("/identity/fullName")
                        .asText()
                        .equals(NAME));
        assertThat(registrar
                        .get("/api/attacks/" + attackId)
                        .json()
                        .at("/facts/narrative")
                        .asText())
                .isEqualTo(NARRATIVE);

        DatabaseDump before = dump();
        for (String secret : SECRETS) {
            assertThat(before.searchable()).as("plain text in the dump").doesNotContain(secret);
        }
        // Positive control: with the dump and the master key, an outsider can decrypt. So the strings
        // above are really in there, only encrypted.
        byte[] masterKey = Files.readAllBytes(dataDir.resolve("keys/master.key"));
        String attackKey = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8')::jsonb #>> '{personal,keyId}' FROM domainevententry"
                        + " WHERE aggregateidentifier = ? AND sequencenumber = 0",
                String.class,
                attackId);
        assertThat(attackKey).startsWith("key:");
        assertThat(decryptFromDump(before, masterKey, attackKey))
                .hasValueSatisfying(plain -> assertThat(plain).contains(NARRATIVE, MUNICIPALITY));
        assertThat(decryptFromDump(before, masterKey, "defender:" + code))
                .hasValueSatisfying(plain -> assertThat(plain).contains(NAME, CONTACT, ADDRESS));

        io.micrometer.core.instrument.MeterRegistry metrics =
                node.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        double[] revocationsBefore = revocationOutcomes(metrics);
        assertThat(coordinator
                        .postJson("/api/defenders/" + code + "/erasure", "{\"reason\":\"her request\"}")
                        .status())
                .isEqualTo(204);

        DatabaseDump after = dump();
        assertThat(decryptFromDump(after, masterKey, attackKey)).isEmpty();
        assertThat(decryptFromDump(after, masterKey, "defender:" + code)).isEmpty();
        for (String secret : SECRETS) {
            assertThat(after.searchable()).doesNotContain(secret);
        }
        // The node itself cannot read her any more either, and says so.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar
                        .get("/api/attacks/" + attackId)
                        .json()
                        .get("personalData")
                        .asText()
                        .equals("ERASED"));
        assertThat(registrar
                        .get("/api/attacks/" + attackId)
                        .json()
                        .at("/facts/narrative")
                        .isNull())
                .isTrue();
        // A revocation is recorded for what she had consented to share.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?",
                                Long.class,
                                "consent:defender:" + code,
                                "org.tejido.national.consent.ConsentRevokedEvent")
                        == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> coordinator
                        .get("/api/attacks/" + attackId + "/consent")
                        .json()
                        .get("scope")
                        .asText()
                        .equals("none"));
        // Her consent revoked (handled); none was ever granted for the attack alone, so no revocation of
        // it was sent: nothing refused or rejected for operators to look at.
        double[] revocationsAfter = revocationOutcomes(metrics);
        assertThat(revocationsAfter[0] - revocationsBefore[0]).as("handled").isEqualTo(1);
        assertThat(revocationsAfter[1] - revocationsBefore[1]).as("refused").isZero();
        assertThat(revocationsAfter[2] - revocationsBefore[2]).as("rejected").isZero();
    }

    private static double[] revocationOutcomes(io.micrometer.core.instrument.MeterRegistry metrics) {
        return java.util.stream.Stream.of("handled", "refused", "rejected")
                .mapToDouble(outcome -> java.util.Optional.ofNullable(metrics.find("tejido.commands")
                                .tag("command", "RevokeConsentCommand")
                                .tag("outcome", outcome)
                                .counter())
                        .map(io.micrometer.core.instrument.Counter::count)
                        .orElse(0.0))
                .toArray();
    }

    @Test
    void aRealPgDumpHoldsNoIdentifyingPlainTextEither() throws Exception {
        if (!TestDatabase.external()) {
            return; // the embedded server has no pg_dump beside it; the external run (.ci/run) has one
        }
        Http registrar = TestUsers.http(node, port, "registrar");
        String attackId = registrar
                .postJson(
                        "/api/attacks",
                        Fixtures.attack()
                                .municipality(MUNICIPALITY)
                                .narrative(NARRATIVE)
                                .json())
                .json()
                .get("attackId")
                .asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registrar.get("/api/attacks/" + attackId).status() == 200);
        String url = jdbc.queryForObject("SELECT current_database()", String.class);
        Process pgDump = new ProcessBuilder("pg_dump", "--data-only", "--dbname", TestDatabase.libpqUrl(url))
                .redirectErrorStream(true)
                .start();
        String dumped = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pgDump.waitFor()).as(dumped).isZero();
        assertThat(dumped).contains("domainevententry");
        DatabaseDump dump = DatabaseDump.ofText(dumped);
        assertThat(dump.searchable()).doesNotContain(NARRATIVE).doesNotContain(MUNICIPALITY);
    }

    private DatabaseDump dump() throws Exception {
        return DatabaseDump.of(dataSource);
    }

    /**
     * What someone holding the dump and the master key could do: unwrap the data key from the dump's
     * data_key rows, then open the sealed value found in the dump's event payloads or defender rows.
     */
    private Optional<String> decryptFromDump(DatabaseDump dump, byte[] masterKey, String keyId) throws Exception {
        Optional<byte[]> wrapped = dump.rows("data_key").stream()
                .filter(row -> row[0].equals(keyId))
                .map(row -> HexFormat.of().parseHex(row[1].substring(3)))
                .findFirst();
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        byte[] dataKey = gcmOpen(masterKey, wrapped.get(), concat("tejido/v1/data-key\0", keyId));
        ObjectMapper json = new ObjectMapper();
        for (String sealedJson : sealedValuesIn(dump, json)) {
            JsonNode sealed = json.readTree(sealedJson);
            if (sealed.get("keyId").asText().equals(keyId)) {
                byte[] plaintext = gcmOpen(
                        dataKey,
                        Base64.getDecoder().decode(sealed.get("data").asText()),
                        keyId.getBytes(StandardCharsets.UTF_8));
                return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static List<String> sealedValuesIn(DatabaseDump dump, ObjectMapper json) {
        List<String> values = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        // Whatever the spacing: jsonb columns print "a": "b", text columns keep Jackson's "a":"b".
                        "\\{\"data\": ?\"[^\"]+\", ?\"keyId\": ?\"[^\"]+\"}|\\{\"keyId\": ?\"[^\"]+\", ?\"data\": ?\"[^\"]+\"}")
                // searchable(), not text(): an attack's sealed personal data is only in its events, whose
                // payloads the dump shows as hex bytea (ADR 0018).
                .matcher(dump.searchable());
        while (m.find()) {
            values.add(m.group());
        }
        return values;
    }

    private static byte[] gcmOpen(byte[] key, byte[] nonceAndCiphertext, byte[] associatedData) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, nonceAndCiphertext, 0, 12));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(nonceAndCiphertext, 12, nonceAndCiphertext.length - 12);
    }

    private static byte[] concat(String prefix, String keyId) {
        return (prefix + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
