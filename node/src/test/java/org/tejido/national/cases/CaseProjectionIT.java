package org.tejido.national.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.national.attack.AttackCorrectedEvent;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.AttackHistory;
import org.tejido.national.attack.AttackReclassifiedEvent;
import org.tejido.national.attack.AttackRecordedEvent;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.national.followup.FollowUpOpenedEvent;
import org.tejido.national.followup.FollowUpStatusChangedEvent;
import org.tejido.support.NodeIntegrationTest;

/**
 * The case projection, event by event, against the real read-model tables: what each event does to
 * the rows, read back through the queries. Each test runs in a transaction that is rolled back,
 * because these rows have no events behind them and the node is shared with other test classes; so
 * the case detail, whose content comes from the event stream, is given that content here.
 */
@NodeIntegrationTest
@Transactional
class CaseProjectionIT {
    static final Instant T0 = Instant.parse("2025-01-10T10:00:00Z");
    static final Instant T1 = Instant.parse("2025-01-11T10:00:00Z");

    @Autowired
    CaseProjection projection;

    @Autowired
    CaseQueries queries;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenRecorded_thenListedAndReadable() {
        String id = UUID.randomUUID().toString();
        projection.on(new AttackRecordedEvent(id, facts("2021-04", "GT-07"), classification("eviction"), null), T0);

        CaseSummaryView row =
                only(queries.list(new ListCasesQuery(null, null, null, null, "GT-07", null, null, 100)), id);
        assertThat(row.occurredOn()).isEqualTo("2021-04");
        assertThat(row.country()).isEqualTo("GT");
        assertThat(row.targetKind()).isEqualTo("collective");
        assertThat(row.aggressionTypes()).containsExactly("eviction");
        assertThat(row.verificationStatus()).isEqualTo("verified");
        assertThat(row.recordedAt()).isEqualTo(T0);
        assertThat(row.updatedAt()).isEqualTo(T0);
        assertThat(row.corrections()).isZero();

        assertThat(ids(queries.list(new ListCasesQuery(
                        LocalDate.of(2021, 4, 30),
                        LocalDate.of(2021, 4, 30),
                        "eviction",
                        "movement",
                        "GT-07",
                        "verified",
                        null,
                        100))))
                .contains(id);
        assertThat(ids(queries.list(
                        new ListCasesQuery(LocalDate.of(2021, 5, 1), null, null, null, "GT-07", null, null, 100))))
                .doesNotContain(id);
    }

    @Test
    void givenCorrectedAndReclassified_thenRowFollowsAndCountsCorrections() {
        String id = UUID.randomUUID().toString();
        projection.on(new AttackRecordedEvent(id, facts("2021-04", "GT-07"), classification("eviction"), null), T0);
        projection.on(new AttackCorrectedEvent(id, facts("2021-04-02", "GT-08"), null, "exact day"), T1);
        projection.on(new AttackReclassifiedEvent(id, classification("raid"), "police report"), T1);

        assertThat(ids(queries.list(new ListCasesQuery(null, null, null, null, "GT-07", null, null, 100))))
                .doesNotContain(id);
        CaseSummaryView row =
                only(queries.list(new ListCasesQuery(null, null, null, null, "GT-08", null, null, 100)), id);
        assertThat(row.occurredOn()).isEqualTo("2021-04-02");
        assertThat(row.aggressionTypes()).containsExactly("raid");
        assertThat(row.corrections()).isEqualTo(2);
        assertThat(row.recordedAt()).isEqualTo(T0);
        assertThat(row.updatedAt()).isEqualTo(T1);
        assertThat(ids(queries.list(new ListCasesQuery(null, null, null, "movement", "GT-08", null, null, 100))))
                .doesNotContain(id);
        assertThat(ids(queries.list(new ListCasesQuery(null, null, null, "property", "GT-08", null, null, 100))))
                .contains(id);
    }

