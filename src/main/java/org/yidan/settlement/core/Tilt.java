package org.yidan.settlement.core;

import java.math.BigDecimal;

/**
 * A schedule defined relative to another rule's (e.g. 聊政办发〔2022〕5号 三(二): deductible halved,
 * each segment's rate 5 points higher, no yearly cap).
 */
public record Tilt(String of, BigDecimal deductibleFactor, BigDecimal rateAdd, boolean removeCap) {
    public Schedule apply(Schedule base) {
        var segs = base.segments().stream()
                .map(s -> new Segment(s.from(), s.rate().add(rateAdd).min(BigDecimal.ONE)))
                .toList();
        return new Schedule(base.deductible().multiply(deductibleFactor), base.perEncounter(), segs,
                removeCap ? null : base.cap());
    }
}
