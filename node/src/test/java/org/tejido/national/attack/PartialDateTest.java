package org.tejido.national.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tejido.platform.problem.Rejection;

class PartialDateTest {
    @ParameterizedTest
    @CsvSource({
        "2024, YEAR, 2024-01-01, 2024-12-31",
        "2024-02, MONTH, 2024-02-01, 2024-02-29",
        "2023-02, MONTH, 2023-02-01, 2023-02-28",
        "2024-02-29, DAY, 2024-02-29, 2024-02-29"
    })
    void keepsItsPrecisionAndRange(String text, PartialDate.Precision precision, LocalDate from, LocalDate to) {
        PartialDate date = PartialDate.parse(text);
        assertThat(date.precision()).isEqualTo(precision);
        assertThat(date.earliest()).isEqualTo(from);
        assertThat(date.latest()).isEqualTo(to);
        assertThat(date.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"2023-02-29", "2024-02-31", "2024-13", "2024-00-10", "1850-01"})
    void refusesImpossibleDates(String text) {
        assertThatThrownBy(() -> PartialDate.parse(text))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("date.impossible"));
    }

    @ParameterizedTest
    @CsvSource({
        "24-02-01",
        "2024/02/01",
        "2024-2-1",
        "yesterday",
        "'2024-02-01 '",
        "''",
        "2024-",
        "2024-02-",
        "2024-02-1",
        "2024-0a",
        "20245",
        "2024-02-011",
        "+202-02",
        // Fullwidth and Arabic-Indic digits: not ASCII, refused as the former pattern refused them.
        "\uFF12\uFF10\uFF12\uFF14",
        "\u0662\u0660\u0662\u0664-01"
    })
    void refusesMalformedDates(String text) {
        assertThatThrownBy(() -> PartialDate.parse(text))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("date.malformed"));
    }

    @Test
    void refusesNothing() {
        assertThatThrownBy(() -> PartialDate.parse(null))
                .isInstanceOfSatisfying(
                        Rejection.class, r -> assertThat(r.code()).isEqualTo("date.malformed"));
    }
}
