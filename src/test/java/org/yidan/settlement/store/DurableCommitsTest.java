package org.yidan.settlement.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * H2: no checkpoint (the file write that makes commits durable) runs while a commit is in progress, since MVStore
 * writes its maps one after the other and a commit running meanwhile would be in the file only in part (KillTest: a
 * bill in ledger_settled without its changes in ledger_total). An open transaction that is not committing does not
 * hold a checkpoint back: a long one (waiting for a person-year lock) must not stall every answer.
 */
class DurableCommitsTest extends StoreTestBase {

    static int insertLock(java.sql.Connection c, String psn) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_lock (psn_no, setl_year) VALUES (?, 2024)")) {
            ps.setString(1, psn);
            return ps.executeUpdate();
        }
    }

    static int count(DataSource ds) {
        return Databases.auto(ds, "test", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM ledger_lock")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aDurableWriteWaitsForACommitInProgressButNotForAnOpenTransaction() throws Exception {
        DataSource ds = open(TestDb.Kind.H2);
        // an open unit of work (a row written, not committed) does not hold the durable write back
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> open = CompletableFuture.runAsync(() -> Databases.inUnit(ds, "open unit", () -> {
            Databases.auto(ds, "test", c -> insertLock(c, "P-OPEN"));
            written.countDown();
            try {
                assertTrue(finish.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            return null;
        }));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        int inserted = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Databases.write(ds, "test", c -> insertLock(c, "P-DURABLE")), "answered while the unit is open");
        assertEquals(1, inserted);
        assertEquals(1, count(ds), "P-DURABLE is committed; the open unit's row is not");

        // a commit in progress (the fence every commit takes, held here by another thread) does hold it back
        CountDownLatch fenced = new CountDownLatch(1);
        CountDownLatch lift = new CountDownLatch(1);
        CompletableFuture<Void> committing = CompletableFuture.runAsync(() -> {
            try (DurableCommits.Writing w = DurableCommits.writing(ds)) {
                fenced.countDown();
                assertTrue(lift.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertTrue(fenced.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> durable = CompletableFuture.supplyAsync(() -> Databases.write(ds, "test", c -> insertLock(c, "P-LATER")));
        Thread.sleep(500);
        assertFalse(durable.isDone(), "answered while a commit was in progress (its checkpoint would have cut it)");
        lift.countDown();
        committing.get(10, TimeUnit.SECONDS);
        assertEquals(1, durable.get(10, TimeUnit.SECONDS));

        finish.countDown();
        open.get(10, TimeUnit.SECONDS);
        assertEquals(3, count(ds));
    }

    @Test
    void aDurableWriteInsideTheThreadsOwnOpenTransactionDoesNotWaitForItself() {
        DataSource ds = open(TestDb.Kind.H2);
        JdbcLedger ledger = new JdbcLedger(ds, java.time.Clock.systemUTC());
        // the ledger's own transaction is open (P-1/2024 locked) while a write of this thread commits on another
        // connection: it is made durable when the outer transaction ends, instead of waiting for itself
        int n = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                ledger.locked("P-1", 2024, () -> Databases.write(ds, "test", c -> insertLock(c, "P-2"))));
        assertEquals(1, n);
        assertEquals(2, count(ds), "P-1's lock row and P-2's");
    }

    /**
     * Group commit: a unit that has committed waits, for a short while at most, for the units still running, so that
     * one checkpoint holds their commits too (the window is made long here, 30 s, so that only the units' own steps
     * decide when the checkpoint runs); a unit that ends without a commit, and a lone unit, hold nothing back.
     */
    @Test
    void oneCheckpointHoldsTheCommitsOfUnitsRunningTogether() throws Exception {
        DataSource ds = open(TestDb.Kind.H2);
        long window = DurableCommits.gatherNanos;
        DurableCommits.gatherNanos = TimeUnit.SECONDS.toNanos(30);
        try {
            count(ds);   // the dialect read, the flusher not yet needed
            Databases.inUnit(ds, "first", () -> Databases.auto(ds, "test", c -> insertLock(c, "P-FIRST")));
            Databases.Durability before = Databases.durability(ds);

            // B is running (begun, not committed) when A asks for its checkpoint: A is not answered until B commits
            CountDownLatch bBegun = new CountDownLatch(1);
            CountDownLatch bMayCommit = new CountDownLatch(1);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> Databases.inUnit(ds, "B", () -> {
                bBegun.countDown();
                try {
                    assertTrue(bMayCommit.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                return Databases.auto(ds, "test", c -> insertLock(c, "P-B"));
            }));
            assertTrue(bBegun.await(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() ->
                    Databases.inUnit(ds, "A", () -> Databases.auto(ds, "test", c -> insertLock(c, "P-A"))));
            Thread.sleep(500);
            assertFalse(a.isDone(), "A was answered while B, running, could still join its checkpoint");
            bMayCommit.countDown();
            assertEquals(1, a.get(10, TimeUnit.SECONDS));
            assertEquals(1, b.get(10, TimeUnit.SECONDS));
            Databases.Durability after = Databases.durability(ds);
            assertEquals(2, after.commits() - before.commits());
            assertEquals(1, after.checkpoints() - before.checkpoints(), "A's and B's commits in one checkpoint");

            // a running unit that ends without committing (rolled back) releases the waiting one at once
            CountDownLatch cBegun = new CountDownLatch(1);
            CountDownLatch cMayFail = new CountDownLatch(1);
            CompletableFuture<Object> failing = CompletableFuture.supplyAsync(() -> Databases.inUnit(ds, "C", () -> {
                cBegun.countDown();
                try {
                    assertTrue(cMayFail.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                throw new IllegalStateException("C fails: nothing kept");
            }));
            assertTrue(cBegun.await(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> d = CompletableFuture.supplyAsync(() ->
                    Databases.inUnit(ds, "D", () -> Databases.auto(ds, "test", c -> insertLock(c, "P-D"))));
            Thread.sleep(500);
            assertFalse(d.isDone(), "D was answered while C was running");
            cMayFail.countDown();
            assertEquals(1, d.get(10, TimeUnit.SECONDS), "C rolled back: D's checkpoint goes ahead");
            assertTrue(failing.isCompletedExceptionally());

            // a lone unit waits for no one
            int alone = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    Databases.inUnit(ds, "alone", () -> Databases.auto(ds, "test", c -> insertLock(c, "P-ALONE"))));
            assertEquals(1, alone);
            assertEquals(5, count(ds), "P-FIRST, P-B, P-A, P-D and P-ALONE; not C's");
        } finally {
            DurableCommits.gatherNanos = window;
        }
    }
}
