package org.tejido.platform.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tejido.ledger.crypto.Ed25519KeyPair;
import org.tejido.ledger.note.NoteVerifierKey;
import org.tejido.platform.cli.CommandOptions;
import org.tejido.platform.keys.KeyFiles;
import org.tejido.platform.pki.FederationCa.Purpose;

/**
 * The command for the federation's keys and certificates, run as the node's own program before Spring
 * starts: it needs no database, no configuration and no network, so it also runs on the offline
 * machine that keeps the CA key.
 *
 * <pre>
 * keys ca-init   --dir DIR --name NAME
 * keys node-init --dir DIR --ca CA_DIR --name NAME --purpose node|aggregator [--dns NAMES] [--days N]
 * keys show      --dir DIR [--origin ORIGIN]
 * </pre>
 *
 * Exit codes as the {@code users} command: 0 done, 1 refused (the reason in Spanish and English), 2 not
 * understood. It prints fingerprints and public keys only, never a private key.
 */
public final class KeysCli {
    public static final String COMMAND = "keys";
    /** The node's Ed25519 log-signing seed, as the national node keeps it in its keys directory. */
    public static final String LOG_SIGNING_KEY_FILE = "log-signing.key";

    /**
     * The next log-signing seed, beside the current one: the running node announces it in its log,
     * signs with both during the overlap, then makes it the current key.
     */
    public static final String NEXT_LOG_SIGNING_KEY_FILE = "log-signing.next.key";

    static final int DEFAULT_DAYS = 730;