    @Test
    void givenFollowUps_thenTheCaseCarriesThemWithTheirStatus() {
        String id = UUID.randomUUID().toString();
        String followUp = UUID.randomUUID().toString();
        projection.on(new AttackRecordedEvent(id, facts("2022", "GT-01"), classification("threats"), null), T0);
        projection.on(
                new FollowUpOpenedEvent(followUp, id, "alert", "requested", LocalDate.of(2022, 2, 1), "first"), T0);
        projection.on(new FollowUpStatusChangedEvent(followUp, id, "requested", "completed", null), T1);

        AttackHistory.Current current =
                new AttackHistory.Current(facts("2022", "GT-01"), classification("threats"), null, "summary");
        CaseView view = queries.find(UUID.fromString(id), current);
        assertThat(view.facts()).isEqualTo(current.facts());
        assertThat(view.classification()).isEqualTo(current.classification());
        assertThat(view.sharingSummary()).isEqualTo("summary");
        assertThat(view.recordedAt()).isEqualTo(T0);
        assertThat(view.personalData()).isEqualTo(CaseView.PersonalData.WITHHELD);
        List<FollowUpView> followUps = view.followUps();
        assertThat(followUps).hasSize(1);
        assertThat(followUps.get(0).status()).isEqualTo("completed");
        assertThat(followUps.get(0).note()).isEqualTo("first");
        assertThat(followUps.get(0).updatedAt()).isEqualTo(T1);
    }

    @Test
    void givenCasesOfOneDateAndAnEarlierOne_thenListedNewestDateFirstThenLatestRecordedFirst() {
        String earlierDate = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        projection.on(new AttackRecordedEvent(first, facts("2023-06-05", "GT-03"), classification("raid"), null), T0);
        projection.on(
                new AttackRecordedEvent(earlierDate, facts("2023-06-04", "GT-03"), classification("raid"), null), T1);
        projection.on(new AttackRecordedEvent(second, facts("2023-06-05", "GT-03"), classification("raid"), null), T1);

        assertThat(ids(queries.list(new ListCasesQuery(
                        LocalDate.of(2023, 6, 4), LocalDate.of(2023, 6, 5), null, null, "GT-03", null, null, 100))))
                .containsExactly(second, first, earlierDate);
    }

    @Test
    void givenMoreCasesThanAPage_thenCursorsWalkThemAllOnceInListOrder() {
        // 23 cases on 5 dates of 1987 (no other test records that year), several recorded at the same
        // instant: those are ordered by attack id, which the cursor must carry too.
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String id = UUID.randomUUID().toString();
            String date = "1987-03-0" + (1 + i % 5);
            Instant at = i % 3 == 0 ? T0 : T1;
            projection.on(new AttackRecordedEvent(id, facts(date, "GT-05"), classification("raid"), null), at);
            expected.add(id);
        }
        ListCasesQuery all = new ListCasesQuery(
                LocalDate.of(1987, 1, 1), LocalDate.of(1987, 12, 31), null, null, "GT-05", null, null, 100);
        CasePageView whole = queries.list(all);
        assertThat(whole.next()).isNull();
        assertThat(ids(whole)).containsExactlyInAnyOrderElementsOf(expected);
        // The list's order: newest date first, then latest recorded, then the larger attack id.
        List<String> sorted = jdbc.queryForList(
                "SELECT attack_id::text FROM case_summary WHERE attack_id::text = ANY (?)"
                        + " ORDER BY occurred_from DESC, recorded_at DESC, attack_id DESC",
                String.class,
                (Object) expected.toArray(String[]::new));
        assertThat(ids(whole)).containsExactlyElementsOf(sorted);

        for (int size : List.of(1, 4, 5, 22, 23)) {
            List<String> walked = new java.util.ArrayList<>();
            CaseCursor after = null;
            int pages = 0;
            do {
                CasePageView page =
                        queries.list(new ListCasesQuery(all.from(), all.to(), null, null, "GT-05", null, after, size));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(size).isNotEmpty();
                assertThat(page.size()).isEqualTo(size);
                walked.addAll(ids(page));
                after = page.next() == null ? null : CaseCursor.decode(page.next());
                pages++;
            } while (after != null);
            assertThat(walked).as("pages of %d", size).containsExactlyElementsOf(sorted);
            assertThat(pages).isEqualTo((23 + size - 1) / size);
        }

