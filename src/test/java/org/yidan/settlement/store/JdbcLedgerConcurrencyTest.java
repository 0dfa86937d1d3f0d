package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yidan.settlement.TestData.enc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yidan.settlement.TestData;
import org.yidan.settlement.core.Bill;
import org.yidan.settlement.core.Encounter;
import org.yidan.settlement.core.LedgerChange;
import org.yidan.settlement.core.PoolTotals;
import org.yidan.settlement.core.SettledRecord;
import org.yidan.settlement.core.Settler;
import org.yidan.settlement.ledger.InMemoryLedger;

/**
 * Two ledger instances on two connection pools (two service instances) on one database, 2 × 8 threads settling 40
 * visits of the same person and year at once, each visit sent twice. Every visit's assistance (聊城 低保, 6432.37
 * a stay) would pass the yearly cap of 30000 after five stays, and each stay's critical-illness and re-assistance
 * figures depend on the running totals: so any two settlements that overlap give figures no sequential order gives.
 */
class JdbcLedgerConcurrencyTest extends StoreTestBase {
    static final String PSN = "P-CONC";
    static final int VISITS = 40;
    static final int THREADS_PER_INSTANCE = 8;
    static final BigDecimal CAP = new BigDecimal("30000.00");

    static Encounter visit(int i) {
        return enc().id(String.format("CONC-%02d", i)).psn(PSN).region("371500").hospital("371502").cats("DIBAO")
                .discharged(2024, 1 + i % 12, 1 + i % 28)
                .a("660.00").a("30000.00").b("3000.00").c("1340.00").build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void manyThreadsOnTwoInstancesSettleOnePersonYearAsIfOneAfterAnother(TestDb.Kind kind) throws Exception {
        db = TestDb.create(kind, dir);
        JdbcLedger a = new JdbcLedger(db.dataSource(THREADS_PER_INSTANCE), java.time.Clock.systemUTC());
        JdbcLedger b = new JdbcLedger(db.dataSource(THREADS_PER_INSTANCE), java.time.Clock.systemUTC());
        Settler[] settlers = {new Settler(TestData.policies(), a), new Settler(TestData.policies(), b)};

        // every visit twice (a resend racing the first send), in a shuffled order
        List<Integer> tasks = new ArrayList<>();
        for (int i = 0; i < VISITS; i++) {
            tasks.add(i);
            tasks.add(i);
        }
        Collections.shuffle(tasks, new Random(42));
        AtomicInteger next = new AtomicInteger();
        Map<String, List<Settler.Outcome>> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        List<Future<?>> running = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int t = 0; t < 2 * THREADS_PER_INSTANCE; t++) {
                Settler settler = settlers[t % 2];
                running.add(pool.submit(() -> {
                    start.await();
                    for (int k; (k = next.getAndIncrement()) < tasks.size(); ) {
                        Encounter e = visit(tasks.get(k));
                        outcomes.computeIfAbsent(e.mdtrtId(), x -> Collections.synchronizedList(new ArrayList<>()))
                                .add(settler.settle(e));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%s: %d settle calls on 2 instances x %d threads: %d ms%n", kind, tasks.size(),
                THREADS_PER_INSTANCE, ms);

        // each visit settled once; its resend got the same bill, marked repeated
        assertEquals(VISITS, outcomes.size());
        for (var e : outcomes.entrySet()) {
            List<Settler.Outcome> os = e.getValue();
            assertEquals(2, os.size(), e.getKey());
            assertEquals(1, os.stream().filter(o -> !o.repeated()).count(), e.getKey());
            assertEquals(os.get(0).bill(), os.get(1).bill(), e.getKey());
        }

        List<SettledRecord> order = a.settledFor(PSN, 2024);   // the settle order (insertion sequence)
        assertEquals(VISITS, order.size());
        assertEquals(order, b.settledFor(PSN, 2024));
        Map<String, PoolTotals> totals = a.year(PSN, 2024);

        // the cap holds, and the pool's paid total is what the bills paid
        PoolTotals assist = totals.get("assist");
        assertTrue(assist.paid().compareTo(CAP) <= 0, "assistance paid " + assist.paid() + " > cap " + CAP);
        assertEquals(CAP, assist.paid(), "40 stays of 6432.37 reach the cap exactly");
        BigDecimal assistOnBills = order.stream().map(r -> fund(r.bill(), "610100")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, assist.paid().compareTo(assistOnBills), "assist paid " + assist.paid() + " vs bills " + assistOnBills);
        // every pool: totals are the sum of the settled records' changes
        Map<String, PoolTotals> summed = new HashMap<>();
        for (SettledRecord r : order) {
            for (LedgerChange c : r.changes()) {
                summed.merge(c.pool(), new PoolTotals(c.base(), c.paid()), (x, y) -> x.plus(y.base(), y.paid()));
            }
        }
        assertEquals(summed.keySet(), totals.keySet());
        summed.forEach((name, t) -> {
            assertEquals(0, t.base().compareTo(totals.get(name).base()), name);
            assertEquals(0, t.paid().compareTo(totals.get(name).paid()), name);
        });

        // replaying the same settle order one after another in memory gives the same bills and totals
        InMemoryLedger mem = new InMemoryLedger(java.time.Clock.systemUTC());
        Settler replay = new Settler(TestData.policies(), mem);
        for (SettledRecord r : order) {
            int i = Integer.parseInt(r.mdtrtId().substring("CONC-".length()));
            assertEquals(replay.settle(visit(i)).bill(), r.bill(), r.mdtrtId());
        }
        assertEquals(mem.year(PSN, 2024), totals);
        assertEquals(mem.year(PSN, 2024), b.year(PSN, 2024));
    }

    /**
     * Settles and cancels at once: every fourth visit is cancelled right after it is settled, by two threads on the
     * two instances at the same moment. One cancel wins, the other is told it is not settled; the totals stay the
     * sum of the records still settled, and each cancel is kept once.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDb.Kind.class)
    void cancelsRacingSettlementsAndEachOtherKeepTheTotalsExact(TestDb.Kind kind) throws Exception {
        db = TestDb.create(kind, dir);
        JdbcLedger a = new JdbcLedger(db.dataSource(THREADS_PER_INSTANCE), java.time.Clock.systemUTC());
        JdbcLedger b = new JdbcLedger(db.dataSource(THREADS_PER_INSTANCE), java.time.Clock.systemUTC());
        Settler[] settlers = {new Settler(TestData.policies(), a), new Settler(TestData.policies(), b)};
        AtomicInteger next = new AtomicInteger();
        AtomicInteger cancelWins = new AtomicInteger();
        AtomicInteger cancelRefusals = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        ExecutorService cancels = Executors.newCachedThreadPool();   // not the workers' pool: they wait for these
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 0; t < 2 * THREADS_PER_INSTANCE; t++) {
                running.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < VISITS; ) {
                        Encounter e = visit(i);
                        settlers[i % 2].settle(e);
                        if (i % 4 != 0) continue;
                        CountDownLatch go = new CountDownLatch(1);
                        List<Future<Boolean>> two = new ArrayList<>();
                        for (Settler s : settlers) {
                            two.add(cancels.submit(() -> {
                                go.await();
                                try {
                                    s.cancel(e.mdtrtId(), "race");
                                    return true;
                                } catch (org.yidan.settlement.core.SettlementException ex) {
                                    return false;
                                }
                            }));
                        }
                        go.countDown();
                        for (Future<Boolean> f : two) {
                            if (f.get(60, TimeUnit.SECONDS)) cancelWins.incrementAndGet();
                            else cancelRefusals.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            cancels.shutdownNow();
        }
        int cancelled = (VISITS + 3) / 4;
        assertEquals(cancelled, cancelWins.get());
        assertEquals(cancelled, cancelRefusals.get());
        List<SettledRecord> left = a.settledFor(PSN, 2024);
        assertEquals(VISITS - cancelled, left.size());
        Map<String, PoolTotals> summed = new java.util.TreeMap<>();
        for (SettledRecord r : left) {
            for (LedgerChange c : r.changes()) {
                summed.merge(c.pool(), new PoolTotals(c.base(), c.paid()), (x, y) -> x.plus(y.base(), y.paid()));
            }
        }
        summed.values().removeIf(t -> t.base().signum() == 0 && t.paid().signum() == 0);
        assertEquals(summed, a.year(PSN, 2024));
        assertTrue(a.year(PSN, 2024).get("assist").paid().compareTo(CAP) <= 0);
        for (int i = 0; i < VISITS; i += 4) {
            assertEquals(1, b.cancelled(visit(i).mdtrtId()).size(), visit(i).mdtrtId());
            assertTrue(b.settled(visit(i).mdtrtId()).isEmpty());
        }
    }

    static BigDecimal fund(Bill bill, String type) {
        return bill.setldetail().stream().filter(d -> d.fundPayType().equals(type)).map(Bill.SetlDetail::fundPayamt)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
