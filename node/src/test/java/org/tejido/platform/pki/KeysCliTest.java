package org.tejido.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.platform.keys.KeyFiles;

class KeysCliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int keys(String... args) {
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = KeysCli.execute(
                all,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String ca() {
        return dir.resolve("ca").toString();
    }

    @Test
    void caInitCreatesTheCaAndPrintsItsFingerprint() {
        // when
        int code = keys("ca-init", "--dir", ca(), "--name", "Tejido CA");

        // then
        assertThat(code).isZero();
        assertThat(out)
                .contains("Federation CA created in")
                .contains("Huella de la CA / CA fingerprint: "
                        + FederationCa.load(dir.resolve("ca")).fingerprint())
                .contains("Keep ca.key offline")
                .doesNotContain("PRIVATE KEY");
        assertThat(err).isEmpty();
    }

    @Test
    void caInitRefusesToOverwriteACa() throws Exception {
        // given
        keys("ca-init", "--dir", ca(), "--name", "first");
        byte[] key = Files.readAllBytes(dir.resolve("ca/ca.key"));

        // when
        int code = keys("ca-init", "--dir", ca(), "--name", "second");

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err)
                .contains("pki.file-exists")
                .contains("no se sobrescribe")
                .contains("never overwritten");
        assertThat(Files.readAllBytes(dir.resolve("ca/ca.key"))).isEqualTo(key);
    }

