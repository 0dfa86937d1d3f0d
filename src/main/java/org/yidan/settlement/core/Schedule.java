package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * A payer's formula over a running base: a deductible (per encounter or yearly), rates in segments of
 * the running base, and a yearly cap (null: no cap).
 */
public record Schedule(BigDecimal deductible, boolean perEncounter, List<Segment> segments, BigDecimal cap) {
    public Schedule {
        segments = List.copyOf(segments);
    }
}
