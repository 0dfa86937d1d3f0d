package org.yidan.settlement.core;

import java.math.BigDecimal;

/** What one settlement adds to one pool of the person's year: base and paid. Cancelling subtracts it. */
public record LedgerChange(String pool, BigDecimal base, BigDecimal paid) {}
