package org.tejido.national.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tejido.national.attack.AttackFacts;
import org.tejido.national.attack.Classification;
import org.tejido.national.attack.Location;
import org.tejido.national.attack.PartialDate;
import org.tejido.national.attack.PerpetratorInvolvement;
import org.tejido.national.attack.Source;
import org.tejido.national.attack.Target;
import org.tejido.platform.problem.Rejection;

class AttackCsvReaderTest {
    private static final String HEADER = "occurred_on,country,subdivision,municipality,target_kind,relationship,"
            + "defenders,aggression_types,perpetrators,rights_defended,gender_elements,sources,"
            + "verification_status,narrative\n";
    private static final String GOOD = "2024-03-15,MX,MX-OAX,Municipio ficticio 3,defender,,,death-threat,"
            + "police:direct,land-and-territory,,direct-testimony:confirmed,verified,Synthetic case.\n";

    private final AttackCsvReader reader = new AttackCsvReader(100);

    @Test
    void mapsEveryColumnOfARow() {
        List<CsvRow> rows = read(HEADER
                + "2023-02,GT,GT-05,Municipio ficticio 1,close-person,child,GT-T-1|GT-T-2,"
                + "threats|death-threat|threats,police:direct|community:acquiescence,"
                + "environment|land-and-territory,sexist-smear,media:probably-true|witness:confirmed,"
                + "in-verification,\"Synthetic case: \"\"quoted\"\", with a comma.\"\n");

        assertThat(rows)
                .containsExactly(new CsvRow.Parsed(
                        2,
                        new AttackFacts(
                                new Target("close-person", "child", List.of("GT-T-1", "GT-T-2")),
                                PartialDate.parse("2023-02"),
                                new Location("GT", "GT-05", "Municipio ficticio 1"),
                                List.of(new Source("media", "probably-true"), new Source("witness", "confirmed")),
                                "in-verification",
                                "Synthetic case: \"quoted\", with a comma."),
                        new Classification(
                                List.of("death-threat", "threats"),
                                List.of(
                                        new PerpetratorInvolvement("police", "direct"),
                                        new PerpetratorInvolvement("community", "acquiescence")),
                                List.of("environment", "land-and-territory"),
                                List.of("sexist-smear"))));
    }

    @Test
    void emptyOptionalCellsAreAbsentNotBlank() {
        CsvRow.Parsed row = (CsvRow.Parsed) read(HEADER + "2024,HN,,,collective,,,harassment,,,,,unverified,\n")
                .get(0);

        assertThat(row.facts().location()).isEqualTo(new Location("HN", null, null));
        assertThat(row.facts().target()).isEqualTo(new Target("collective", null, List.of()));
        assertThat(row.facts().narrative()).isNull();
        assertThat(row.facts().sources()).isEmpty();
        assertThat(row.classification().perpetrators()).isEmpty();
    }

