package org.tejido.regional.statistics.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tejido.regional.statistics.catalogue.Rec.attack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.disclosure.Attackers;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.DisclosureControl;
import org.tejido.regional.statistics.disclosure.InnerCell;
import org.tejido.regional.statistics.disclosure.Outcome;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.disclosure.ProtectedCell;
import org.tejido.vocabulary.Vocabulary;

class CatalogueTest {
    static final Vocabulary VOCABULARY = Vocabulary.load();
    static final Parameters T5 = Parameters.DEFAULT;
    final Catalogue catalogue = new Catalogue(VOCABULARY);

    @Test
    void aRecordWithTwoTypesOfOneGroupCountsOnceInEachTypeOnceInTheGroupAndOnceInTheTotal() {
        // given six attacks on six defenders, each a killing and a death threat (both "against life")
        List<StatisticsRecord> records =
                attack().types("killing", "death-threat").times(6);

        // when released
        ProtectedRelease release = catalogue.release(2026, records, T5);

        // then each type counts six, the group six (not twelve), the total six
        assertThat(figure(release, "country-by-aggression/MX/type:killing")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-aggression/MX/type:death-threat"))
                .isEqualTo(published(6));
        assertThat(figure(release, "country-by-aggression/MX/group:life")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-aggression/MX/total")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-aggression/all/group:life")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-aggression/GT/group:life")).isEqualTo(published(0));
        assertThat(figure(release, "period-by-aggression-group/2026-03/group:life"))
                .isEqualTo(published(6));
        assertThat(figure(release, "period-by-aggression-group/2026-Q1/total")).isEqualTo(published(6));
        // and their hierarchy is named: type under group under total
        TableLayout layout =
                release.table("country-by-aggression").orElseThrow().layout();
        Header killing = header(layout.columns(), "type:killing");
        assertThat(killing.parent()).contains("group:life");
        assertThat(killing.es()).isEqualTo("Asesinato");
        assertThat(killing.en()).isEqualTo("Killing");
        assertThat(header(layout.columns(), "group:life").parent()).contains("total");
        assertThat(header(layout.rows(), "MX").parent()).contains("all");
        assertThat(layout.multiValuedColumns()).isTrue();
    }

    @Test
    void everyTableHasTheDocumentedShapeWhateverTheData() {
        // given no records at all
        ProtectedRelease release = catalogue.release(2026, List.of(), T5);

        // then the six tables are there with every code of the vocabulary, retired ones too, and zeros
        assertThat(release.tables())
                .extracting(ReleasedTable::id)
                .containsExactly(
                        "country-by-period",
                        "country-by-aggression",
                        "country-by-perpetrator",
                        "country-by-right",
                        "country-by-gender-element",
                        "period-by-aggression-group");
        assertThat(keys(release.table("country-by-period")
                        .orElseThrow()
                        .layout()
                        .rows()))
                .containsExactly("MX", "GT", "HN", "SV", "NI", "all");
        assertThat(keys(release.table("country-by-period")
                        .orElseThrow()
                        .layout()
                        .columns()))
                .startsWith("2026-01", "2026-02")
                .contains("2026-12", "2026-Q1", "2026-Q4")
                .endsWith("2026");
        assertThat(release.table("country-by-aggression").orElseThrow().layout().columns())
                .hasSize(29 + 9 + 1)
                .anySatisfy(h -> assertThat(h.key()).isEqualTo("type:defamation"))
                .filteredOn(Header::retired)
                .extracting(Header::key)
                .containsExactly("type:defamation");
        assertThat(keys(release.table("country-by-perpetrator")
                        .orElseThrow()
                        .layout()
                        .columns()))
                .hasSize(14 + 4 + 2)
                .contains("perpetrator:unknown", "perpetrator-group:unknown")
                .endsWith("none", "total");
        assertThat(keys(release.table("country-by-right").orElseThrow().layout().columns()))
                .hasSize(11 + 2)
                .endsWith("none", "total");
        assertThat(keys(release.table("country-by-gender-element")
                        .orElseThrow()
                        .layout()
                        .columns()))
                .hasSize(5 + 1)
                .endsWith("any");
        assertThat(keys(release.table("period-by-aggression-group")
                        .orElseThrow()
                        .layout()
                        .rows()))
                .hasSize(17);
        assertThat(release.tables().stream().flatMap(t -> t.cells().stream()))
                .hasSize(6 * 17 + 6 * 39 + 6 * 20 + 6 * 13 + 6 * 6 + 17 * 10)
                .allSatisfy(c -> assertThat(c.figure()).isEqualTo(published(0)));
        assertThat(release.catalogue()).isEqualTo("tejido-catalogue/v1");
        assertThat(release.algorithm()).isEqualTo(DisclosureControl.ALGORITHM);
        assertThat(release.vocabulary()).isEqualTo("tejido-vocabulary/v1");
        assertThat(release.parameters()).isEqualTo(T5);
    }

    @Test
    void aRecordKnownOnlyByItsYearCountsInTheYearAlone() {
        // given attacks whose month the node did not know, and others in March
        List<StatisticsRecord> records =
                new ArrayList<>(attack().in("MX", "2026").times(6));
        records.addAll(attack().in("MX", "2026-03").times(7));

        ProtectedRelease release = catalogue.release(2026, records, T5);

        // then the year counts both, the quarter and the month only March's
        assertThat(figure(release, "country-by-period/MX/2026")).isEqualTo(published(13));
        assertThat(figure(release, "country-by-period/MX/2026-Q1")).isEqualTo(published(7));
        assertThat(figure(release, "country-by-period/MX/2026-03")).isEqualTo(published(7));
        assertThat(figure(release, "period-by-aggression-group/2026/group:life"))
                .isEqualTo(published(13));
        assertThat(figure(release, "period-by-aggression-group/2026-Q1/group:life"))
                .isEqualTo(published(7));
        assertThat(figure(release, "country-by-aggression/MX/total")).isEqualTo(published(13));
    }

    @Test
    void recordsWithoutPerpetratorOrRightCountUnderNoneAndInTheTotalAndWithoutElementNotAtAll() {
        List<StatisticsRecord> records = new ArrayList<>(attack().times(6));
        records.addAll(attack().perpetrators("police", "armed-forces")
                .rights("environment")
                .elements("sexist-smear", "identity-related")
                .times(6));

        ProtectedRelease release = catalogue.release(2026, records, T5);

        assertThat(figure(release, "country-by-perpetrator/MX/none")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-perpetrator/MX/perpetrator:police"))
                .isEqualTo(published(6));
        assertThat(figure(release, "country-by-perpetrator/MX/perpetrator-group:state"))
                .isEqualTo(published(6));
        assertThat(figure(release, "country-by-perpetrator/MX/total")).isEqualTo(published(12));
        assertThat(figure(release, "country-by-right/MX/none")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-right/MX/right:environment")).isEqualTo(published(6));
        assertThat(figure(release, "country-by-right/MX/total")).isEqualTo(published(12));
        assertThat(figure(release, "country-by-gender-element/MX/element:sexist-smear"))
                .isEqualTo(published(6));
        assertThat(figure(release, "country-by-gender-element/MX/any")).isEqualTo(published(6));
    }

    @Test
    void aGroupThatIsNotTheSumOfItsTypesStillProtectsItsSmallCells() {
        // given two defenders with a killing and a death threat each, and many single-type attacks
        List<StatisticsRecord> records = new ArrayList<>();
        records.addAll(attack().types("killing", "death-threat").times(2));
        records.addAll(attack().types("death-threat").times(8));
        records.addAll(attack().types("killing").times(8));
        records.addAll(
                attack().in("GT", "2026-03").types("killing", "death-threat").times(8));
        records.addAll(attack().in("GT", "2026-03").types("death-threat").times(8));

        // when protected
        CatalogueModel model = catalogue.model(2026, records);
        ProtectedRelease release = model.protect(T5);

        // then the group (18) is not the sum of its types (10 + 10), and what only the two carry together
        // cannot be worked out from any published cell
        assertThat(figure(release, "country-by-aggression/MX/group:life")).isEqualTo(published(18));
        assertThat(figure(release, "country-by-aggression/MX/type:killing")).isEqualTo(published(10));
        assertThat(figure(release, "country-by-aggression/MX/type:death-threat"))
                .isEqualTo(published(10));
        assertGuarantee(model, release, T5);
    }

    @Test
    void aSmallMonthCannotBeWorkedOutFromItsQuarterAndTheOtherMonths() {
        // given two defenders attacked in January in Mexico, seven in February and seven in March
        List<StatisticsRecord> records = new ArrayList<>();
        records.addAll(attack().in("MX", "2026-01").types("harassment").times(2));
        records.addAll(attack().in("MX", "2026-02").types("harassment").times(7));
        records.addAll(attack().in("MX", "2026-03").types("harassment").times(7));
        records.addAll(attack().in("GT", "2026-01").types("harassment").times(8));

        CatalogueModel model = catalogue.model(2026, records);
        ProtectedRelease release = model.protect(T5);

        // then January is suppressed, and so is enough around it that the quarter less February and
        // March does not give it back, in this table or the period table
        assertThat(figure(release, "country-by-period/MX/2026-01")).isEqualTo(Figure.SUPPRESSED);
        Map<String, int[]> ranges = assertGuarantee(model, release, T5);
        int[] january = ranges.get("country-by-period/MX/2026-01");
        assertThat(january[1]).isGreaterThanOrEqualTo(5);
        assertThat(january[1] - january[0]).isGreaterThanOrEqualTo(5);
    }

    @Test
    void publicRecordsAreExemptAndListedByTheirPublicName() {
        // given a killed defender honoured by name in Nicaragua, a public record without a name, and many
        // private records elsewhere
        List<StatisticsRecord> records = new ArrayList<>();
        records.add(attack().in("NI", "2026-05")
                .types("killing", "death-threat")
                .publicAs("Ana \"Nena\" Pérez")
                .build());
        records.add(attack().in("NI", "2026-05")
                .types("killing", "death-threat")
                .publicAs(null)
                .build());
        records.addAll(attack().in("MX", "2026-05").times(9));

        CatalogueModel model = catalogue.model(2026, records);
        ProtectedRelease release = model.protect(T5);

        // then the Nicaraguan cells are published although only two records are behind them
        assertThat(figure(release, "country-by-aggression/NI/type:killing")).isEqualTo(published(2));
        assertThat(figure(release, "country-by-period/NI/2026-05")).isEqualTo(published(2));
        assertThat(figure(release, "country-by-period/all/2026-05")).isEqualTo(published(11));
        assertGuarantee(model, release, T5);
        // and the records are listed by public name, country, period and types, nothing else
        assertThat(release.publicRecords())
                .containsExactly(
                        new PublicListing(Optional.empty(), "NI", "2026-05", List.of("death-threat", "killing")),
                        new PublicListing(
                                Optional.of("Ana \"Nena\" Pérez"),
                                "NI",
                                "2026-05",
                                List.of("death-threat", "killing")));
    }

    @Test
    void sixAttacksOnOneDefenderAreSuppressedAsOnePerson() {
        List<StatisticsRecord> records =
                new ArrayList<>(attack().against("defender-a").times(6));
        records.addAll(attack().in("GT", "2026-03").times(9));

        ProtectedRelease release = catalogue.release(2026, records, T5);

        assertThat(figure(release, "country-by-period/MX/2026-03")).isEqualTo(Figure.SUPPRESSED);
        assertThat(figure(release, "country-by-aggression/MX/total")).isEqualTo(Figure.SUPPRESSED);
    }

    @Test
    void anAttackOnSeveralPeopleNeverCountsMorePeopleThanRecords() {
        // given three attacks, each on two people: six people, three records
        List<StatisticsRecord> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(attack().against("p" + i + "a", "p" + i + "b").build());
        }
        records.addAll(attack().in("GT", "2026-03").times(9));

        // when modelled
        CatalogueModel model = catalogue.model(2026, records);

        // then the inner cell counts at most one person per record (fewer people: only more suppression)
        InnerCell mexico = model.innerCells().stream()
                .filter(c -> c.key().startsWith("MX|"))
                .findFirst()
                .orElseThrow();
        assertThat(mexico.privateRecords()).isEqualTo(3);
        assertThat(mexico.privateContributors()).hasSize(3);
        assertThat(figure(model.protect(T5), "country-by-period/MX/2026-03")).isEqualTo(Figure.SUPPRESSED);
    }

    @Test
    void recordsOfOtherYearsAreLeftOut() {
        List<StatisticsRecord> records =
                new ArrayList<>(attack().in("MX", "2025-12").times(6));
        records.addAll(attack().in("MX", "2026-01").times(6));

        ProtectedRelease release = catalogue.release(2026, records, T5);

        assertThat(figure(release, "country-by-period/MX/2026")).isEqualTo(published(6));
    }

    @Test
    void malformedInputIsRefusedByCodeWithoutItsValue() {
        assertRefused(List.of(attack().in("MX", "2026-13").build()), CatalogueRefusal.INVALID_PERIOD);
        assertRefused(List.of(attack().in("MX", "26-01").build()), CatalogueRefusal.INVALID_PERIOD);
        assertRefused(List.of(attack().in("XX", "2026-01").build()), CatalogueRefusal.UNKNOWN_CODE);
        assertRefused(List.of(attack().types("secret-code").build()), CatalogueRefusal.UNKNOWN_CODE);
        assertRefused(List.of(attack().perpetrators("secret-code").build()), CatalogueRefusal.UNKNOWN_CODE);
        assertRefused(List.of(attack().rights("secret-code").build()), CatalogueRefusal.UNKNOWN_CODE);
        assertRefused(List.of(attack().elements("secret-code").build()), CatalogueRefusal.UNKNOWN_CODE);
        assertRefused(List.of(attack().types().build()), CatalogueRefusal.NO_AGGRESSION_TYPE);
        assertThatThrownBy(() -> catalogue.model(26, List.of()))
                .isInstanceOfSatisfying(
                        CatalogueRefusal.class, e -> assertThat(e.code()).isEqualTo(CatalogueRefusal.INVALID_YEAR));
        assertThatThrownBy(() -> catalogue.model(
                        2026, List.of(attack().types("secret-code").build())))
                .isInstanceOfSatisfying(CatalogueRefusal.class, e -> {
                    assertThat(e.arguments()).containsExactly("aggression-type");
                    assertThat(e.getMessage()).isEqualTo("statistics.unknown-code");
                });
    }

    @Test
    void theTagSplitsInnerCellsWhileEveryCellStillTakesAllOfItsSignature() {
        // given records of one signature, some counted in an earlier release
        List<StatisticsRecord> records = attack().times(6);
        StatisticsRecord earlier = records.get(0);

        // when modelled with a tag that says so
        CatalogueModel model = catalogue.model(2026, records, r -> r == earlier ? "earlier" : "");

        // then there are two inner cells, and the cells name both
        assertThat(model.innerCells()).extracting(InnerCell::key).hasSize(2).allMatch(k -> k.startsWith("MX|2026-03|"));
        assertThat(model.innerCells())
                .extracting(InnerCell::key)
                .contains("MX|2026-03|t:death-threat|p:|r:|g:", "MX|2026-03|t:death-threat|p:|r:|g:|#earlier");
        CellSpec march = cell(model, "country-by-period/MX/2026-03");
        assertThat(march.innerKeys()).hasSize(2);
        assertThat(figure(model.protect(T5), "country-by-period/MX/2026-03")).isEqualTo(published(6));
    }

    @Test
    void everyCellNamesExactlyTheInnerCellsOfTheRecordsItCounts() {
        // given a mix of everything
        List<StatisticsRecord> records = Synthetic.records(new java.util.Random(3), 300, List.of("MX", "GT", "HN"));

        // when modelled
        CatalogueModel model = catalogue.model(2026, records);

        // then each cell's private and public records add up to the count written again from the docs
        Map<String, InnerCell> inner = new HashMap<>();
        model.innerCells().forEach(c -> inner.put(c.key(), c));
        Recount recount = new Recount(VOCABULARY);
        for (CellSpec cell : model.cells()) {
            int sum = cell.innerKeys().stream()
                    .mapToInt(k -> inner.get(k).privateRecords() + inner.get(k).publicRecords())
                    .sum();
            assertThat(sum).as(cell.id()).isEqualTo(recount.count(records, 2026, cell.id()));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void assertRefused(Collection<StatisticsRecord> records, String code) {
        assertThatThrownBy(() -> catalogue.model(2026, records)).isInstanceOfSatisfying(CatalogueRefusal.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).doesNotContain("secret-code", "XX", "2026-13");
        });
    }

    static Figure published(int value) {
        return new Figure.Published(value);
    }

    static Figure figure(ProtectedRelease release, String cellId) {
        String table = cellId.substring(0, cellId.indexOf('/'));
        return release.table(table).orElseThrow().cells().stream()
                .filter(c -> c.id().equals(cellId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + cellId))
                .figure();
    }

    static CellSpec cell(CatalogueModel model, String id) {
        return model.cells().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static Header header(List<Header> headers, String key) {
        return headers.stream().filter(h -> h.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> keys(List<Header> headers) {
        return headers.stream().map(Header::key).toList();
    }

    /**
     * The guarantee, checked on what the release shows by an attacker written apart from the engine
     * (exhaustive over integer counts): each suppressed cell's possible values are not one, reach T,
     * and span W when they start below T. Also: the release shows exactly the engine's published cells.
     */
    static Map<String, int[]> assertGuarantee(CatalogueModel model, ProtectedRelease release, Parameters p) {
        Map<String, Outcome> shown = new HashMap<>();
        for (ReleasedTable table : release.tables()) {
            for (ReleasedCell c : table.cells()) {
                shown.put(
                        c.id(),
                        c.figure() instanceof Figure.Published pub
                                ? new Outcome.Published(pub.value())
                                : new Outcome.Suppressed(0, Outcome.Reason.SECONDARY, 0, OptionalInt.empty()));
            }
        }
        for (ProtectedCell c : DisclosureControl.protect(model.innerCells(), model.cells(), p)) {
            assertThat(shown.get(c.id()) instanceof Outcome.Published)
                    .as(c.id())
                    .isEqualTo(c.outcome() instanceof Outcome.Published);
            if (c.outcome() instanceof Outcome.Published pub) {
                assertThat(shown.get(c.id())).isEqualTo(pub);
            }
        }
        Map<String, int[]> ranges = Attackers.integerRanges(model.innerCells(), model.cells(), shown);
        for (CellSpec cell : model.cells()) {
            if (!(shown.get(cell.id()) instanceof Outcome.Published)) {
                int[] r = ranges.get(cell.id());
                assertThat(r).as(cell.id()).isNotNull();
                assertThat(r[1]).as(cell.id() + " not one value").isGreaterThan(r[0]);
                assertThat(r[1]).as(cell.id() + " reaches T").isGreaterThanOrEqualTo(p.threshold());
                if (r[0] < p.threshold()) {
                    assertThat(r[1] - r[0]).as(cell.id() + " W wide").isGreaterThanOrEqualTo(p.minWidth());
                }
            }
        }
        return ranges;
    }
}
