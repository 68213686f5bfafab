package org.tejido.regional.statistics.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tejido.regional.statistics.catalogue.CatalogueTest.figure;
import static org.tejido.regional.statistics.catalogue.CatalogueTest.published;
import static org.tejido.regional.statistics.catalogue.Rec.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tejido.regional.statistics.StatisticsRecord;
import org.tejido.regional.statistics.disclosure.CellSpec;
import org.tejido.regional.statistics.disclosure.DisclosureControl;
import org.tejido.regional.statistics.disclosure.Outcome;
import org.tejido.regional.statistics.disclosure.Parameters;
import org.tejido.regional.statistics.disclosure.ProtectedCell;
import org.tejido.vocabulary.Vocabulary;

/** Selections of a release, and its canonical byte form. */
class ReleaseFormTest {
    static final Parameters T5 = Parameters.DEFAULT;
    final Catalogue catalogue = new Catalogue(Vocabulary.load());

    @Test
    void aSelectionKeepsTheReleasedFiguresOfItsRowsAndColumnsAndNothingElse() {
        // given a protected release
        List<StatisticsRecord> records = Synthetic.records(new Random(11), 25, List.of("MX", "GT"));
        ProtectedRelease release = catalogue.release(2026, records, T5);

        // when Mexico's first quarter is selected
        ProtectedRelease part = release.select(Selection.ALL.withCountries("MX").withPeriods("2026-Q1", "2026-01"));

        // then the period tables keep those rows and columns, the others all their columns, and every
        // figure is the one of the whole release
        assertThat(part.table("country-by-period").orElseThrow().layout().rows())
                .extracting(Header::key)
                .containsExactly("MX");
        assertThat(part.table("country-by-period").orElseThrow().layout().columns())
                .extracting(Header::key)
                .containsExactly("2026-01", "2026-Q1");
        assertThat(part.table("period-by-aggression-group")
                        .orElseThrow()
                        .layout()
                        .rows())
                .extracting(Header::key)
                .containsExactly("2026-01", "2026-Q1");
        assertThat(part.table("country-by-aggression").orElseThrow().layout().columns())
                .hasSize(39);
        for (ReleasedTable table : part.tables()) {
            for (ReleasedCell cell : table.cells()) {
                assertThat(cell.figure()).as(cell.id()).isEqualTo(figure(release, cell.id()));
            }
        }
        assertThat(part.selection().countries()).contains(new java.util.TreeSet<>(List.of("MX")));
        assertThat(part.publicRecords())
                .allMatch(l -> l.country().equals("MX") && l.period().compareTo("2026-04") < 0);
    }

    @Test
    void aSelectionNeverProtectsAgainSoACellSuppressedToProtectAnotherStaysSuppressed() {
        // given a release where a cell with enough people is suppressed to protect a small one
        List<StatisticsRecord> records = new ArrayList<>();
        records.addAll(attack().in("MX", "2026-01").types("harassment").times(2));
        records.addAll(attack().in("MX", "2026-02").types("harassment").times(7));
        records.addAll(attack().in("MX", "2026-03").types("harassment").times(7));
        records.addAll(attack().in("GT", "2026-01").types("harassment").times(8));
        CatalogueModel model = catalogue.model(2026, records);
        ProtectedRelease release = model.protect(T5);
        ProtectedCell secondary = DisclosureControl.protect(model.innerCells(), model.cells(), T5).stream()
                .filter(c -> c.id().startsWith("country-by-period/")
                        && c.outcome() instanceof Outcome.Suppressed s
                        && s.reason() == Outcome.Reason.SECONDARY)
                .findFirst()
                .orElseThrow();
        String[] id = secondary.id().split("/");

        // when only that cell's row and column are selected
        ProtectedRelease part = release.select(Selection.ALL
                .withTables("country-by-period")
                .withCountries(id[1])
                .withPeriods(id[2]));

        // then it is still suppressed, though protecting that part alone would publish it
        assertThat(part.tables()).hasSize(1);
        assertThat(part.tables().get(0).cells()).hasSize(1);
        assertThat(part.tables().get(0).cells().get(0).figure()).isEqualTo(Figure.SUPPRESSED);
        CellSpec alone = CatalogueTest.cell(model, secondary.id());
        List<ProtectedCell> recomputed = DisclosureControl.protect(model.innerCells(), List.of(alone), T5);
        assertThat(recomputed.get(0).outcome()).isInstanceOf(Outcome.Published.class);
    }

