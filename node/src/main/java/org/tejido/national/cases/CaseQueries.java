package org.tejido.national.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.tejido.national.attack.AttackHistory;

/**
 * Answers the registrars' questions from the read model; a case's content (facts, classification,
 * sharing summary) comes from its event stream, which the read model does not copy (ADR 0018).
 */
@Component
class CaseQueries {
    /**
     * Newest date first; within a date, the latest recorded first. Read backwards from
     * {@code case_summary_period_idx}, which is in this order so that new cases land side by side
     * (ADR 0019).
     */
    static final String LIST_ORDER = " ORDER BY occurred_from DESC, recorded_at DESC, attack_id DESC";

    private final NamedParameterJdbcTemplate jdbc;
    private final AttackHistory history;

    CaseQueries(NamedParameterJdbcTemplate jdbc, AttackHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /**
     * One page of the list, keyset-paged (ADR 0031): the page starts after the cursor, in the order of
     * {@link #LIST_ORDER}, and asks for one case more than the page holds to know whether another page
     * follows. No total is counted: on a large registry an exact count reads every matching row.
     */
    @QueryHandler
    CasePageView list(ListCasesQuery query) {
        Sql sql = listSql(query);
        List<CaseSummaryView> items = new ArrayList<>(query.size() + 1);
        List<CaseCursor> positions = new ArrayList<>(query.size() + 1);
        jdbc.query(sql.text(), sql.params(), rs -> {
            items.add(summary(rs));
            positions.add(new CaseCursor(
                    rs.getObject("occurred_from", LocalDate.class),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("attack_id", UUID.class)));
        });
        if (items.size() <= query.size()) {
            return new CasePageView(items, query.size(), null);
        }
        return new CasePageView(
                List.copyOf(items.subList(0, query.size())),
                query.size(),
                positions.get(query.size() - 1).encode());
    }

    /** A statement and its parameters. */
    record Sql(String text, MapSqlParameterSource params) {}

    /**
     * The page's statement. PostgreSQL walks {@code case_summary_period_idx} backwards from the cursor
     * (or from {@code to}) and no further back than {@code from} allows, or, with a subdivision or a
     * status, that column's index, which is in the same order after it (V20, ADR 0031); the aggression
     * type and group are checked on the rows walked (no index, ADR 0016).
     */
    static Sql listSql(ListCasesQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        if (query.from() != null) {
            where.add("occurred_to >= :from");
            params.addValue("from", query.from());
            // The same, as a bound of the index's first column: a date's range is at most a year (a
            // year-precision date), so a case ending on or after `from` starts at most a year before it.
            // Without it a filter that matches fewer cases than a page walks the index to its oldest end.
            where.add("occurred_from >= :fromBound");
            params.addValue("fromBound", query.from().minusYears(1));
        }
        if (query.to() != null) {
            where.add("occurred_from <= :to");
            params.addValue("to", query.to());
        }
        if (query.aggressionType() != null) {
            where.add("aggression_types @> ARRAY[CAST(:type AS text)]");
            params.addValue("type", query.aggressionType());
        }
        if (query.aggressionGroup() != null) {
            where.add("aggression_groups @> ARRAY[CAST(:group AS text)]");
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
        CaseCursor after = query.after();
        if (after != null) {
            where.add("(occurred_from, recorded_at, attack_id) < (:afterDate, :afterRecorded, :afterId)");
            params.addValue("afterDate", after.occurredFrom());
            params.addValue("afterRecorded", after.recordedAt().atOffset(ZoneOffset.UTC));
            params.addValue("afterId", after.attackId());
        }
        params.addValue("limit", query.size() + 1);
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return new Sql("SELECT * FROM case_summary" + filter + LIST_ORDER + " LIMIT :limit", params);
    }

    /** The case without its personal data; null if it is unknown or not projected yet. */
    @QueryHandler
    CaseView find(FindCaseQuery query) {
        return parse(query.attackId())
                .flatMap(id -> history.of(id.toString()).map(current -> find(id, current)))
                .orElse(null);
    }

    /** Empty for what is not a UUID, which no attack has. */
    static Optional<UUID> parse(String attackId) {
        if (attackId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(attackId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The case as its events say now ({@code current}), with what only the read model knows: its
     * follow-ups, its corrections count, when it was recorded and last changed. Null when the read
     * model has no row for it yet, as for an attack never recorded: a case is listed and read alike.
     */
    CaseView find(UUID id, AttackHistory.Current current) {
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
                "SELECT attack_id, corrections, recorded_at, updated_at FROM case_summary WHERE attack_id = :id",
                params,
                (rs, n) -> new CaseView(
                        rs.getString("attack_id"),
                        current.facts(),
                        current.classification(),
                        current.sharingSummary(),
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
}