        // A filter applies after the cursor as before it: the raids of 1987-03-01 and -02 only.
        ListCasesQuery twoDays = new ListCasesQuery(
                LocalDate.of(1987, 3, 1), LocalDate.of(1987, 3, 2), "raid", "property", "GT-05", "verified", null, 3);
        List<String> walked = new java.util.ArrayList<>();
        for (CasePageView page = queries.list(twoDays); ; ) {
            walked.addAll(ids(page));
            if (page.next() == null) {
                break;
            }
            page = queries.list(new ListCasesQuery(
                    twoDays.from(),
                    twoDays.to(),
                    "raid",
                    "property",
                    "GT-05",
                    "verified",
                    CaseCursor.decode(page.next()),
                    3));
        }
        assertThat(walked)
                .hasSize(10)
                .containsExactlyElementsOf(
                        sorted.stream().filter(id -> walked.contains(id)).toList());
    }

    @Test
    void theListWalksThePeriodIndexBackwardsRatherThanSortingTheTable() {
        // The table is small in a test; without this the planner rightly prefers reading it all.
        jdbc.execute("SET LOCAL enable_seqscan = off");
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN SELECT * FROM case_summary" + CaseQueries.LIST_ORDER + " LIMIT 20", String.class));
        assertThat(plan)
                .contains("Index Scan Backward using case_summary_period_idx")
                .doesNotContain("Sort");
    }

    /**
     * Every page of the main shapes can be read from an index in the list's order, starting at the
     * cursor, with no sort and no read of the whole table (ADR 0031). On a test's small table the planner
     * would rightly read it all, so those plans are switched off: what is checked is that an index path
     * with neither exists. The figures at a million cases are docs/benchmarks.md's.
     */
    @Test
    void eachMainShapeOfPageIsAnIndexWalkFromTheCursorWithoutSort() {
        jdbc.execute("SET LOCAL enable_seqscan = off");
        jdbc.execute("SET LOCAL enable_bitmapscan = off");
        jdbc.execute("SET LOCAL enable_sort = off");
        CaseCursor after = new CaseCursor(LocalDate.of(2020, 5, 1), T0, UUID.randomUUID());
        LocalDate from = LocalDate.of(2019, 1, 1);
        LocalDate to = LocalDate.of(2019, 12, 31);
        assertThat(plan(new ListCasesQuery(null, null, null, null, null, null, after, 20)))
                .contains("Index Scan Backward using case_summary_period_idx")
                .contains("Index Cond: (ROW(occurred_from, recorded_at, attack_id) < ROW(");
        assertThat(plan(new ListCasesQuery(from, to, "raid", "property", null, null, after, 20)))
                .contains("Index Scan Backward using case_summary_period_idx")
                // `from` bounds the walk: a date's range is at most a year.
                .contains("occurred_from >= '2018-01-01'::date")
                .contains("occurred_from <= '2019-12-31'::date");
        assertThat(plan(new ListCasesQuery(null, null, "raid", null, "GT-05", null, after, 20)))
                .contains("Index Scan Backward using case_summary_subdivision_idx")
                .contains("ROW(occurred_from, recorded_at, attack_id) < ROW(");
        assertThat(plan(new ListCasesQuery(null, null, "raid", null, null, "dismissed", after, 20)))
                .contains("Index Scan Backward using case_summary_status_idx")
                .contains("ROW(occurred_from, recorded_at, attack_id) < ROW(");
    }

    private String plan(ListCasesQuery query) {
        CaseQueries.Sql sql = CaseQueries.listSql(query);
        String plan = String.join(
                "\n",
                new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc)
                        .queryForList("EXPLAIN " + sql.text(), sql.params(), String.class));
        assertThat(plan).doesNotContain("Sort").doesNotContain("Seq Scan");
        return plan;
    }

    @Test
    void aCaseWhoseRowIsNotProjectedYetIsNotFound() {
        AttackHistory.Current current =
                new AttackHistory.Current(facts("2022", "GT-01"), classification("threats"), null, null);
        assertThat(queries.find(UUID.randomUUID(), current)).isNull();
    }

    @Test
    void unknownOrMalformedIdsFindNothing() {
        assertThat(queries.find(new FindCaseQuery(UUID.randomUUID().toString())))
                .isNull();
        assertThat(queries.find(new FindCaseQuery("not-a-uuid"))).isNull();
        assertThat(queries.find(new FindCaseQuery(null))).isNull();
    }

    @Test
    void givenNewCaseRowsCopied_thenPostgresReadsBackExactlyWhatWasGiven() {
        UUID full = UUID.randomUUID();
        UUID sparse = UUID.randomUUID();
        Instant micros = Instant.parse("2025-01-10T10:00:00.123456Z");
        NewCaseRows.write(
                jdbc,
                List.of(
                        new NewCaseRows.Row(
                                full,
                                micros,
                                "2024-02-29",
                                LocalDate.of(2024, 2, 29),
                                LocalDate.of(2024, 2, 29),
                                "MX",
                                "MX-OAX",
                                "close-person",
                                List.of("threat", "surveillance"),
                                List.of("intimidación", "vigilancia"),
                                "reported"),
                        new NewCaseRows.Row(
                                sparse,
                                Instant.parse("1999-12-31T23:59:59Z"),
                                "1999",
                                LocalDate.of(1999, 1, 1),
                                LocalDate.of(1999, 12, 31),
                                "GT",
                                null,
                                "defender",
                                List.of(),
                                List.of(),
                                "verified")));

        assertThat(jdbc.queryForList(
                                "SELECT recorded_at = updated_at AS same, extract(epoch FROM recorded_at)::numeric AS epoch,"
                                        + " occurred_on, occurred_from::text AS since, occurred_to::text AS until, country,"
                                        + " subdivision, target_kind, array_to_string(aggression_types, '|') AS types,"
                                        + " array_to_string(aggression_groups, '|') AS groups, cardinality(aggression_types) AS n,"
                                        + " verification_status, corrections FROM case_summary WHERE attack_id = ?",
                                full)
                        .get(0))
                .containsEntry("same", true)
                .containsEntry("epoch", new java.math.BigDecimal("1736503200.123456"))
                .containsEntry("occurred_on", "2024-02-29")
                .containsEntry("since", "2024-02-29")
                .containsEntry("until", "2024-02-29")
                .containsEntry("country", "MX")
                .containsEntry("subdivision", "MX-OAX")
                .containsEntry("target_kind", "close-person")
                .containsEntry("types", "threat|surveillance")
                .containsEntry("groups", "intimidación|vigilancia")
                .containsEntry("n", 2)
                .containsEntry("verification_status", "reported")
                .containsEntry("corrections", 0);
        assertThat(jdbc.queryForList(
                                "SELECT recorded_at, occurred_from::text AS since, occurred_to::text AS until, subdivision,"
                                        + " cardinality(aggression_types) AS types, cardinality(aggression_groups) AS groups"
                                        + " FROM case_summary WHERE attack_id = ?",
                                sparse)
                        .get(0))
                .containsEntry("since", "1999-01-01")
                .containsEntry("until", "1999-12-31")
                .containsEntry("subdivision", null)
                .containsEntry("types", 0)
                .containsEntry("groups", 0);
        assertThat(jdbc.queryForObject(
                                "SELECT recorded_at FROM case_summary WHERE attack_id = ?",
                                java.sql.Timestamp.class,
                                sparse)
                        .toInstant())
                .isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    }

    private static AttackFacts facts(String date, String subdivision) {
        return new AttackFacts(
                new Target("collective", null, List.of()),
                PartialDate.parse(date),
                new Location("GT", subdivision, null),
                List.of(new Source("media", "probably-true")),
                "verified",
                null);
    }

    private static Classification classification(String type) {
        return new Classification(List.of(type), List.of(), List.of("land-and-territory"), List.of());
    }

    private static CaseSummaryView only(CasePageView page, String attackId) {
        List<CaseSummaryView> rows = page.items().stream()
                .filter(row -> row.attackId().equals(attackId))
                .toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<String> ids(CasePageView page) {
        return page.items().stream().map(CaseSummaryView::attackId).toList();
    }
}
