package org.yidan.settlement.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.TestData.d;
import static org.yidan.settlement.TestData.enc;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.ledger.InMemoryLedger;

/** Settling through the ledger: figures worked out by hand from the policy files (working in each test). */
class SettlerTest {
    InMemoryLedger ledger;
    Settler settler;

    @BeforeEach
    void setUp() {
        ledger = new InMemoryLedger(java.time.Clock.systemUTC());
        settler = new Settler(TestData.policies(), ledger);
    }

    static void eq(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    /** The README example: 聊城 低保, resident, level-3 hospital in the city, discharged 2024-03-12. */
    static TestData.E example() {
        // 660 + 30000 甲类, 3000 乙类 (10% self-pay), 1340 丙类
        return enc().id("EX1").psn("P-EX").region("371500").hospital("371502").cats("DIBAO")
                .a("660.00").a("30000.00").b("3000.00").c("1340.00");
    }

    @Test
    void liaochengDibaoInpatient() {
        Bill b = settler.settle(example().build()).bill();
        Bill.Setlinfo s = b.setlinfo();
        // medfee 35000; 丙类 1340; 乙类 3000 × 10% (illustrative default) = 300; in scope 35000 − 1340 − 300 = 33360
        eq("35000.00", s.medfeeSumamt());
        eq("1340.00", s.fulamtOwnpayAmt());
        eq("300.00", s.preselfpayAmt());
        eq("33360.00", s.inscpScpAmt());
        // basic (illustrative, level 3): deductible 1000, 65% → (33360 − 1000) × 0.65 = 21034.00
        eq("1000.00", s.actPayDedc());
        eq("21034.00", s.hifpPay());
        // critical illness, 聊政办发〔2022〕5号 三(二): ordinary 15000 halved = 7500, 60% + 5 = 65%, no cap;
        // base 33360 − 21034 = 12326 → (12326 − 7500) × 0.65 = 3136.90
        eq("3136.90", s.hifmiPay());
        // assistance 三(四)1: 70% of 12326 − 3136.90 = 9189.10 → 6432.37; re-assistance: 9189.10 − 6432.37 =
        // 2756.73 is under the 5000 threshold → 0
        eq("6432.37", s.mafPay());
        eq("30603.27", s.fundPaySumamt());
        eq("4396.73", s.psnPartAmt());
        assertEquals("DIBAO", b.relief().categoryApplied());
        // 五: 低保 inpatient in a hospital inside the city → no deposit
        assertTrue(b.deposit().treatFirstPayLater());
        eq("4396.73", b.deposit().amountDue());
        assertEquals("**************1234", b.certno());
    }

    @Test
    void settlingAgainReturnsTheFirstBillAndChangesNothing() {
        Bill first = settler.settle(example().build()).bill();
        var totals = ledger.allTotals();
        Settler.Outcome again = settler.settle(example().build());
        assertTrue(again.repeated());
        assertEquals(first, again.bill());
        assertEquals(totals, ledger.allTotals());
        // the same visit with other charges is refused, and changes nothing
        var ex = assertThrows(SettlementException.class, () -> settler.settle(example().a("1.00").build()));
        assertEquals("mdtrt_id", ex.field());
        assertEquals(totals, ledger.allTotals());
    }

    @Test
    void cancelRestoresTheLedgerExactly() {
        settler.settle(example().build());
        var afterFirst = ledger.allTotals();
        settler.settle(example().id("EX2").build());
        assertFalse(afterFirst.equals(ledger.allTotals()));
        settler.cancel("EX2", null);
        assertEquals(afterFirst, ledger.allTotals());
        settler.cancel("EX1", null);
        assertTrue(ledger.allTotals().isEmpty());
        // resettle after cancel gives the first bill's figures again
        eq("6432.37", settler.settle(example().build()).bill().setlinfo().mafPay());
        assertThrows(SettlementException.class, () -> settler.cancel("NOPE", null));
    }

    @Test
    void previewDoesNotTouchTheLedger() {
        Bill b = settler.preview(example().build());
        eq("6432.37", b.setlinfo().mafPay());
        assertTrue(ledger.allTotals().isEmpty());
        assertTrue(ledger.settled("EX1").isEmpty());
    }

    @Test
    void badRegionDateOrCategoryIsRefusedWithTheField() {
        var e1 = assertThrows(SettlementException.class, () -> settler.settle(example().region("110000").build()));
        assertEquals("insu_admdvs", e1.field());
        // 台医保联发〔2020〕8号 is in force from 2020-07-01
        var e2 = assertThrows(SettlementException.class,
                () -> settler.settle(example().region("331000").discharged(2020, 6, 30).build()));
        assertEquals("endtime", e2.field());
        var e3 = assertThrows(SettlementException.class, () -> settler.settle(example().cats("DIBAO", "POOR").build()));
        assertEquals("relief_categories[1]", e3.field());
        assertTrue(ledger.allTotals().isEmpty());
    }

    @Test
    void severalIdentitiesKeepTheSmallestPatientShare() {
        // 聊城, 低保边缘 + 因病致贫. In scope 20000 (甲类). Basic: (20000 − 1000) × 65% = 12350.
        // Critical illness: ordinary for both (not tilted): 7650 < 15000 → 0.
        // 低保边缘 三(四)2: (7650 − 3000) × 50% = 2325; re-assistance: 5325 < 10000 → 0; patient 5325.
        // 因病致贫 四(一): 7650 < 10000 → 0; patient 7650. → 低保边缘 applies; the two are not added.
        Bill b = settler.settle(enc().psn("P-ID").region("371500").cats("DIBAO_EDGE", "ILLNESS_POOR").a("20000").build()).bill();
        assertEquals("DIBAO_EDGE", b.relief().categoryApplied());
        eq("2325.00", b.setlinfo().mafPay());
        eq("5325.00", b.setlinfo().psnPartAmt());
        assertEquals(2, b.relief().alternatives().size());
        Bill.Alternative other = b.relief().alternatives().stream().filter(a -> !a.applied()).findFirst().orElseThrow();
        assertEquals("ILLNESS_POOR", other.category());
        eq("7650.00", other.psnPartAmt());
        // only the applied category's assistance is in the ledger
        eq("2325.00", ledger.get("P-ID", 2024, "assist").paid());
    }

    @Test
    void hezeOutOfCityPaysFortyPercent() {
        // 菏医保函〔2020〕10号 四: 建档立卡 treated outside the city: 40%. In scope 10000; basic (10000 − 1000) × 65% = 5850;
        // poor critical illness 4150 < 5000 → 0; assistance 4150 × 40% = 1660.00; re-assistance 2490 < 5000 → 0.
        Bill b = settler.settle(enc().psn("P-HZ").region("371700").hospital("370102").cats("JIANDANG").a("10000").build()).bill();
        eq("5850.00", b.setlinfo().hifpPay());
        eq("1660.00", b.setlinfo().mafPay());
        eq("2490.00", b.setlinfo().psnPartAmt());
        assertEquals("assist-out-of-city-jiandang", b.setldetail().stream()
                .filter(r -> r.fundPayType().equals("610100")).findFirst().orElseThrow().working().get(0).rule());
        // Inside the city: 70% → 2905.00
        Bill in = settler.settle(enc().id("V2").psn("P-HZ2").region("371700").cats("JIANDANG").a("10000").build()).bill();
        eq("2905.00", in.setlinfo().mafPay());
    }

    @Test
    void depositDecision() {
        Policy lc = TestData.policies().resolve("371500", java.time.LocalDate.of(2024, 1, 1));
        assertTrue(DepositDecision.decide(lc, List.of("DIBAO"), "21", "371502").depositFree());
        assertFalse(DepositDecision.decide(lc, List.of("DIBAO"), "21", "370102").depositFree());
        assertFalse(DepositDecision.decide(lc, List.of("DIBAO_EDGE"), "21", "371502").depositFree());
        assertFalse(DepositDecision.decide(lc, List.of("DIBAO"), "11", "371502").depositFree());
        // before 聊政办发〔2022〕5号 no document sets deposit-free admission
        Policy old = TestData.policies().resolve("371500", java.time.LocalDate.of(2022, 6, 1));
        assertFalse(DepositDecision.decide(old, List.of("DIBAO"), "21", "371502").depositFree());
    }

    @Test
    void upstreamAmountsAreUsedAsGiven() {
        // HIS gives basic 21034.00 and critical illness 3000.00 → assistance 70% × (33360 − 21034 − 3000) = 6528.20
        Upstream up = new Upstream(d("21034.00"), d("3000.00"), null, null, null, null);
        Bill b = settler.settle(example().upstream(up).build()).bill();
        eq("21034.00", b.setlinfo().hifpPay());
        eq("3000.00", b.setlinfo().hifmiPay());
        eq("6528.20", b.setlinfo().mafPay());
        assertEquals("upstream", b.setldetail().get(0).source());
        // amounts that exceed the costs are refused
        Upstream tooMuch = new Upstream(d("40000.00"), null, null, null, null, null);
        assertThrows(SettlementException.class, () -> settler.settle(example().id("EX9").upstream(tooMuch).build()));
        assertThrows(SettlementException.class, () -> settler.settle(example().id("EX8")
                .upstream(new Upstream(null, null, d("1.00"), null, null, null)).build()));
    }
}
