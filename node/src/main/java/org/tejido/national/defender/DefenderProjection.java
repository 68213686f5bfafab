package org.tejido.national.defender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.national.protection.Sealed;

/** {@code defender_summary}: registered defenders, their profile and their identity, sealed. */
@Component
@ProcessingGroup("defenders")
public class DefenderProjection {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    DefenderProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DefenderRegisteredEvent event, @Timestamp Instant at) {
        jdbc.update(
                "INSERT INTO defender_summary (code, country, subdivision, profile, updated_at)"
                        + " VALUES (?, ?, ?, CAST(? AS jsonb), ?)",
                event.code(),
                event.country(),
                event.subdivision(),
                write(event.profile()),
                utc(at));
    }

    @EventHandler
    void on(DefenderProfileCorrectedEvent event, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE defender_summary SET country = ?, subdivision = ?, profile = CAST(? AS jsonb), updated_at = ?"
                        + " WHERE code = ?",
                event.country(),
                event.subdivision(),
                write(event.profile()),
                utc(at),
                event.code());
    }

    @EventHandler
    void on(DefenderIdentityRecordedEvent event, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE defender_summary SET identity = CAST(? AS jsonb), updated_at = ? WHERE code = ?",
                write(event.identity()),
                utc(at),
                event.code());
    }

    @EventHandler
    void on(DefenderErasedEvent event, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE defender_summary SET identity = NULL, erased_at = ?, updated_at = ? WHERE code = ?",
                utc(at),
                utc(at),
                event.code());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE defender_summary");
    }

    /** The defender with her identity still sealed (null when none was recorded or she was erased). */
    public Optional<Sealed> sealedIdentity(String code) {
        List<String> found = jdbc.queryForList(
                "SELECT identity::text FROM defender_summary WHERE code = ? AND identity IS NOT NULL",
                String.class,
                code);
        return found.isEmpty() ? Optional.empty() : Optional.of(read(found.get(0), Sealed.class));
    }

    public Optional<DefenderView> find(String code) {
        return jdbc
                .query(
                        "SELECT code, country, subdivision, profile::text, erased_at FROM defender_summary WHERE code = ?",
                        (rs, n) -> new DefenderView(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                read(rs.getString(4), DefenderProfile.class),
                                null,
                                Optional.ofNullable(rs.getObject(5, OffsetDateTime.class))
                                        .map(OffsetDateTime::toInstant)
                                        .orElse(null)),
                        code)
                .stream()
                .findFirst();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
