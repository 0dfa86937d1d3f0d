package org.yidan.settlement.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.yidan.settlement.TestData.d;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The yearly formula, with figures worked out by hand. */
class SchedulesTest {
    // 鲁医保发〔2019〕69号 二(二)2: deductible 5000; [5000,100000) 65%, [100000,300000) 75%, [300000,∞) 85%; no cap.
    static final Schedule SHANDONG_POOR_CI = new Schedule(d("5000"), false, List.of(
            new Segment(d("0"), d("0.65")), new Segment(d("100000"), d("0.75")), new Segment(d("300000"), d("0.85"))), null);

    private static void eq(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void underTheDeductiblePaysNothingButCountsTheBase() {
        var r = Schedules.apply(SHANDONG_POOR_CI, d("4999.99"), PoolTotals.ZERO, Money.ZERO);
        eq("0.00", r.paid());
        eq("4999.99", r.deductibleUsed());
        eq("4999.99", r.yearBaseAfter());
    }

    @Test
    void landingExactlyOnTheSegmentBoundary() {
        // (100000 − 5000) × 65% = 61750.00
        var r = Schedules.apply(SHANDONG_POOR_CI, d("100000"), PoolTotals.ZERO, Money.ZERO);
        eq("61750.00", r.paid());
        assertEquals(1, r.segments().size());
    }

    @Test
    void crossingTwoBoundariesInOneStay() {
        // 95000 × 65% + 200000 × 75% + 10000 × 85% = 61750 + 150000 + 8500 = 220250.00
        var r = Schedules.apply(SHANDONG_POOR_CI, d("310000"), PoolTotals.ZERO, Money.ZERO);
        eq("220250.00", r.paid());
        assertNull(r.capLeftBefore());
    }

    @Test
    void secondStayContinuesTheRunningTotal() {
        // Running total 3000 before; this stay adds 4000 → [3000,7000): 2000 under the deductible, 2000 × 65% = 1300.00
        var r = Schedules.apply(SHANDONG_POOR_CI, d("4000"), new PoolTotals(d("3000"), d("0")), Money.ZERO);
        eq("1300.00", r.paid());
        eq("2000", r.deductibleUsed());
        eq("3000", r.yearBaseBefore());
    }

    @Test
    void capLeftLimitsThePayment() {
        // 聊政办发〔2022〕5号 三(四)1: 70%, cap 30000. Paid so far 28000 → cap left 2000; 70% × 5000 = 3500 → 2000.00
        Schedule s = new Schedule(d("0"), false, List.of(new Segment(d("0"), d("0.70"))), d("30000"));
        var r = Schedules.apply(s, d("5000"), new PoolTotals(d("40000"), d("28000")), Money.ZERO);
        eq("3500.00", r.computed());
        eq("2000.00", r.paid());
        eq("0.00", r.capLeftAfter());
    }

    @Test
    void roundsOnceHalfUp() {
        // 0.65 × 0.01 = 0.0065 → 0.01; 0.65 × 1234.57 = 802.4705 → 802.47
        Schedule s = new Schedule(d("0"), false, List.of(new Segment(d("0"), d("0.65"))), null);
        eq("0.01", Schedules.apply(s, d("0.01"), PoolTotals.ZERO, Money.ZERO).paid());
        eq("802.47", Schedules.apply(s, d("1234.57"), PoolTotals.ZERO, Money.ZERO).paid());
        // 0.70 × 0.05 = 0.035 → 0.04 (HALF_UP, not banker's rounding)
        Schedule s70 = new Schedule(d("0"), false, List.of(new Segment(d("0"), d("0.70"))), null);
        eq("0.04", Schedules.apply(s70, d("0.05"), PoolTotals.ZERO, Money.ZERO).paid());
    }

    @Test
    void perEncounterDeductibleIgnoresTheYearSoFarButReferralCreditsIt() {
        // Per stay deductible 1000 at 65%: base 5000 → (5000 − 1000) × 65% = 2600; with 400 paid at the referring
        // hospital the deductible is 600 → (5000 − 600) × 65% = 2860 (鲁医保发〔2019〕69号 二(二)5).
        Schedule s = new Schedule(d("1000"), true, List.of(new Segment(d("0"), d("0.65"))), d("200000"));
        PoolTotals year = new PoolTotals(d("50000"), d("30000"));
        eq("2600.00", Schedules.apply(s, d("5000"), year, Money.ZERO).paid());
        var r = Schedules.apply(s, d("5000"), year, d("400"));
        eq("2860.00", r.paid());
        eq("600", r.deductibleUsed());
        eq("170000", r.capLeftBefore());
    }
}