    @Test
    void lineNumbersArePhysicalAcrossQuotedLineBreaksAndBlankLines() {
        List<CsvRow> rows = read(HEADER
                + GOOD
                + GOOD.replace("Synthetic case.", "\"Synthetic case,\nsecond line.\"")
                + "\n"
                + ",,,,,,,,,,,,,\n"
                + GOOD.replace("2024-03-15", "2023-02-30"));

        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 7L);
        assertThat(rows.get(2)).isEqualTo(new CsvRow.Rejected(7, "date.impossible", List.of("2023-02-30")));
    }

    @Test
    void theSampleFileReadsAsAThousandRows() throws IOException {
        List<CsvRow> rows = reader(10_000).read(resource("/import/attacks-1000.csv"));

        assertThat(rows).hasSize(1000).allMatch(CsvRow.Parsed.class::isInstance);
        assertThat(rows.get(0).line()).isEqualTo(2);
        // Two narratives in the file span two lines each.
        assertThat(rows.get(999).line()).isEqualTo(1003);
    }

    @Test
    void columnsMayComeInAnyOrderWithOptionalOnesLeftOutAndABom() {
        List<CsvRow> rows = read("\uFEFFCountry, occurred_on ,target_kind,aggression_types,perpetrators,"
                + "rights_defended,gender_elements,sources,verification_status\r\n"
                + "SV,2022-11-02,organization,raid,police:direct,,,,verified\r\n");

        CsvRow.Parsed row = (CsvRow.Parsed) rows.get(0);
        assertThat(row.facts().location()).isEqualTo(new Location("SV", null, null));
        assertThat(row.facts().occurredOn()).isEqualTo(PartialDate.parse("2022-11-02"));
        assertThat(row.classification().aggressionTypes()).containsExactly("raid");
    }

    @Test
    void semicolonsAreAcceptedWhenTheHeaderUsesThem() {
        List<CsvRow> rows =
                read(HEADER.replace(',', ';') + GOOD.replace(',', ';').replace("case.", "case, with comma."));

        CsvRow.Parsed row = (CsvRow.Parsed) rows.get(0);
        assertThat(row.facts().narrative()).isEqualTo("Synthetic case, with comma.");
    }

    @Test
    void everyBadRowIsReportedWithItsReasonAndTheOthersStillRead() {
        List<CsvRow> rows = read(HEADER
                + GOOD.replace("2024-03-15", "15/03/2024")
                + GOOD.replace(",MX,", ",,")
                + GOOD
                + GOOD.replace("police:direct", "police")
                + GOOD.replace("direct-testimony:confirmed", "direct-testimony:")
                + "2024-03-15,MX,MX-OAX\n"
                + GOOD.replace(",verified,", ",,"));

        assertThat(rows)
                .containsExactly(
                        new CsvRow.Rejected(2, "date.malformed", List.of("15/03/2024")),
                        new CsvRow.Rejected(3, "field.required", List.of("country")),
                        rows.get(2),
                        new CsvRow.Rejected(5, "csv.malformed-pair", List.of("perpetrators", "police")),
                        new CsvRow.Rejected(6, "csv.malformed-pair", List.of("sources", "direct-testimony:")),
                        new CsvRow.Rejected(7, "csv.column-count", List.of("14", "3")),
                        new CsvRow.Rejected(8, "field.required", List.of("verification_status")));
        assertThat(rows.get(2)).isInstanceOf(CsvRow.Parsed.class);
    }

    @Test
    void emptyItemsInAListAreIgnored() {
        CsvRow.Parsed row = (CsvRow.Parsed) read(HEADER + GOOD.replace(",death-threat,", ", death-threat | |threats|,"))
                .get(0);

        assertThat(row.classification().aggressionTypes()).containsExactly("death-threat", "threats");
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedNamingIt() {
        assertMalformed(
                HEADER.replace("verification_status,", "").replace("sources,", "") + "x\n",
                "csv.missing-column",
                "sources, verification_status");
    }

    @Test
    void unknownAndRepeatedColumnsAreRefused() {
        assertMalformed(HEADER.replace("narrative", "narativa") + GOOD, "csv.unknown-column", "narativa");
        assertMalformed(HEADER.replace("narrative", "country") + GOOD, "csv.duplicate-column", "country");
    }

    @Test
    void aFileWithoutHeaderIsRefused() {
        assertMalformed("", "csv.header-missing");
        assertMalformed("\n\n", "csv.header-missing");
    }

    @Test
    void brokenQuotingRefusesTheWholeFileFromTheLineItStarts() {
        assertMalformed(
                HEADER + GOOD + GOOD.replace("Synthetic case.", "\"Synthetic \"case\" broken"), "csv.malformed", "3");
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        byte[] latin1 = (HEADER + GOOD.replace("Synthetic", "Señora")).getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> reader.read(latin1))
                .isInstanceOfSatisfying(
                        Rejection.class, e -> assertThat(e.code()).isEqualTo("csv.encoding"));
    }

    @Test
    void moreRowsThanTheCapAreRefusedAsTooLarge() {
        String body = HEADER + GOOD.repeat(3);

        assertThat(reader(3).read(utf8(body))).hasSize(3);
        assertThatThrownBy(() -> reader(2).read(utf8(body))).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.kind()).isEqualTo(Rejection.Kind.TOO_LARGE);
            assertThat(e.code()).isEqualTo("csv.too-many-rows");
            assertThat(e.args()).containsExactly("2");
        });
    }

    private List<CsvRow> read(String csv) {
        return reader.read(utf8(csv));
    }

    private void assertMalformed(String csv, String code, String... args) {
        assertThatThrownBy(() -> read(csv)).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.kind()).isEqualTo(Rejection.Kind.MALFORMED);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.args()).containsExactly(args);
        });
    }

    private static AttackCsvReader reader(int maxRows) {
        return new AttackCsvReader(maxRows);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = AttackCsvReaderTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