    @Test
    void nodeInitCreatesALoadableIdentityAndPrintsItsKeyFingerprint() throws Exception {
        // given
        keys("ca-init", "--dir", ca(), "--name", "CA");
        Path node = dir.resolve("mx");

        // when
        int code =
                keys("node-init", "--dir", node.toString(), "--ca", ca(), "--name", "mx.example", "--purpose", "node");

        // then
        assertThat(code).isZero();
        TlsIdentity identity = TlsIdentity.load(node);
        assertThat(out)
                .contains("TLS key fingerprint: " + identity.fingerprint())
                .contains("enroll the node");
        assertThat(identity.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Files.getPosixFilePermissions(node.resolve("tls.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(node.resolve("ca.crt"))).isEqualTo(Files.readString(dir.resolve("ca/ca.crt")));
    }

    @Test
    void nodeInitForTheAggregatorNamesTheExtraDnsNames() throws Exception {
        // given
        keys("ca-init", "--dir", ca(), "--name", "CA");
        Path aggregator = dir.resolve("agg");

        // when
        int code = keys(
                "node-init",
                "--dir",
                aggregator.toString(),
                "--ca",
                ca(),
                "--name",
                "aggregator",
                "--purpose",
                "aggregator",
                "--dns",
                "agg.example.org,federation.example.org",
                "--days",
                "90");

        // then
        assertThat(code).isZero();
        assertThat(TlsIdentity.load(aggregator).certificate().getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactlyInAnyOrder(
                        (Object) "localhost", "127.0.0.1", "agg.example.org", "federation.example.org");
    }

    @Test
    void nodeInitRefusesToOverwriteAnIdentity() throws Exception {
        // given
        keys("ca-init", "--dir", ca(), "--name", "CA");
        Path node = dir.resolve("mx");
        keys("node-init", "--dir", node.toString(), "--ca", ca(), "--name", "mx", "--purpose", "node");
        String fingerprint = TlsIdentity.load(node).fingerprint();

        // when
        int code = keys("node-init", "--dir", node.toString(), "--ca", ca(), "--name", "mx", "--purpose", "node");

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err).contains("pki.file-exists");
        assertThat(TlsIdentity.load(node).fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void nodeInitWithoutACaIsRefusedAndCreatesNothing() {
        // when
        int code = keys(
                "node-init", "--dir", dir.resolve("mx").toString(), "--ca", ca(), "--name", "mx", "--purpose", "node");

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err)
                .contains("pki.file-missing")
                .contains("Falta el archivo")
                .contains("is missing");
        assertThat(dir.resolve("mx")).doesNotExist();
    }

    @Test
    void showPrintsTheTlsFingerprintAndTheLogVerifierKey() throws Exception {
        // given a node's keys directory with its TLS identity and its log signing seed
        keys("ca-init", "--dir", ca(), "--name", "CA");
        Path node = dir.resolve("keys");
        keys("node-init", "--dir", node.toString(), "--ca", ca(), "--name", "mx", "--purpose", "node");
        byte[] seed = KeyFiles.loadOrCreate(node.resolve("log-signing.key"), 32, "log signing key");
        String verifierKey = NoteVerifierKey.of(
                        "node.example/MX/v1", Ed25519KeyPair.fromSeed(seed).publicKey())
                .format();

        // when
        int code = keys("show", "--dir", node.toString(), "--origin", "node.example/MX/v1");

        // then
        assertThat(code).isZero();
        assertThat(out)
                .contains("TLS key fingerprint: " + TlsIdentity.load(node).fingerprint())
                .contains("CA fingerprint: "
                        + FederationCa.load(dir.resolve("ca")).fingerprint())
                .contains("Log verifier key: " + verifierKey)
                .doesNotContain(HexFormat.of().formatHex(seed));
    }

    @Test
    void showAsksForTheOriginWhenThereIsALogKey() {
        // given
        KeyFiles.loadOrCreate(dir.resolve("log-signing.key"), 32, "log signing key");

        // when
        int code = keys("show", "--dir", dir.toString());

        // then
        assertThat(code).isEqualTo(2);
        assertThat(err).contains("--origin");
    }

    @Test
    void showRefusesAnEmptyDirectory() {
        assertThat(keys("show", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err).contains("pki.nothing-to-show");
    }

    @Test
    void argumentsThatAreNotUnderstoodPrintTheUsage() {
        assertThat(keys()).isEqualTo(2);
        assertThat(err).contains("Uso / Usage");
        assertThat(keys("frobnicate")).isEqualTo(2);
        assertThat(keys("ca-init", "--dir", ca())).isEqualTo(2);
        assertThat(keys("ca-init", "--dir", ca(), "--name", "a", "--colour", "red"))
                .isEqualTo(2);
        assertThat(keys("ca-init", "--dir", ca(), "--dir", ca(), "--name", "a")).isEqualTo(2);
        assertThat(keys("node-init", "--dir", "x", "--ca", ca(), "--name", "a", "--purpose", "root"))
                .isEqualTo(2);
        assertThat(keys("node-init", "--dir", "x", "--ca", ca(), "--name", "a", "--purpose", "node", "--days", "0"))
                .isEqualTo(2);
        assertThat(dir.resolve("ca")).doesNotExist();
    }

    @Test
    void logInitCreatesTheLogKeyAndRotateLogItsSuccessorBothOwnerOnly() throws Exception {
        Path keysDir = dir.resolve("keys");
        String origin = "red-mx.example/MX/v1";

        assertThat(keys("log-init", "--dir", keysDir.toString(), "--origin", origin))
                .isZero();
        Path current = keysDir.resolve("log-signing.key");
        assertThat(java.nio.file.Files.getPosixFilePermissions(current))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String firstKey = out.lines()
                .filter(l -> l.startsWith("Clave de verificación"))
                .findFirst()
                .orElseThrow();
        org.tejido.ledger.note.NoteVerifierKey first =
                org.tejido.ledger.note.NoteVerifierKey.parse(firstKey.substring(firstKey.lastIndexOf(' ') + 1));
        assertThat(first.name()).isEqualTo(origin);
        assertThat(keys("log-init", "--dir", keysDir.toString(), "--origin", origin))
                .as("never overwrites a log key")
                .isEqualTo(1);

        assertThat(keys("rotate-log", "--dir", keysDir.toString(), "--origin", origin))
                .isZero();
        String nextKey = out.lines()
                .filter(l -> l.contains("New verifier key"))
                .findFirst()
                .orElseThrow();
        org.tejido.ledger.note.NoteVerifierKey next =
                org.tejido.ledger.note.NoteVerifierKey.parse(nextKey.substring(nextKey.lastIndexOf(' ') + 1));
        assertThat(next.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(keysDir.resolve("log-signing.next.key")).exists();
        assertThat(keys("rotate-log", "--dir", keysDir.toString(), "--origin", origin))
                .as("one rotation at a time")
                .isEqualTo(1);
    }

    @Test
    void httpsInitMakesASelfSignedCertificateAndPrintsWhatToCompareInTheBrowser() throws Exception {
        // given
        Path keys = dir.resolve("node/keys");

        // when
        int code = keys("https-init", "--dir", keys.toString(), "--host", "tejido.oficina.lan, 192.168.1.20");

        // then
        assertThat(code).isZero();
        var certificate = HttpsCertificate.check(keys.resolve("https.crt"), keys.resolve("https.key"));
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(HttpsCertificate.subjectNames(certificate)).contains("tejido.oficina.lan", "192.168.1.20");
        assertThat(out)
                .contains("HTTPS certificate created in")
                .contains("tejido.oficina.lan, 192.168.1.20")
                .contains("certificate SHA-256 fingerprint: " + HttpsCertificate.sha256(certificate))
                .contains("compare this fingerprint")
                .contains("TEJIDO_HTTPS=true")
                .doesNotContain("PRIVATE KEY");
        assertThat(Files.getPosixFilePermissions(keys.resolve("https.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(err).isEmpty();
    }

    @Test
    void httpsInitWithACaHasItSignedAndRefusesWhatItCannotMake() throws Exception {
        // given
        keys("ca-init", "--dir", ca(), "--name", "Oficina CA");
        Path keys = dir.resolve("keys");

        // when
        int code = keys(
                "https-init", "--dir", keys.toString(), "--host", "tejido.oficina.lan", "--ca", ca(), "--days", "90");

        // then
        assertThat(code).isZero();
        HttpsCertificate.check(keys.resolve("https.crt"), keys.resolve("https.key"))
                .verify(FederationCa.load(dir.resolve("ca")).certificate().getPublicKey());
        assertThat(out).doesNotContain("Self-signed");

        assertThat(keys("https-init", "--dir", keys.toString(), "--host", "tejido.oficina.lan"))
                .isEqualTo(1);
        assertThat(err).contains("pki.file-exists");
        assertThat(keys("https-init", "--dir", dir.resolve("other").toString(), "--host", "*.oficina.lan"))
                .isEqualTo(1);
        assertThat(err).contains("pki.invalid-host").contains("no es un nombre").contains("is neither");
        assertThat(keys("https-init", "--dir", dir.resolve("other").toString())).isEqualTo(2);
        assertThat(dir.resolve("other")).doesNotExist();
    }
}
