package org.yidan.settlement.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.yidan.settlement.io.InputException;

/** Dates in requests: YYYY-MM-DD, an error naming the field otherwise; no date means today on the service's clock. */
final class Dates {
    private Dates() {}

    static LocalDate parse(String s, String field) {
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException ex) {
            throw new InputException(List.of(field + ": '" + s + "' 不是日期（应为 YYYY-MM-DD）"));
        }
    }

    /** The day asked for, or today in the clock's zone (the hospital's) when none is given. */
    static LocalDate dayOrToday(String date, Clock clock) {
        return date == null || date.isBlank() ? LocalDate.now(clock) : parse(date, "date");
    }
}