    @Test
    void aSelectionOfAKeyTheReleaseDoesNotHaveIsRefusedByDimension() {
        ProtectedRelease release = catalogue.release(2026, List.of(), T5);

        for (Selection wrong : List.of(
                Selection.ALL.withCountries("XX"),
                Selection.ALL.withPeriods("2025-01"),
                Selection.ALL.withCategories("type:unknown-thing"),
                Selection.ALL.withTables("country-by-everything"))) {
            assertThatThrownBy(() -> release.select(wrong)).isInstanceOfSatisfying(CatalogueRefusal.class, e -> {
                assertThat(e.code()).isEqualTo(CatalogueRefusal.UNKNOWN_SELECTION);
                assertThat(e.arguments()).hasSize(1);
            });
        }
        // a category is a column key, never a country
        assertThatThrownBy(() -> release.select(Selection.ALL.withCategories("MX")))
                .isInstanceOf(CatalogueRefusal.class);
    }

    @Test
    void theSameRecordsInAnyOrderGiveTheSameBytes() {
        // given records with every kind of code, public ones and year-only ones
        List<StatisticsRecord> records = Synthetic.records(new Random(5), 30, List.of("MX", "GT", "HN"));
        records.add(attack().in("HN", "2026-07").publicAs("Berta").build());
        byte[] first = catalogue.release(2026, records, T5).canonicalJson();

        // when released again twice from shuffled input
        Random random = new Random(42);
        for (int i = 0; i < 2; i++) {
            List<StatisticsRecord> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, random);
            ProtectedRelease again = catalogue.release(2026, shuffled, T5);

            // then the bytes are identical
            assertThat(again.canonicalJson()).isEqualTo(first);
        }
    }

    @Test
    void theCanonicalFormIsSortedCompactJsonThatShowsNoHiddenCount() throws Exception {
        // given a small cell, a public record whose name needs escaping, and larger cells
        List<StatisticsRecord> records =
                new ArrayList<>(attack().in("MX", "2026-02").times(2));
        records.addAll(attack().in("GT", "2026-02").times(9));
        records.add(attack().in("NI", "2026-04")
                .publicAs("Nena \"la\" Ñ\n\u0001\ud800")
                .build());
        ProtectedRelease release = catalogue.release(2026, records, T5);

        byte[] bytes = release.canonicalJson();
        String text = new String(bytes, StandardCharsets.UTF_8);

        // then it is JSON without whitespace between tokens, members sorted at every level
        JsonNode root = new ObjectMapper().readTree(bytes);
        assertSorted(root);
        assertThat(text).startsWith("{\"algorithm\":\"tejido-disclosure/v1\",\"catalogue\":\"tejido-catalogue/v1\",");
        assertThat(text).contains("\"publicName\":\"Nena \\\"la\\\" Ñ\\n\\u0001\\ud800\"");
        assertThat(root.path("parameters").toString()).isEqualTo("{\"minWidth\":5,\"threshold\":5}");
        assertThat(root.path("year").asInt()).isEqualTo(2026);
        // and a suppressed cell says only that it is suppressed
        JsonNode mexicoFebruary = find(root, "country-by-period/MX/2026-02");
        assertThat(mexicoFebruary.toString())
                .isEqualTo(
                        "{\"column\":\"2026-02\",\"id\":\"country-by-period/MX/2026-02\",\"row\":\"MX\",\"suppressed\":true}");
        assertThat(find(root, "country-by-period/all/2026-02").toString())
                .isEqualTo(
                        "{\"column\":\"2026-02\",\"id\":\"country-by-period/all/2026-02\",\"row\":\"all\",\"value\":11}");
        assertThat(figure(release, "country-by-period/NI/2026-04")).isEqualTo(published(1));
        assertThat(text).doesNotContain("PRIMARY", "SECONDARY", "primary", "secondary", "person-");
    }

    private static JsonNode find(JsonNode root, String id) {
        for (JsonNode table : root.path("tables")) {
            for (JsonNode cell : table.path("cells")) {
                if (cell.path("id").asText().equals(id)) {
                    return cell;
                }
            }
        }
        throw new AssertionError(id);
    }

    private static void assertSorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).isSorted();
            node.elements().forEachRemaining(ReleaseFormTest::assertSorted);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(ReleaseFormTest::assertSorted);
        }
    }

    static Map<String, Figure> figures(ProtectedRelease release) {
        Map<String, Figure> out = new HashMap<>();
        release.tables().forEach(t -> t.cells().forEach(c -> out.put(c.id(), c.figure())));
        return out;
    }
}
