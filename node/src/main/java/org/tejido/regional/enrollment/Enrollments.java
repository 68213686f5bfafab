package org.tejido.regional.enrollment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.ledger.note.NoteException;
import org.tejido.ledger.note.NoteVerifierKey;

/**
 * The nodes the aggregator accepts. Read on every call, so an enrollment made with the command line
 * while the aggregator runs takes effect at once.
 */
@Component
public class Enrollments {
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Enrollments(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<EnrolledNode> byFingerprint(String fingerprint) {
        return jdbc
                .query("SELECT * FROM enrolled_node WHERE tls_fingerprint = ?", Enrollments::row, fingerprint)
                .stream()
                .findFirst();
    }

    public List<EnrolledNode> list() {
        return jdbc.query("SELECT * FROM enrolled_node ORDER BY origin", Enrollments::row);
    }

    /** Enrolls a node; the log key's name must be the origin, as the node signs its checkpoints. */
    public EnrolledNode enroll(String origin, String tlsFingerprint, String logKey) {
        if (!FINGERPRINT.matcher(tlsFingerprint).matches()) {
            throw new EnrollmentRefusal(
                    "enrollment.bad_fingerprint",
                    "La huella TLS debe ser sha256: seguido de 64 dígitos hexadecimales en minúscula.",
                    "The TLS fingerprint must be sha256: followed by 64 lowercase hex digits.");
        }
        NoteVerifierKey key;
        try {
            key = NoteVerifierKey.parse(logKey);
        } catch (NoteException e) {
            throw new EnrollmentRefusal(
                    "enrollment.bad_log_key",
                    "La clave de verificación del registro no es válida ("
                            + e.failure().code() + ").",
                    "The log verifier key is not valid (" + e.failure().code() + ").");
        }
        if (!key.name().equals(origin)) {
            throw new EnrollmentRefusal(
                    "enrollment.key_name_mismatch",
                    "El nombre de la clave del registro debe ser el origen \"" + origin + "\".",
                    "The log key's name must be the origin \"" + origin + "\".");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try {
            jdbc.update(
                    "INSERT INTO enrolled_node (origin, tls_fingerprint, log_key, enrolled_at) VALUES (?, ?, ?, ?)",
                    origin,
                    tlsFingerprint,
                    logKey,
                    now);
        } catch (DuplicateKeyException e) {
            throw new EnrollmentRefusal(
                    "enrollment.already_enrolled",
                    "Ese origen o esa huella TLS ya están inscritos.",
                    "That origin or that TLS fingerprint is already enrolled.");
        }
        return new EnrolledNode(origin, tlsFingerprint, logKey, now.toInstant());
    }

    private static EnrolledNode row(ResultSet rs, int n) throws SQLException {
        return new EnrolledNode(
                rs.getString("origin"),
                rs.getString("tls_fingerprint"),
                rs.getString("log_key"),
                rs.getObject("enrolled_at", OffsetDateTime.class).toInstant());
    }
}
