package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.TestData.enc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.SettlementException;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.io.EncounterReader;
import org.yidan.settlement.io.InputException;
import org.yidan.settlement.io.Json;
import org.yidan.settlement.io.Message;
import org.yidan.settlement.io.Processor;
import org.yidan.settlement.ledger.InMemoryLedger;

/** JdbcLedger on H2 and on PostgreSQL behaves as InMemoryLedger, survives a restart, and rolls back. */
class JdbcLedgerTest extends StoreTestBase {
    JdbcLedger ledger(TestDb.Kind kind) {
        db = TestDb.create(kind, dir);
        return new JdbcLedger(db.dataSource(4), java.time.Clock.systemUTC());
    }

    /** The README example: 聊城 低保, inpatient in the city: assistance 6432.37 of the yearly cap 30000. */
    static TestData.E example(String id, String psn) {
        return enc().id(id).psn(psn).region("371500").hospital("371502").cats("DIBAO")
                .a("660.00").a("30000.00").b("3000.00").c("1340.00");
    }

    /** Every message of every conformance case through both ledgers: the same results, bills, totals and history. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void sameAsInMemoryOverEveryConformanceCase(TestDb.Kind kind) throws IOException {
        JdbcLedger jdbc = ledger(kind);
        InMemoryLedger mem = new InMemoryLedger(java.time.Clock.systemUTC());
        Settler onJdbc = new Settler(TestData.policies(), jdbc);
        Settler onMem = new Settler(TestData.policies(), mem);
        List<Path> cases;
        cases = org.yidan.settlement.conformance.CaseFiles.under(Path.of("conformance-tests/cases"));
        assertTrue(cases.size() >= 40, "cases: " + cases.size());
        Set<String> personYears = new TreeSet<>();
        Set<String> cancelledIds = new TreeSet<>();
        int settled = 0;
        for (Path f : cases) {
            for (Message m : EncounterReader.readFile(f)) {
                JsonNode a = apply(onMem, m);
                JsonNode b = apply(onJdbc, m);
                assertEquals(a, b, m.source());
                if (m instanceof Message.Settle s) {
                    personYears.add(s.encounter().psnNo() + "/" + s.encounter().year());
                    if (a.has("bill")) settled++;
                }
                if (m instanceof Message.Cancel c) cancelledIds.add(c.mdtrtId());
            }
        }
        assertTrue(settled >= cases.size(), "settled: " + settled);
        assertEquals(mem.allTotals(), jdbc.allTotals());
        for (String py : personYears) {
            String psn = py.substring(0, py.lastIndexOf('/'));
            int year = Integer.parseInt(py.substring(py.lastIndexOf('/') + 1));
            assertEquals(mem.year(psn, year), jdbc.year(psn, year), py);
            // records (bills compared with BigDecimal.equals: the scales survive the database) in settle order
            assertEquals(mem.settledFor(psn, year), jdbc.settledFor(psn, year), py);
        }
        for (SettledRecord r : mem.settledRecords()) assertEquals(r, jdbc.settled(r.mdtrtId()).orElseThrow());
        assertFalse(cancelledIds.isEmpty());
        for (String id : cancelledIds) {
            List<InMemoryLedger.Cancelled> want = mem.cancelledRecords().stream()
                    .filter(c -> c.record().mdtrtId().equals(id)).toList();
            List<InMemoryLedger.Cancelled> got = jdbc.cancelled(id);
            assertEquals(want.stream().map(InMemoryLedger.Cancelled::record).toList(),
                    got.stream().map(InMemoryLedger.Cancelled::record).toList(), id);
            assertEquals(want.stream().map(InMemoryLedger.Cancelled::reason).toList(),
                    got.stream().map(InMemoryLedger.Cancelled::reason).toList(), id);
        }
    }

    /** The result as JSON (bill, repeated, settled_later), or the error. */
    static JsonNode apply(Settler settler, Message m) {
        try {
            return Processor.apply(settler, m);
        } catch (SettlementException | InputException ex) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("error", ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return n;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void restartKeepsTotalsBillsHistoryAndResendDetection(TestDb.Kind kind) {
        db = TestDb.create(kind, dir);
        DataSource first = db.dataSource(2);
        JdbcLedger before = new JdbcLedger(first, java.time.Clock.systemUTC());
        Settler s1 = new Settler(TestData.policies(), before);
        Bill b1 = s1.settle(example("R1", "P-R").build()).bill();
        s1.settle(example("R2", "P-R").build());
        Bill b3 = s1.settle(example("R3", "P-R").discharged(2024, 5, 1).build()).bill();
        s1.cancel("R2", "HIS cancelled the discharge");
        Map<String, PoolTotals> totals = before.year("P-R", 2024);
        assertFalse(totals.isEmpty());
        db.close(first);

        JdbcLedger after = new JdbcLedger(db.dataSource(2), java.time.Clock.systemUTC());
        Settler s2 = new Settler(TestData.policies(), after);
        assertEquals(totals, after.year("P-R", 2024));
        assertEquals(List.of("R1", "R3"), after.settledFor("P-R", 2024).stream().map(SettledRecord::mdtrtId).toList());
        assertEquals(b1, after.settled("R1").orElseThrow().bill());
        assertEquals(b3, after.settled("R3").orElseThrow().bill());
        // the same input again: repeated, the first bill, nothing changes
        Settler.Outcome again = s2.settle(example("R1", "P-R").build());
        assertTrue(again.repeated());
        assertEquals(b1, again.bill());
        assertEquals(totals, after.year("P-R", 2024));
        // other content under the same visit id is refused
        assertThrows(SettlementException.class, () -> s2.settle(example("R1", "P-R").a("1.00").build()));
        List<InMemoryLedger.Cancelled> history = after.cancelled("R2");
        assertEquals(1, history.size());
        assertEquals("HIS cancelled the discharge", history.get(0).reason());
        // and settling goes on from the stored totals: as the same sequence in memory
        Bill b4 = s2.settle(example("R4", "P-R").discharged(2024, 6, 1).build()).bill();
        InMemoryLedger mem = new InMemoryLedger(java.time.Clock.systemUTC());
        Settler ref = new Settler(TestData.policies(), mem);
        ref.settle(example("R1", "P-R").build());
        ref.settle(example("R2", "P-R").build());
        ref.settle(example("R3", "P-R").discharged(2024, 5, 1).build());
        ref.cancel("R2", "HIS cancelled the discharge");
        assertEquals(ref.settle(example("R4", "P-R").discharged(2024, 6, 1).build()).bill(), b4);
        assertEquals(mem.year("P-R", 2024), after.year("P-R", 2024));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void anExceptionInsideLockedLeavesNothingWritten(TestDb.Kind kind) {
        JdbcLedger ledger = ledger(kind);
        Settler settler = new Settler(TestData.policies(), ledger);
        RuntimeException boom = new IllegalStateException("boom");
        // the settler's own locked() joins the outer transaction; the commit is visible inside it
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ledger.locked("P-RB", 2024, () -> {
            Bill b = settler.settle(example("RB1", "P-RB").build()).bill();
            assertTrue(ledger.settled("RB1").isPresent());
            assertEquals(b.setlinfo().mafPay(), ledger.get("P-RB", 2024, "assist").paid());
            throw boom;
        }));
        assertSame(boom, thrown);
        assertTrue(ledger.settled("RB1").isEmpty());
        assertTrue(ledger.year("P-RB", 2024).isEmpty());
        assertTrue(ledger.settledFor("P-RB", 2024).isEmpty());
        assertTrue(ledger.allTotals().isEmpty());

        // a commit() then an exception, and a cancel() then an exception
        SettledRecord r = inMemoryRecord("RB2", "P-RB");
        assertThrows(IllegalStateException.class, () -> ledger.locked("P-RB", 2024, () -> {
            ledger.commit(r);
            throw new IllegalStateException("after commit");
        }));
        assertTrue(ledger.settled("RB2").isEmpty());
        assertTrue(ledger.allTotals().isEmpty());
        ledger.commit(r);   // outside locked: its own transaction
        Map<String, PoolTotals> totals = ledger.year("P-RB", 2024);
        assertFalse(totals.isEmpty());
        assertThrows(IllegalStateException.class, () -> ledger.locked("P-RB", 2024, () -> {
            ledger.cancel("RB2", "x");
            assertTrue(ledger.year("P-RB", 2024).isEmpty());
            throw new IllegalStateException("after cancel");
        }));
        assertEquals(r, ledger.settled("RB2").orElseThrow());
        assertEquals(totals, ledger.year("P-RB", 2024));
        assertTrue(ledger.cancelled("RB2").isEmpty());
        // committing a visit twice is refused, as in memory
        assertThrows(IllegalStateException.class, () -> ledger.commit(r));
        assertEquals(totals, ledger.year("P-RB", 2024));
        // ... also inside locked, where the refusal leaves the transaction usable
        SettledRecord r4 = inMemoryRecord("RB4", "P-RB4");
        ledger.locked("P-RB4", 2024, () -> {
            ledger.commit(r4);
            assertThrows(IllegalStateException.class, () -> ledger.commit(r4));
            return null;
        });
        assertEquals(r4, ledger.settled("RB4").orElseThrow());
        // a database error that work catches and goes past fails the whole unit (PostgreSQL would not commit it)
        SettledRecord r5 = inMemoryRecord("RB5", "P-RB5");
        SettledRecord tooLong = new SettledRecord("X".repeat(101), "P-RB5", 2024, r5.fingerprint(), r5.bill(), r5.changes());
        StoreException failed = assertThrows(StoreException.class, () -> ledger.locked("P-RB5", 2024, () -> {
            ledger.commit(r5);
            assertThrows(StoreException.class, () -> ledger.commit(tooLong));
            return "went on";
        }));
        assertTrue(failed.getMessage().contains("rolled back"), failed.getMessage());
        assertTrue(ledger.settled("RB5").isEmpty());
        assertTrue(ledger.year("P-RB5", 2024).isEmpty());
        // an amount the DECIMAL(18,2) column would round is refused before anything is written
        SettledRecord odd = new SettledRecord("RB3", "P-RB", 2024, "fp", r.bill(),
                List.of(new LedgerChange("assist", new BigDecimal("1.005"), BigDecimal.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> ledger.commit(odd));
        assertTrue(ledger.settled("RB3").isEmpty());
    }

    /** A record as the settler makes it (settled on a throw-away in-memory ledger). */
    static SettledRecord inMemoryRecord(String id, String psn) {
        InMemoryLedger mem = new InMemoryLedger(java.time.Clock.systemUTC());
        new Settler(TestData.policies(), mem).settle(example(id, psn).build());
        return mem.settled(id).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void cancelRestoresExactlyAndKeepsTheCancelledRecord(TestDb.Kind kind) {
        JdbcLedger ledger = ledger(kind);
        Settler settler = new Settler(TestData.policies(), ledger);
        Instant start = Instant.now().minusSeconds(1);
        Bill first = settler.settle(example("C1", "P-C").build()).bill();
        Map<String, PoolTotals> afterFirst = ledger.year("P-C", 2024);
        Bill second = settler.settle(example("C2", "P-C").discharged(2024, 4, 1).build()).bill();
        assertNotEquals(afterFirst, ledger.year("P-C", 2024));

        Settler.CancelOutcome o = settler.cancel("C2", "wrong discharge date");
        assertEquals(second, o.cancelled().bill());
        assertEquals(afterFirst, ledger.year("P-C", 2024));   // equals: values and scale 2
        List<InMemoryLedger.Cancelled> kept = ledger.cancelled("C2");
        assertEquals(1, kept.size());
        assertEquals(second, kept.get(0).record().bill());
        assertEquals("wrong discharge date", kept.get(0).reason());
        assertTrue(!kept.get(0).at().isBefore(start) && !kept.get(0).at().isAfter(Instant.now()));

        // cancelling the earlier stay names the later ones; cancelling everything leaves no totals at all
        settler.settle(example("C3", "P-C").discharged(2024, 5, 1).build());
        assertEquals(List.of("C3"), settler.cancel("C1", null).settledLater());
        settler.cancel("C3", null);
        assertTrue(ledger.year("P-C", 2024).isEmpty());
        assertTrue(ledger.allTotals().isEmpty());
        assertTrue(ledger.cancel("C1", "again").isEmpty());
        assertTrue(ledger.cancel("NOPE", null).isEmpty());

        // settled again: the first bill again; cancelled again: a second row for the visit
        assertEquals(first, settler.settle(example("C1", "P-C").build()).bill());
        assertEquals(afterFirst, ledger.year("P-C", 2024));
        settler.cancel("C1", "second time");
        assertEquals(List.of("C1", "C1"), ledger.cancelled("C1").stream().map(c -> c.record().mdtrtId()).toList());
        assertEquals(Arrays.asList(null, "second time"),
                ledger.cancelled("C1").stream().map(InMemoryLedger.Cancelled::reason).toList());
        assertEquals(4, ledger.cancelledBetween(start, Instant.now().plusSeconds(1)).size());
        assertTrue(ledger.cancelledBetween(start.minusSeconds(3600), start).isEmpty());
    }

    /** Inside locked, reads see the transaction's own writes; other connections see them only after the commit. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void readsInsideLockedUseTheTransaction(TestDb.Kind kind) throws Exception {
        JdbcLedger ledger = ledger(kind);
        JdbcLedger other = new JdbcLedger(db.dataSource(2), java.time.Clock.systemUTC());
        SettledRecord r = inMemoryRecord("T1", "P-T");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ledger.locked("P-T", 2024, () -> {
                ledger.commit(r);
                assertEquals(r, ledger.settled("T1").orElseThrow());
                assertEquals(List.of(r), ledger.settledFor("P-T", 2024));
                assertFalse(ledger.year("P-T", 2024).isEmpty());
                // another thread (its own short connection) does not see the uncommitted record
                try {
                    assertTrue(pool.submit(() -> other.settled("T1").isEmpty()).get(10, TimeUnit.SECONDS));
                    assertTrue(pool.submit(() -> ledger.settled("T1").isEmpty()).get(10, TimeUnit.SECONDS));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                return null;
            });
        } finally {
            pool.shutdownNow();
        }
        assertEquals(r, other.settled("T1").orElseThrow());
        assertEquals(ledger.year("P-T", 2024), other.year("P-T", 2024));
    }

    /** One person-year at a time across two instances; other persons are not held up. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void theLockHoldsThePersonYearOnly(TestDb.Kind kind) throws Exception {
        JdbcLedger a = ledger(kind);
        JdbcLedger b = new JdbcLedger(db.dataSource(4), java.time.Clock.systemUTC());
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bInside = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> fa = pool.submit(() -> a.locked("P-L", 2024, () -> {
                aInside.countDown();
                await(release);
                return null;
            }));
            assertTrue(aInside.await(10, TimeUnit.SECONDS));
            Future<?> fb = pool.submit(() -> b.locked("P-L", 2024, () -> {
                bInside.countDown();
                return null;
            }));
            assertFalse(bInside.await(500, TimeUnit.MILLISECONDS), "the same person-year must wait");
            // a third instance that waits at most 200 ms gives up with a StoreException
            JdbcLedger impatient = new JdbcLedger(db.dataSource(2), java.time.Clock.systemUTC(),
                    java.time.Duration.ofMillis(200));
            long t0 = System.nanoTime();
            assertThrows(StoreException.class, () -> impatient.locked("P-L", 2024, () -> "never"));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
            // another year and another person go through meanwhile (on H2 the checkpoint that makes them durable
            // waits only for commits in progress, not for a's open transaction)
            CountDownLatch othersInside = new CountDownLatch(2);
            ExecutorService others = Executors.newFixedThreadPool(2);
            Future<String> y = others.submit(() -> b.locked("P-L", 2025, () -> {
                othersInside.countDown();
                return "y";
            }));
            Future<String> q = others.submit(() -> b.locked("P-Q", 2024, () -> {
                othersInside.countDown();
                return "q";
            }));
            others.shutdown();
            assertTrue(othersInside.await(10, TimeUnit.SECONDS), "another year and another person do not wait for P-L/2024");
            release.countDown();
            fa.get(10, TimeUnit.SECONDS);
            assertEquals("y", y.get(10, TimeUnit.SECONDS));
            assertEquals("q", q.get(10, TimeUnit.SECONDS));
            assertTrue(bInside.await(10, TimeUnit.SECONDS));
            fb.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        // a nested locked() on the same thread joins the transaction instead of waiting for itself
        assertEquals("inner", a.locked("P-L", 2024, () -> a.locked("P-L", 2024, () -> "inner")));
        // an error from the database (a visit id longer than the column) is a StoreException, and rolls back
        SettledRecord r = inMemoryRecord("L1", "P-L");
        SettledRecord tooLong = new SettledRecord("L".repeat(101), "P-L", 2024, r.fingerprint(), r.bill(), r.changes());
        assertThrows(StoreException.class, () -> a.locked("P-L", 2024, () -> {
            a.commit(r);
            a.commit(tooLong);
            return null;
        }));
        assertTrue(a.settled("L1").isEmpty());
        assertTrue(a.allTotals().isEmpty());
    }

    private static void await(CountDownLatch l) {
        try {
            if (!l.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
