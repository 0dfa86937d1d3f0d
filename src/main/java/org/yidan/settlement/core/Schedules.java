package org.yidan.settlement.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The one formula every layer uses (DESIGN §4 "Yearly running totals"): over running base B, with deductible D
 * and segments s_i = [from_i, from_i+1) at rate_i, F(B) = Σ rate_i × |[max(from_i, D), from_i+1) ∩ [0, B)|.
 * This settlement pays min(cap − paid so far, F(B_before + base) − F(B_before)), rounded once to the fen.
 * A per-encounter deductible uses B_before = 0 for F (the cap is still yearly).
 */
public final class Schedules {
    private Schedules() {}

    /** The result of applying a schedule; the caller builds the Working with its own base formula. */
    public record Result(BigDecimal yearBaseBefore, BigDecimal yearBaseAfter, BigDecimal deductible,
                         BigDecimal deductibleUsed, List<Working.SegmentWork> segments, BigDecimal computed,
                         BigDecimal capLeftBefore, BigDecimal paid, BigDecimal capLeftAfter) {}

    /**
     * @param s                 the schedule
     * @param base              this encounter's base (≥ 0)
     * @param before            the pool's totals so far this year
     * @param deductibleCredit  deductible already paid elsewhere that counts (a referral); reduces D
     */
    public static Result apply(Schedule s, BigDecimal base, PoolTotals before, BigDecimal deductibleCredit) {
        BigDecimal d = Money.nonNegative(s.deductible().subtract(deductibleCredit));
        BigDecimal bBefore = s.perEncounter() ? Money.ZERO : before.base();
        BigDecimal bAfter = bBefore.add(base);
        BigDecimal dUsed = Money.min(bAfter, d).subtract(Money.min(bBefore, d));
        dUsed = Money.nonNegative(dUsed);
        List<Working.SegmentWork> parts = new ArrayList<>();
        BigDecimal raw = BigDecimal.ZERO;
        List<Segment> segs = s.segments();
        for (int i = 0; i < segs.size(); i++) {
            BigDecimal lo = segs.get(i).from().max(d);
            BigDecimal hi = i + 1 < segs.size() ? segs.get(i + 1).from() : null;
            BigDecimal from = lo.max(bBefore);
            BigDecimal to = hi == null ? bAfter : hi.min(bAfter);
            if (to.compareTo(from) > 0) {
                BigDecimal portion = to.subtract(from);
                BigDecimal amount = portion.multiply(segs.get(i).rate());
                raw = raw.add(amount);
                parts.add(new Working.SegmentWork(from, to, segs.get(i).rate(), portion, amount));
            }
        }
        BigDecimal computed = Money.fen(raw);
        BigDecimal capLeftBefore = s.cap() == null ? null : Money.nonNegative(s.cap().subtract(before.paid()));
        BigDecimal paid = capLeftBefore == null ? computed : Money.min(computed, capLeftBefore);
        BigDecimal capLeftAfter = capLeftBefore == null ? null : capLeftBefore.subtract(paid);
        return new Result(s.perEncounter() ? null : bBefore, s.perEncounter() ? null : bAfter, d, dUsed, parts,
                computed, capLeftBefore, paid, capLeftAfter);
    }
}
