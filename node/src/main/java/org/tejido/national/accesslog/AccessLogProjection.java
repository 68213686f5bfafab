package org.tejido.national.accesslog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The access log a coordinator queries, rebuilt from the events like every read model. */
@Component
@ProcessingGroup("access-log")
class AccessLogProjection {
    private final JdbcTemplate jdbc;

    AccessLogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IdentifyingDataReadEvent event, @Timestamp Instant at) {
        jdbc.update(
                "INSERT INTO access_log (at, reader, role, subject_kind, subject_id) VALUES (?, ?, ?, ?, ?)",
                at.atOffset(ZoneOffset.UTC),
                event.reader(),
                event.role(),
                event.subjectKind(),
                event.subjectId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE access_log");
    }

    @QueryHandler
    List<AccessEntryView> list(ListAccessLogQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (query.subjectKind() != null) {
            where.add("subject_kind = ?");
            args.add(query.subjectKind());
        }
        if (query.subjectId() != null) {
            where.add("subject_id = ?");
            args.add(query.subjectId());
        }
        if (query.reader() != null) {
            where.add("reader = ?");
            args.add(query.reader());
        }
        args.add(query.limit());
        return jdbc.query(
                "SELECT * FROM access_log" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                (rs, n) -> new AccessEntryView(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("reader"),
                        rs.getString("role"),
                        rs.getString("subject_kind"),
                        rs.getString("subject_id")),
                args.toArray());
    }
}