    private static final String USAGE = """
            Uso / Usage:
              keys ca-init --dir DIR --name NOMBRE
                  crea la autoridad de la federación (ca.key, ca.crt) / creates the federation CA
              keys node-init --dir DIR --ca DIR_CA --name NOMBRE --purpose node|aggregator [--dns N1,N2] [--days %d]
                  crea la identidad TLS (tls.key, tls.crt, ca.crt) / creates a TLS identity
              keys show --dir DIR [--origin ORIGEN]
                  muestra huellas y clave de verificación del registro / shows fingerprints and the log verifier key
              keys log-init --dir DIR_CLAVES --origin ORIGEN
                  crea la clave de firma del registro del nodo / creates the node's log signing key
              keys rotate-log --dir DIR_CLAVES --origin ORIGEN
                  crea la próxima clave de firma del registro / creates the next log signing key
              keys https-init --dir DIR_CLAVES --host N1,IP1 [--ca DIR_CA] [--days %d]
                  crea el certificado HTTPS del nodo (https.key, https.crt) / creates the node's HTTPS certificate
            """.formatted(DEFAULT_DAYS, HttpsCertificate.MAX_DAYS);

    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "ca-init", Set.of("dir", "name"),
            "node-init", Set.of("dir", "ca", "name", "purpose"),
            "show", Set.of("dir"),
            "rotate-log", Set.of("dir", "origin"),
            "log-init", Set.of("dir", "origin"),
            "https-init", Set.of("dir", "host"));
    private static final Map<String, Set<String>> OPTIONAL = Map.of(
            "ca-init",
            Set.of(),
            "node-init",
            Set.of("dns", "days"),
            "show",
            Set.of("origin"),
            "rotate-log",
            Set.of(),
            "log-init",
            Set.of(),
            "https-init",
            Set.of("ca", "days"));

    private KeysCli() {}

    /** Whether these program arguments ask for this command instead of the server. */
    public static boolean requested(String... args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /** Runs one command ({@code keys ...}) and answers its exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (!requested(args) || args.length < 2 || !REQUIRED.containsKey(args[1])) {
            err.print(USAGE);
            return 2;
        }
        String command = args[1];
        Map<String, String> options =
                CommandOptions.parse(Arrays.copyOfRange(args, 2, args.length), allowed(command), false);
        if (options == null
                || !options.keySet().containsAll(REQUIRED.get(command))
                || !allowed(command).containsAll(options.keySet())) {
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (command) {
                case "ca-init" -> caInit(options, out);
                case "node-init" -> nodeInit(options, out, err);
                case "rotate-log" -> rotateLog(options, out);
                case "log-init" -> logInit(options, out);
                case "https-init" -> httpsInit(options, out, err);
                default -> show(options, out, err);
            };
        } catch (PkiException refusal) {
            err.println(refusal.code() + ": " + refusal.spanish());
            err.println(refusal.code() + ": " + refusal.english());
            return 1;
        }
    }

    private static int caInit(Map<String, String> options, PrintStream out) {
        Path dir = Path.of(options.get("dir"));
        FederationCa ca = FederationCa.create(dir, options.get("name"));
        out.printf("Autoridad de la federación creada en / Federation CA created in: %s%n", dir.toAbsolutePath());
        out.printf("  %s (clave privada / private key, rw-------)%n", dir.resolve(FederationCa.KEY_FILE));
        out.printf("  %s (certificado / certificate)%n", dir.resolve(FederationCa.CERTIFICATE_FILE));
        out.printf(
                "  válido hasta / valid until: %s%n",
                ca.certificate().getNotAfter().toInstant());
        out.printf("Huella de la CA / CA fingerprint: %s%n", ca.fingerprint());
        out.println("Guarde ca.key fuera de línea; solo se necesita para emitir certificados.");
        out.println("Keep ca.key offline; it is needed only to issue certificates.");
        return 0;
    }

    private static int nodeInit(Map<String, String> options, PrintStream out, PrintStream err) {
        Purpose purpose = switch (options.get("purpose")) {
            case "node" -> Purpose.NODE;
            case "aggregator" -> Purpose.AGGREGATOR;
            default -> null;
        };
        Integer days = days(options.getOrDefault("days", Integer.toString(DEFAULT_DAYS)));
        if (purpose == null || days == null) {
            err.print(USAGE);
            return 2;
        }
        List<String> dns = options.containsKey("dns")
                ? Arrays.stream(options.get("dns").split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()
                : List.of();
        if (!dns.isEmpty() && purpose != Purpose.AGGREGATOR) {
            throw new PkiException(
                    "pki.dns-for-node",
                    "--dns solo sirve para el agregador (el servidor); un nodo no lleva nombres DNS.",
                    "--dns is only for the aggregator (the server); a node's certificate names no DNS names.");
        }
        Path dir = Path.of(options.get("dir"));
        FederationCa ca = FederationCa.load(Path.of(options.get("ca")));
        TlsIdentity identity = TlsIdentity.create(dir, ca, options.get("name"), purpose, Duration.ofDays(days), dns);
        out.printf("Identidad TLS creada en / TLS identity created in: %s%n", dir.toAbsolutePath());
        out.printf("  %s (clave privada / private key, rw-------)%n", dir.resolve(TlsIdentity.KEY_FILE));
        out.printf("  %s (certificado / certificate)%n", dir.resolve(TlsIdentity.CERTIFICATE_FILE));
        out.printf("  %s (CA de la federación / federation CA)%n", dir.resolve(TlsIdentity.CA_FILE));
        printCertificate(out, identity.certificate());
        out.printf("Huella de la clave TLS / TLS key fingerprint: %s%n", identity.fingerprint());
        if (purpose == Purpose.NODE) {
            out.println("Dicte esta huella al agregador por un canal aparte (teléfono, en persona) para inscribir el"
                    + " nodo.");
            out.println("Read this fingerprint to the aggregator over a separate channel (phone, in person) to"
                    + " enroll the node.");
        }
        return 0;
    }

    /**
     * Creates the certificate the node's web server shows to an office network: self-signed, or signed by
     * the CA in {@code --ca} (one the office made with ca-init for its browsers, not the federation's).
     */
    private static int httpsInit(Map<String, String> options, PrintStream out, PrintStream err) {
        Integer days = days(options.getOrDefault("days", Integer.toString(HttpsCertificate.MAX_DAYS)));
        if (days == null) {
            err.print(USAGE);
            return 2;
        }
        List<String> hosts = Arrays.stream(options.get("host").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        FederationCa ca = options.containsKey("ca") ? FederationCa.load(Path.of(options.get("ca"))) : null;
        Path dir = Path.of(options.get("dir"));
        X509Certificate certificate = HttpsCertificate.create(dir, hosts, days, ca);
        out.printf("Certificado HTTPS creado en / HTTPS certificate created in: %s%n", dir.toAbsolutePath());
        out.printf("  %s (clave privada / private key, rw-------)%n", dir.resolve(HttpsCertificate.KEY_FILE));
        out.printf("  %s (certificado / certificate)%n", dir.resolve(HttpsCertificate.CERTIFICATE_FILE));
        printCertificate(out, certificate);
        out.printf("  nombres / names: %s%n", String.join(", ", HttpsCertificate.subjectNames(certificate)));
        out.printf(
                "Huella SHA-256 del certificado / certificate SHA-256 fingerprint: %s%n",
                HttpsCertificate.sha256(certificate));
        if (ca == null) {
            out.println("Certificado autofirmado: compare esta huella con la que muestra el navegador antes de"
                    + " confiar en él.");
            out.println("Self-signed: compare this fingerprint with the one the browser shows before trusting it.");
        }
        out.println("Inicie el nodo con TEJIDO_HTTPS=true (docs/operations.md).");
        out.println("Start the node with TEJIDO_HTTPS=true (docs/operations.md).");
        return 0;
    }

    /**
     * Creates the node's log-signing key in its keys directory (as the node would on first start), so that
     * its verifier key can be enrolled at the aggregator before the node ever runs.
     */
    private static int logInit(Map<String, String> options, PrintStream out) {
        Path file = Path.of(options.get("dir")).resolve(LOG_SIGNING_KEY_FILE);
        writeNewSeed(file);
        out.printf("Clave de firma del registro creada / Log signing key created: %s%n", file);
        out.printf("Clave de verificación / Verifier key: %s%n", logVerifierKey(file, options.get("origin")));
        return 0;
    }

    private static void writeNewSeed(Path file) {
        if (Files.exists(file)) {
            throw PkiException.exists(file);
        }
        byte[] seed = new byte[Ed25519KeyPair.SEED_SIZE];
        new java.security.SecureRandom().nextBytes(seed);
        try {
            Files.createDirectories(file.getParent());
            KeyFiles.createOwnerOnly(file, seed);
        } catch (IOException e) {
            throw new PkiException(
                    "pki.file-unreadable", "No se puede escribir " + file + ".", "Cannot write " + file + ".");
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Writes the next log-signing key beside the current one (the node's keys directory). The node, running
     * or at its next start, appends a key-rotation entry naming it and signs checkpoints with both keys
     * until the overlap ends; the aggregator then accepts only the new one.
     */
    private static int rotateLog(Map<String, String> options, PrintStream out) {
        Path dir = Path.of(options.get("dir"));
        Path current = dir.resolve(LOG_SIGNING_KEY_FILE);
        Path next = dir.resolve(NEXT_LOG_SIGNING_KEY_FILE);
        if (!Files.exists(current)) {
            throw new PkiException(
                    "pki.file-missing",
                    "No hay clave de firma actual en " + current + ".",
                    "There is no current log signing key at " + current + ".");
        }
        writeNewSeed(next);
        out.printf("Próxima clave de firma del registro creada / Next log signing key created: %s%n", next);
        out.printf("Clave de verificación nueva / New verifier key: %s%n", logVerifierKey(next, options.get("origin")));
        out.println("El nodo la anuncia en su registro y firma con ambas claves durante el solapamiento.");
        out.println("The node announces it in its log and signs with both keys during the overlap.");
        return 0;
    }

    private static int show(Map<String, String> options, PrintStream out, PrintStream err) {
        Path dir = Path.of(options.get("dir"));
        Path certificateFile = dir.resolve(TlsIdentity.CERTIFICATE_FILE);
        Path caFile = dir.resolve(TlsIdentity.CA_FILE);
        Path logKeyFile = dir.resolve(LOG_SIGNING_KEY_FILE);
        boolean found = false;
        if (Files.exists(certificateFile)) {
            // Only the public parts: show must work where the private key is not readable.
            X509Certificate certificate = Pem.readCertificate(certificateFile);
            printCertificate(out, certificate);
            out.printf(
                    "Huella de la clave TLS / TLS key fingerprint: %s%n",
                    Fingerprints.spkiSha256(certificate.getPublicKey()));
            found = true;
        }
        if (Files.exists(caFile)) {
            out.printf(
                    "Huella de la CA / CA fingerprint: %s%n",
                    Fingerprints.spkiSha256(Pem.readCertificate(caFile).getPublicKey()));
            found = true;
        }
        if (Files.exists(logKeyFile)) {
            if (!options.containsKey("origin")) {
                err.println("Hay una clave de firma del registro; indique --origin ORIGEN (p. ej. nodo.example/MX/v1)"
                        + " para mostrar su clave de verificación.");
                err.println("There is a log signing key; pass --origin ORIGIN (e.g. node.example/MX/v1) to show its"
                        + " verifier key.");
                return 2;
            }
            out.printf(
                    "Clave de verificación del registro / Log verifier key: %s%n",
                    logVerifierKey(logKeyFile, options.get("origin")));
            found = true;
        }
        if (!found) {
            throw new PkiException(
                    "pki.nothing-to-show",
                    "En " + dir + " no hay tls.crt, ca.crt ni " + LOG_SIGNING_KEY_FILE + ".",
                    "There is no tls.crt, ca.crt or " + LOG_SIGNING_KEY_FILE + " in " + dir + ".");
        }
        return 0;
    }

    private static String logVerifierKey(Path file, String origin) {
        byte[] seed;
        try {
            seed = KeyFiles.load(file, Ed25519KeyPair.SEED_SIZE, "log signing key");
        } catch (IOException | IllegalStateException e) {
            throw new PkiException(
                    "pki.log-key-unreadable",
                    "No se puede usar la clave de firma del registro " + file
                            + " (debe tener 32 bytes y permisos rw-------).",
                    "Cannot use the log signing key " + file + " (it must hold 32 bytes, permissions rw-------).");
        }
        try {
            return NoteVerifierKey.of(origin, Ed25519KeyPair.fromSeed(seed).publicKey())
                    .format();
        } catch (IllegalArgumentException e) {
            throw new PkiException(
                    "pki.invalid-origin",
                    "\"" + origin + "\" no es un origen válido (sin espacios ni '+').",
                    "\"" + origin + "\" is not a valid origin (no spaces or '+').");
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static void printCertificate(PrintStream out, X509Certificate certificate) {
        out.printf(
                "  sujeto / subject: %s%n",
                certificate.getSubjectX500Principal().getName());
        out.printf(
                "  válido de / valid from %s hasta / until %s%n",
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    private static Set<String> allowed(String command) {
        Set<String> all = new HashSet<>(REQUIRED.get(command));
        all.addAll(OPTIONAL.get(command));
        return all;
    }

    private static Integer days(String text) {
        try {
            int days = Integer.parseInt(text);
            return days > 0 && days <= 3650 ? days : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
