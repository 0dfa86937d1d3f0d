package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money helpers. Amounts are yuan as BigDecimal; a payer's amount is rounded once, to the fen, HALF_UP (DESIGN §3). */
public final class Money {
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {}

    public static BigDecimal fen(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal orZero(BigDecimal v) {
        return v == null ? ZERO : v;
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static BigDecimal nonNegative(BigDecimal v) {
        return v.signum() < 0 ? ZERO : v;
    }
}
