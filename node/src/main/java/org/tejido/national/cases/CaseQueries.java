package org.tejido.national.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;

/** Answers the registrars' questions from the read model. */
@Component
class CaseQueries {
    /**
     * Newest date first; within a date, the latest recorded first. Read backwards from
     * {@code case_summary_period_idx}, which is in this order so that new cases land side by side
     * (ADR 0019).
     */
    static final String LIST_ORDER = " ORDER BY occurred_from DESC, recorded_at DESC, attack_id DESC";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    CaseQueries(NamedParameterJdbcTemplate jdbc, CaseJson json) {
        this.jdbc = jdbc;
        this.json = json.mapper();
    }

    @QueryHandler
    CasePageView list(ListCasesQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        if (query.from() != null) {
            where.add("occurred_to >= :from");
            params.addValue("from", query.from());
        }
        if (query.to() != null) {
            where.add("occurred_from <= :to");
            params.addValue("to", query.to());
        }
        if (query.aggressionType() != null) {
            where.add(":type = ANY (aggression_types)");
            params.addValue("type", query.aggressionType());
        }
        if (query.aggressionGroup() != null) {
            where.add(":group = ANY (aggression_groups)");
            params.addValue("group", query.aggressionGroup());
        }
        if (query.subdivision() != null) {
            where.add("subdivision = :subdivision");
            params.addValue("subdivision", query.subdivision());
        }
        if (query.verificationStatus() != null) {
            where.add("verification_status = :status");
            params.addValue("status", query.verificationStatus());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Long total = jdbc.queryForObject("SELECT count(*) FROM case_summary" + filter, params, Long.class);
        params.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        List<CaseSummaryView> items = jdbc.query(
                "SELECT * FROM case_summary" + filter + LIST_ORDER + " LIMIT :limit OFFSET :offset",
                params,
                (rs, n) -> summary(rs));
        return new CasePageView(items, query.page(), query.size(), total == null ? 0 : total);
    }

    @QueryHandler
    CaseView find(FindCaseQuery query) {
        UUID id;
        try {
            id = UUID.fromString(query.attackId());
        } catch (IllegalArgumentException e) {
            return null;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("id", id);
        List<FollowUpView> followUps = jdbc.query(
                "SELECT * FROM case_follow_up WHERE attack_id = :id ORDER BY started_on, follow_up_id",
                params,
                (rs, n) -> new FollowUpView(
                        rs.getString("follow_up_id"),
                        rs.getString("kind"),
                        rs.getString("status"),
                        rs.getObject("started_on", java.time.LocalDate.class),
                        rs.getString("note"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()));
        List<CaseView> found = jdbc.query(
                "SELECT * FROM case_summary WHERE attack_id = :id",
                params,
                (rs, n) -> new CaseView(
                        rs.getString("attack_id"),
                        read(rs.getString("facts"), AttackFacts.class),
                        read(rs.getString("classification"), Classification.class),
                        rs.getString("sharing_summary"),
                        rs.getInt("corrections"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        followUps,
                        CaseView.PersonalData.WITHHELD));
        return found.isEmpty() ? null : found.get(0);
    }

    private static CaseSummaryView summary(ResultSet rs) throws SQLException {
        return new CaseSummaryView(
                rs.getString("attack_id"),
                rs.getString("occurred_on"),
                rs.getString("country"),
                rs.getString("subdivision"),
                rs.getString("target_kind"),
                Arrays.asList((String[]) rs.getArray("aggression_types").getArray()),
                rs.getString("verification_status"),
                rs.getInt("corrections"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " in case_summary", e);
        }
    }
}
