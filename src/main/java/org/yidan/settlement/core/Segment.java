package org.yidan.settlement.core;

import java.math.BigDecimal;

/** A rate that applies to the running base from {@code from} (inclusive) up to the next segment's start. */
public record Segment(BigDecimal from, BigDecimal rate) {}
