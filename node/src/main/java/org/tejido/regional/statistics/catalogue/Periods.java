package org.tejido.regional.statistics.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * The periods of a release's year, as headers: twelve months, four quarters, the year, in that order
 * (month → quarter → year). A record known only by its year counts in the year alone.
 */
final class Periods {
    static final int YEAR_INDEX = 16;

    private static final String[] MONTHS_ES = {
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"
    };
    private static final String[] MONTHS_EN = {
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"
    };
    private static final String[] ORDINALS_ES = {"primer", "segundo", "tercer", "cuarto"};
    private static final String[] ORDINALS_EN = {"First", "Second", "Third", "Fourth"};

    private Periods() {}

    static List<Header> headers(int year) {
        String y = Integer.toString(year);
        List<Header> headers = new ArrayList<>(17);
        for (int m = 1; m <= 12; m++) {
            headers.add(Header.of(
                    String.format("%s-%02d", y, m),
                    "month",
                    quarterKey(y, (m - 1) / 3 + 1),
                    MONTHS_ES[m - 1] + " de " + y,
                    MONTHS_EN[m - 1] + " " + y));
        }
        for (int q = 1; q <= 4; q++) {
            headers.add(Header.of(
                    quarterKey(y, q),
                    "quarter",
                    y,
                    ORDINALS_ES[q - 1] + " trimestre de " + y,
                    ORDINALS_EN[q - 1] + " quarter of " + y));
        }
        headers.add(Header.of(y, "year", null, y, y));
        return headers;
    }

    /** The header indices a record of this signature counts in: its month, quarter and year, or the year. */
    static int[] indices(Signature signature) {
        int month = signature.monthNumber();
        if (month == 0) {
            return new int[] {YEAR_INDEX};
        }
        return new int[] {month - 1, 12 + (month - 1) / 3, YEAR_INDEX};
    }

    private static String quarterKey(String year, int quarter) {
        return year + "-Q" + quarter;
    }
}
