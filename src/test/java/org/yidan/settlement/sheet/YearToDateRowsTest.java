package org.yidan.settlement.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Policy;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.ledger.InMemoryLedger;

/** 本年累计 on the sheet: the person's year as each bill left it, from the ledger's records. */
class YearToDateRowsTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /**
     * The README's example bill, the person's first of 2024 (聊城 低保, README "Bill" working):
     * <ul>
     *   <li>基本医保 (illustrative: cap 200,000): base the policy-scope amount 33,360.00, paid 21,034.00, left 178,966.00;</li>
     *   <li>居民大病保险 (ci-390-poor, 聊政办发 三(二): no cap): base 33,360.00 − 21,034.00 = 12,326.00, paid 3,136.90;</li>
     *   <li>医疗救助 (三(四)1: cap 30,000): base 12,326.00 − 3,136.90 = 9,189.10, paid 70% = 6,432.37, left 23,567.63;</li>
     *   <li>再救助 (三(四)1: above 5,000 a year, cap 20,000): base 9,189.10 − 6,432.37 = 2,756.73, below 5,000: paid 0.</li>
     * </ul>
     * A second stay of the same person the same year: the second settlement, each pool the two stays together; the first
     * bill's sheet still shows the year as the first left it.
     */
    @Test
    void theExamplesYear() {
        InMemoryLedger ledger = new InMemoryLedger(java.time.Clock.systemUTC());
        Settler settler = new Settler(TestData.policies(), ledger);
        Encounter e = SheetFactsTest.example();
        Bill first = settler.settle(e).bill();
        Policy policy = TestData.policies().resolve(first.insuAdmdvs(), first.policy().date());
        List<YearToDateRows.Row> expected = List.of(
                new YearToDateRows.Row("基本医保统筹", "basic-390", d("33360.00"), d("21034.00"), d("200000"), d("178966.00")),
                new YearToDateRows.Row("居民大病保险", "ci-390", d("12326.00"), d("3136.90"), null, null),
                new YearToDateRows.Row("医疗救助", "assist", d("9189.10"), d("6432.37"), d("30000"), d("23567.63")),
                new YearToDateRows.Row("再救助", "reassist", d("2756.73"), d("0.00"), d("20000"), d("20000.00")));
        YearToDateRows y = YearToDateRows.of(first, ledger.settledFor(first.psnNo(), 2024), policy);
        assertEquals(new YearToDateRows(2024, 1, expected), y);

        Encounter again = new Encounter("EX-LC-0001-2", e.psnNo(), e.certno(), e.psnName(), e.brdy(), e.insutype(), e.insuAdmdvs(),
                e.fixmedinsAdmdvs(), e.hospLv(), e.medType(), java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 6),
                e.reliefCategories(), e.diagnoses(), e.referralDedcPaid(), e.deposit(), e.feedetail(), e.upstream());
        Bill second = settler.settle(again).bill();
        YearToDateRows y2 = YearToDateRows.of(second, ledger.settledFor(first.psnNo(), 2024), policy);
        assertEquals(2, y2.settlement());
        assertEquals(first.setlinfo().hifpPay().add(second.setlinfo().hifpPay()), y2.rows().get(0).paid());
        assertEquals(first.setlinfo().hifmiPay().add(second.setlinfo().hifmiPay()), y2.rows().get(1).paid());
        assertEquals(first.setlinfo().mafPay().add(second.setlinfo().mafPay()), y2.rows().get(2).paid().add(y2.rows().get(3).paid()));
        // the first bill, seen later: its own year, not the second stay's
        assertEquals(y, YearToDateRows.of(first, ledger.settledFor(first.psnNo(), 2024), policy));
        // not settled (预结算): none
        assertNull(YearToDateRows.of(second, List.of(), policy));
    }
}
