package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yidan.settlement.core.ChargeClass;
import org.yidan.settlement.core.FeeLine;
import org.yidan.settlement.core.LineKind;

/** JdbcVisitStore on H2 and on PostgreSQL: admissions, charge lines accumulated per message. */
class JdbcVisitStoreTest extends StoreTestBase {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static FeeLine line(String sn, String amount) {
        return new FeeLine(sn, "110900001", ChargeClass.A, null, null, d(amount), null, null, LineKind.ORDINARY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void chargesAccumulateInOrderAndAResentMessageAddsNothing(TestDb.Kind kind) {
        JdbcVisitStore store = new JdbcVisitStore(open(kind), java.time.Clock.systemUTC());
        assertEquals(List.of(), store.charges("V1"));
        FeeLine full = new FeeLine("3", "XJ01CAA040A001010100483", ChargeClass.B, d("11"), d("60.5"), d("665.50"),
                d("0.1"), d("50"), LineKind.SPECIAL_DRUG);
        FeeLine bare = new FeeLine(null, null, null, null, null, null, null, null, null);
        assertTrue(store.addCharges("V1", "MSG-1", List.of(line("1", "100.00"), line("2", "0.01"))));
        assertTrue(store.addCharges("V1", "MSG-2", List.of(full, bare)));
        assertTrue(store.addCharges("V2", "MSG-1", List.of(line("9", "9.00"))));   // message ids are per visit
        assertFalse(store.addCharges("V1", "MSG-1", List.of(line("1", "100.00"), line("2", "0.01"))));
        assertFalse(store.addCharges("V1", "MSG-2", List.of(line("X", "1.00"))));   // same id, other lines: a resend
        assertTrue(store.addCharges("V1", "MSG-3", List.of(line("4", "1"))));
        assertEquals(List.of(line("1", "100.00"), line("2", "0.01"), full, bare, line("4", "1.00")), store.charges("V1"));
        assertEquals(List.of(line("9", "9.00")), store.charges("V2"));
        assertTrue(store.addCharges("V1", "MSG-EMPTY", List.of()));
        assertFalse(store.addCharges("V1", "MSG-EMPTY", List.of(line("5", "5.00"))));
        assertEquals(5, store.charges("V1").size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void decimalsKeepTheirValue(TestDb.Kind kind) {
        JdbcVisitStore store = new JdbcVisitStore(open(kind), java.time.Clock.systemUTC());
        FeeLine l = new FeeLine("1", "X", ChargeClass.C, d("2.500"), d("0.123456"), d("0.31"), d("0.10"),
                d("60.000000"), LineKind.PKU_FOOD);
        store.addCharges("V", "M", List.of(l));
        FeeLine back = store.charges("V").get(0);
        // values equal; quantity, price, ratio and limit come back without trailing zeros, the amount with scale 2
        assertEquals(new FeeLine("1", "X", ChargeClass.C, d("2.5"), d("0.123456"), d("0.31"), d("0.1"), d("60"),
                LineKind.PKU_FOOD), back);
        // more decimals than the columns keep are refused, and nothing of the message is added
        assertThrows(IllegalArgumentException.class, () -> store.addCharges("V", "M2",
                List.of(line("1", "1.00"), new FeeLine("2", "X", ChargeClass.A, d("0.0000001"), null, d("1.00"), null, null,
                        LineKind.ORDINARY))));
        assertThrows(IllegalArgumentException.class, () -> store.addCharges("V", "M2", List.of(line("1", "1.001"))));
        assertEquals(1, store.charges("V").size());
    }

    /**
     * A message the database refuses (a message id longer than the column) adds nothing, and may be retried. Since
     * V3 a message's lines are one row, so they are added together or not at all by construction.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void aMessageIsAddedWhollyOrNotAtAll(TestDb.Kind kind) {
        JdbcVisitStore store = new JdbcVisitStore(open(kind), java.time.Clock.systemUTC());
        store.addCharges("V", "M1", List.of(line("1", "1.00")));
        assertThrows(StoreException.class, () -> store.addCharges("V", "M".repeat(201), List.of(line("2", "2.00"), line("3", "3.00"))));
        assertEquals(List.of(line("1", "1.00")), store.charges("V"));
        assertTrue(store.addCharges("V", "M2", List.of(line("2", "2.00"))));
        assertEquals(List.of(line("1", "1.00"), line("2", "2.00")), store.charges("V"));
    }

    /** The same message from several threads (two instances) at once: applied exactly once. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void aMessageSentSeveralTimesAtOnceIsAppliedOnce(TestDb.Kind kind) throws Exception {
        DataSource first = open(kind);
        JdbcVisitStore[] stores = {new JdbcVisitStore(first, java.time.Clock.systemUTC()), new JdbcVisitStore(db.dataSource(4), java.time.Clock.systemUTC())};
        List<FeeLine> lines = List.of(line("1", "1.00"), line("2", "2.00"), line("3", "3.00"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String msg = "M" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> fs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    JdbcVisitStore s = stores[t % 2];
                    fs.add(pool.submit(() -> {
                        go.await();
                        return s.addCharges("V", msg, lines);
                    }));
                }
                go.countDown();
                int applied = 0;
                for (Future<Boolean> f : fs) if (f.get(30, TimeUnit.SECONDS)) applied++;
                assertEquals(1, applied, msg);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(15, stores[0].charges("V").size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void admissionIsSavedReplacedAndCancelled(TestDb.Kind kind) {
        JdbcVisitStore store = new JdbcVisitStore(open(kind), java.time.Clock.systemUTC());
        Instant at = Instant.parse("2024-03-01T08:30:00.123456789Z");
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        String detail = "{\"psn_no\":\"P1\",\"relief_categories\":[\"DIBAO\"],\"psn_name\":\"王秀英\"}";
        assertTrue(store.admission("A1").isEmpty());
        store.saveAdmission(new VisitStore.AdmissionRecord("A1", "P1", detail, null, true, false, at));
        assertEquals(new VisitStore.AdmissionRecord("A1", "P1", detail, null, true, false, micros), store.admission("A1").orElseThrow());
        // saved again: replaced
        store.saveAdmission(new VisitStore.AdmissionRecord("A1", "P1", detail, d("500"), false, false, at.plusSeconds(60)));
        assertEquals(new VisitStore.AdmissionRecord("A1", "P1", detail, d("500.00"), false, false, micros.plusSeconds(60)),
                store.admission("A1").orElseThrow());
        assertTrue(store.cancelAdmission("A1"));
        assertTrue(store.admission("A1").orElseThrow().cancelled());
        assertFalse(store.cancelAdmission("NONE"));
        assertTrue(store.admission("NONE").isEmpty());
        // a re-admission under the same visit id replaces the cancelled one
        store.saveAdmission(new VisitStore.AdmissionRecord("A1", "P1", null, null, true, false, at));
        assertFalse(store.admission("A1").orElseThrow().cancelled());
        assertEquals(null, store.admission("A1").orElseThrow().detail());
    }
}
