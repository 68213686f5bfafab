package org.tejido.national.attack;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.tejido.platform.problem.Rejection;

/**
 * When an attack happened, as precisely as it is known: {@code 2024}, {@code 2024-03} or
 * {@code 2024-03-15}. Networks often know only the month or the year; the precision is part of the
 * value, never padded with an invented day.
 */
public record PartialDate(int year, Integer month, Integer day) {
    public PartialDate {
        if (day != null && month == null) {
            throw Rejection.invalid("date.impossible", year + "-?-" + day);
        }
        try {
            if (day != null) {
                LocalDate.of(year, month, day);
            } else if (month != null) {
                YearMonth.of(year, month);
            }
        } catch (DateTimeException e) {
            throw Rejection.invalid("date.impossible", text(year, month, day));
        }
        if (year < 1900) {
            throw Rejection.invalid("date.impossible", text(year, month, day));
        }
    }

    /**
     * {@code yyyy}, {@code yyyy-mm} or {@code yyyy-mm-dd}, ASCII digits only. Read by hand rather than
     * with a regular expression: every attack event deserialized by every processor parses one.
     */
    @JsonCreator
    public static PartialDate parse(String text) {
        int length = text == null ? 0 : text.length();
        boolean wellFormed = (length == 4 || length == 7 || length == 10)
                && digits(text, 0, 4)
                && (length == 4 || text.charAt(4) == '-' && digits(text, 5, 7))
                && (length != 10 || text.charAt(7) == '-' && digits(text, 8, 10));
        if (!wellFormed) {
            throw Rejection.invalid("date.malformed", String.valueOf(text));
        }
        return new PartialDate(
                number(text, 0, 4),
                length >= 7 ? Integer.valueOf(number(text, 5, 7)) : null,
                length == 10 ? Integer.valueOf(number(text, 8, 10)) : null);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    public Precision precision() {
        return day != null ? Precision.DAY : month != null ? Precision.MONTH : Precision.YEAR;
    }

    /** The first day the date may stand for. */
    public LocalDate earliest() {
        return LocalDate.of(year, month == null ? 1 : month, day == null ? 1 : day);
    }

    /** The last day the date may stand for. */
    public LocalDate latest() {
        return switch (precision()) {
            case DAY -> earliest();
            case MONTH -> YearMonth.of(year, month).atEndOfMonth();
            case YEAR -> LocalDate.of(year, 12, 31);
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return text(year, month, day);
    }

    private static String text(int year, Integer month, Integer day) {
        // By hand rather than String.format: this runs for every event serialized and projected.
        StringBuilder s = new StringBuilder(10);
        padded(s, year, 4);
        if (month != null) {
            padded(s.append('-'), month, 2);
        }
        if (day != null) {
            padded(s.append('-'), day, 2);
        }
        return s.toString();
    }

    private static void padded(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        s.append(digits);
    }

    public enum Precision {
        DAY,
        MONTH,
        YEAR
    }
}
