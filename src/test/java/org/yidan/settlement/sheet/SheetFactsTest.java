package org.yidan.settlement.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.Ledger;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.Message;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * The sheet's facts for the README's example bill (聊城 低保, EX-LC-0001): admitted 2024-03-01, discharged 2024-03-12,
 * born 1980-03-15, no deposit, cash share 4,396.73 (README, worked by hand).
 */
class SheetFactsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Encounter example() {
        return ((Message.Settle) EncounterReader.readFile(Path.of("conformance-tests/examples/liaocheng-dibao-inpatient.json")).get(0)).encounter();
    }

    @Test
    void theExampleBill() {
        Encounter e = example();
        Bill bill = new Settler(TestData.policies(), new InMemoryLedger(java.time.Clock.systemUTC())).settle(e).bill();
        // settled 2024-03-12 02:05:30 UTC = 10:05:30 in Shanghai, the ledger's 7th settlement
        Ledger.Origin origin = new Ledger.Origin(Instant.parse("2024-03-12T02:05:30Z"), "HL7", 7);
        SheetFacts f = SheetFacts.of(bill, origin, "HIS/LCRMYY@10.20.0.5", e.brdy(), SHANGHAI,
                FeeCategoriesTest.CATEGORIES.split(e.feedetail()), null);
        assertEquals("20240312-00000007", f.setlId());
        assertEquals("2024-03-12 10:05:30", f.setlTime());
        assertEquals("HIS/LCRMYY@10.20.0.5", f.operator());
        assertEquals(11, f.days());                 // 12 March − 1 March
        assertEquals(43, f.age());                  // on 1 March 2024 she is 43: 44 only on 15 March
        assertEquals("due", f.amountKind());        // no deposit: the whole cash share is due
        assertEquals(new BigDecimal("4396.73"), f.amount());
        assertEquals("肆仟叁佰玖拾陆元柒角叁分", f.amountWords());
        // 费用分类 added up: the bill's 35,000.00; 甲 660.00 + 30,000.00, 乙 3,000.00, 丙 1,340.00
        assertEquals(new org.yidan.settlement.sheet.FeeCategories.Row("total", "合计", 4, new BigDecimal("35000.00"),
                new BigDecimal("30660.00"), new BigDecimal("3000.00"), new BigDecimal("1340.00")), f.categoriesTotal());
        assertEquals(bill.setlinfo().medfeeSumamt(), f.categoriesTotal().amount());
    }

    @Test
    void aDepositLargerThanTheCashShareIsRefunded() {
        Encounter e = example();
        Encounter withDeposit = new Encounter(e.mdtrtId(), e.psnNo(), e.certno(), e.psnName(), e.brdy(), e.insutype(), e.insuAdmdvs(),
                e.fixmedinsAdmdvs(), e.hospLv(), e.medType(), e.begntime(), e.begntime(), e.reliefCategories(), e.diagnoses(),
                e.referralDedcPaid(), new BigDecimal("10000.00"), e.feedetail(), e.upstream());
        Bill bill = new Settler(TestData.policies(), new InMemoryLedger(java.time.Clock.systemUTC())).settle(withDeposit).bill();
        SheetFacts f = SheetFacts.of(bill, null, null, null, SHANGHAI, java.util.List.of(), null);
        // a deposit of 10,000.00 against the same cash share 4,396.73: 5,603.27 back
        assertEquals("refund", f.amountKind());
        assertEquals(new BigDecimal("5603.27"), f.amount());
        assertEquals("伍仟陆佰零叁元贰角柒分", f.amountWords());
        assertEquals(1, f.days());                  // admitted and discharged on one day: one day
        assertNull(f.age());
        assertNull(f.setlId());                     // not settled (预结算): no number, no time
        assertNull(f.setlTime());
    }
}
