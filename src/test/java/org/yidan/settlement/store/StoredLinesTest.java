package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;
import org.yidan.settlement.io.Json;

/** Charge lines and settled inputs as stored: compact rows back to the same lines, and the old JSON objects still read. */
class StoredLinesTest {
    static final List<FeeLine> LINES = List.of(
            new FeeLine("1", "110900001", ChargeClass.A, new BigDecimal("11"), new BigDecimal("60"), new BigDecimal("660.00"),
                    null, null, LineKind.ORDINARY),
            new FeeLine("2", "XB01AC", ChargeClass.B, new BigDecimal("20"), new BigDecimal("150"), new BigDecimal("3000.00"),
                    new BigDecimal("0.10"), new BigDecimal("160.000001"), LineKind.SPECIAL_DRUG),
            new FeeLine("甲\"\\/\t\u0001", "床位费", ChargeClass.C, null, null, new BigDecimal("0.00"), null, null, LineKind.PKU_FOOD),
            new FeeLine(null, null, null, null, null, null, null, null, null));

    @Test
    void rowsGiveBackTheSameLines() {
        String stored = StoredLines.write(LINES);
        assertEquals(LINES, StoredLines.read(stored));
        assertEquals(List.of(), StoredLines.read(StoredLines.write(List.of())));
        // the first line's row, value by value in COLUMNS order
        assertTrue(stored.startsWith("[[\"1\",\"110900001\",\"A\",\"11\",\"60\",\"660.00\",null,null,\"ORDINARY\"],"), stored);
    }

    @Test
    void linesStoredAsObjectsBeforeAreStillRead() throws Exception {
        String before = Json.MAPPER.writeValueAsString(LINES);
        assertTrue(before.startsWith("[{"), before);
        assertEquals(LINES, StoredLines.read(before));
        assertEquals(LINES, StoredLines.read("  " + before));
    }

    @Test
    void rowsAreAboutAThirdOfTheObjects() throws Exception {
        List<FeeLine> many = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            many.add(new FeeLine(String.valueOf(i), "X" + i, i % 3 == 0 ? ChargeClass.B : ChargeClass.A, new BigDecimal(i % 7 + 1),
                    new BigDecimal("10.37"), new BigDecimal("10.37").multiply(new BigDecimal(i % 7 + 1)), null, null, LineKind.ORDINARY));
        }
        int rows = StoredLines.write(many).length();
        int objects = Json.MAPPER.writeValueAsString(many).length();
        assertTrue(rows * 2 < objects, rows + " characters as rows, " + objects + " as objects");
    }

    @Test
    void unreadableLinesAreAStoreErrorSayingWhy() {
        StoreException e = assertThrows(StoreException.class, () -> StoredLines.read("[[\"1\",\"X\"]]"));
        assertTrue(e.getMessage().contains("has 2 values, not 9"), e.getMessage());
        e = assertThrows(StoreException.class, () -> StoredLines.read("[[1,2,3,4,5,6,7,8,9]]"));
        assertTrue(e.getMessage().contains("VALUE_NUMBER_INT"), e.getMessage());
        assertThrows(StoreException.class, () -> StoredLines.read("[[\"1\",\"X\",\"Z\",null,null,null,null,null,null]]"));
    }

    @Test
    void anInputKeepsEveryFieldAndItsLines() throws Exception {
        Encounter in = TestData.enc().cats("DIBAO").dx("C34.9").deposit("2000").referral("300")
                .add(LINES.get(0)).add(LINES.get(1)).build();
        String stored = StoredInput.write(in);
        assertTrue(stored.startsWith("{\"" + StoredInput.ROWS + "\":[[\"1\""), stored);
        assertEquals(in, StoredInput.read(stored, null, "V"));
        // an input stored before (the encounter's JSON as it is) reads as it did
        assertEquals(in, StoredInput.read(Json.MAPPER.writeValueAsString(in), null, "V"));
        Encounter none = in.withFeedetail(List.of());
        assertEquals(none, StoredInput.read(StoredInput.write(none), null, "V"));
    }
}
