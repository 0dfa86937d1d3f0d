package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The bounds of what an encounter may carry, checked where it is read (JSON, HL7) before any arithmetic or storage, so
 * a value out of bounds is a clear error naming the field and the bound, never a database or arithmetic failure:
 * text lengths match the database's columns; numbers have at most 12 digits before the point and 6 after, and
 * amounts at most 99,999,999.99 yuan (an 11-character amount such as {@code 1e9999999} once pinned a core for minutes
 * in BigDecimal expansion; a deposit of 1e20 was accepted). Listed in mappings/HL7.md and the README.
 */
public final class Limits {
    private Limits() {}

    /** The longest text of each field, in characters. */
    public static final Map<String, Integer> LENGTH = Map.ofEntries(
            Map.entry("mdtrt_id", 100), Map.entry("psn_no", 64), Map.entry("psn_name", 100), Map.entry("certno", 32),
            Map.entry("feedetl_sn", 100), Map.entry("med_list_codg", 100), Map.entry("med_list_name", 200),
            Map.entry("diagnoses", 20), Map.entry("reason", 500));

    /** Digits before the decimal point, and after it, of any number (quantity, price, amount, ratio). */
    public static final int INTEGER_DIGITS = 12;
    public static final int DECIMALS = 6;
    /** The largest amount of one value (a line, a price, a deposit, an amount settled upstream), in yuan. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
    /** The most diagnoses and relief identities one message may name. */
    public static final int MAX_LIST = 50;

    /** The longest text of a field (null: not bounded here). */
    public static Integer length(String field) {
        return LENGTH.get(field);
    }

    /** What is wrong with a text's length, or null. */
    public static String tooLong(String field, String value) {
        Integer max = LENGTH.get(field);
        if (value == null || max == null || value.length() <= max) return null;
        return "长 " + value.length() + " 个字符，最多 " + max + " 个";
    }

    /**
     * What is wrong with a number's size, or null: at most {@link #INTEGER_DIGITS} digits before the point and
     * {@link #DECIMALS} after it. Cheap whatever the exponent (reads precision and scale only).
     */
    public static String outOfRange(BigDecimal d) {
        if (d.signum() == 0) return null;
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > DECIMALS) return "小数多于 " + DECIMALS + " 位";
        if ((long) s.precision() - s.scale() > INTEGER_DIGITS) return "过大（整数部分多于 " + INTEGER_DIGITS + " 位）";
        return null;
    }

    /** What is wrong with an amount's size (checked after {@link #outOfRange}), or null. */
    public static String amountTooLarge(BigDecimal amount) {
        return amount.compareTo(MAX_AMOUNT) > 0 ? "超过可接受的最大金额 " + MAX_AMOUNT.toPlainString() : null;
    }
}
