package org.yidan.settlement.core;

import java.math.BigDecimal;

/** One person's running totals in one ledger pool for one year: the base so far and the amount paid so far. */
public record PoolTotals(BigDecimal base, BigDecimal paid) {
    public static final PoolTotals ZERO = new PoolTotals(Money.ZERO, Money.ZERO);

    public PoolTotals plus(BigDecimal b, BigDecimal p) {
        return new PoolTotals(base.add(b), paid.add(p));
    }
}
