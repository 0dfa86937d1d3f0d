package org.yidan.settlement.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * A commit is in the database's file before the answer that reports it goes out (an AA, a 200), and the file never
 * holds part of a transaction.
 *
 * <p>H2 (MVStore) keeps committed changes in memory and writes them to its file in the background, up to WRITE_DELAY
 * (500 ms) later, and has no redo log: a process killed meanwhile loses transactions it had committed, whose ACKs the
 * HIS already holds (issue 10, D1). H2's WRITE_DELAY 0 writes every commit at once, but it also stops the background
 * thread that compacts the file, which then grows without end (660 MB for 8,000 discharges). So the background writer
 * stays, and a writer that must be durable waits here after its commit for a {@code CHECKPOINT} (MVStore commit: the
 * in-memory state written to the file) that began after it: one checkpoint serves every commit made before it began
 * (a group commit), so eight connections committing at once cost one write. The OS holds what was written, so a killed
 * process loses nothing that waited here (a power cut is PostgreSQL's job: fsync).
 *
 * <p>A checkpoint must not run while a commit is in progress. MVStore writes one map (a table, an index, a
 * transaction's undo log) after the other, each as it is at that instant, and a commit marks its changes committed key
 * by key and then clears its undo log: a commit running meanwhile can be in the file as committed in one table and not
 * in another with its undo log already gone, and nothing on reopening puts it together again (H2 issue 2080; KillTest
 * found a bill in ledger_settled whose changes were not in ledger_total). A transaction that is open but not committing
 * is safe to write (its changes are uncommitted, and reopening drops them), so only commits are fenced: each commit on
 * H2 runs inside {@link #writing} (shared: commits run side by side; {@link #commit}, and autocommit writes) and the
 * checkpoint holds the same lock exclusively, waiting only for the commits in progress, never for a long open
 * transaction (one waiting for a person-year lock). The lock is the database's: every DataSource on one H2 file shares
 * it. (H2's own background writer is not under it; see the README, "What is not finished".)
 *
 * <p>PostgreSQL commits durably and atomically already (synchronous_commit on): {@link #writing} and {@link #await}
 * do nothing.
 */
final class DurableCommits {
    private static final Map<DataSource, DurableCommits> BY_SOURCE = new ConcurrentHashMap<>();
    /** The lock of each H2 database file (several DataSources in one JVM on one file share the database). */
    private static final Map<String, ReentrantReadWriteLock> BY_DATABASE = new ConcurrentHashMap<>();
    private static final Writing NOTHING = () -> {};

    private final DataSource ds;
    private final boolean h2;
    /** Transactions hold it shared; a checkpoint exclusively (H2 only; null on PostgreSQL). */
    private final ReentrantReadWriteLock open;
    /** Guards the counters below; {@code changed} is signalled whenever one of them changes. */
    private final ReentrantLock mon = new ReentrantLock();
    private final Condition changed = mon.newCondition();
    private long requested;
    private long flushed;
    /** Units of work begun ({@link #begin}) and not yet waiting for their checkpoint nor abandoned. */
    private int running;
    /** The last checkpoint that failed, and the tickets it was to hold: their writers fail. */
    private StoreException failure;
    private long failedUpTo;
    private Thread flusher;
    /** Checkpoints written and commits they held (for the status page: commits per checkpoint). */
    private long checkpoints;

    private DurableCommits(DataSource ds, ReentrantReadWriteLock open) {
        this.ds = ds;
        this.h2 = open != null;
        this.open = open;
    }

    /** A transaction in progress (see {@link #writing}); closing it lets a checkpoint run. */
    interface Writing extends AutoCloseable {
        @Override
        void close();
    }

    /** Commits {@code c} (a connection of {@code ds}) with no checkpoint running meanwhile. */
    static void commit(DataSource ds, Connection c) throws SQLException {
        // the dialect from this connection: asking the pool for another while holding this one could wait for ever
        // when every connection is held by a thread doing the same
        BY_SOURCE.computeIfAbsent(ds, k -> open(k, c));
        try (Writing w = writing(ds)) {
            c.commit();
        }
    }

    /**
     * Marks a commit on {@code ds} (or an autocommit write) as in progress until the returned handle is closed: no
     * checkpoint runs meanwhile. {@link #await} is called after closing it.
     */
    static Writing writing(DataSource ds) {
        DurableCommits d = of(ds);
        if (!d.h2) return NOTHING;
        ReentrantReadWriteLock.ReadLock lock = d.open.readLock();
        lock.lock();
        return lock::unlock;
    }

    /**
     * Waits until every commit this thread made on {@code ds} is in the database's file. Call it after the connection
     * went back to the pool (the checkpoint takes one) and after {@link #writing} was closed. Inside an outer
     * {@link #writing} of this thread it returns at once: the checkpoint waits for that transaction, and the outer one
     * awaits when it ends, after these commits.
     */
    static void await(DataSource ds) {
        of(ds).await();
    }

    private static DurableCommits of(DataSource ds) {
        return BY_SOURCE.computeIfAbsent(ds, DurableCommits::open);
    }

    private static DurableCommits open(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return open(ds, c);
        } catch (SQLException ex) {
            throw new StoreException("database: " + ex.getMessage(), ex);
        }
    }

    /** The DurableCommits of {@code ds}, its dialect and database read from {@code c} (one of its connections). */
    private static DurableCommits open(DataSource ds, Connection c) {
        try {
            if (Databases.Dialect.of(c) != Databases.Dialect.H2) return new DurableCommits(ds, null);
            String url = c.getMetaData().getURL();
            int semicolon = url.indexOf(';');
            String database = semicolon < 0 ? url : url.substring(0, semicolon);
            return new DurableCommits(ds, BY_DATABASE.computeIfAbsent(database, k -> new ReentrantReadWriteLock()));
        } catch (SQLException ex) {
            throw new StoreException("database: " + ex.getMessage(), ex);
        }
    }

    /**
     * A unit of work on {@code ds} begins: until it {@link #awaitUnit awaits} its checkpoint or is
     * {@link #abandon abandoned}, a checkpoint about to start waits a little for its commit (see {@link #gatherNanos}).
     */
    static void begin(DataSource ds) {
        of(ds).count(1, false);
    }

    /** A unit begun with {@link #begin} ended without a commit to wait for (rolled back, or failed). */
    static void abandon(DataSource ds) {
        of(ds).count(-1, false);
    }

    /** A unit begun with {@link #begin} has committed: as {@link #await}, and it no longer holds a checkpoint back. */
    static void awaitUnit(DataSource ds) {
        DurableCommits d = of(ds);
        if (!d.h2) return;
        d.count(-1, true);
    }

    private void count(int delta, boolean await) {
        if (!h2) return;
        mon.lock();
        try {
            running += delta;
            changed.signalAll();
        } finally {
            mon.unlock();
        }
        if (await) await();
    }

    /**
     * How long a checkpoint that could start waits for commits of units still running (at most): they then share its
     * write. Each checkpoint rewrites every B-tree page its commits touched plus the maps' roots, tens of kilobytes
     * whether it holds one commit or eight, so a checkpoint per commit spent about half the service's CPU on writing
     * pages (issue 13). The wait ends as soon as no unit is running, so a lone writer never waits (PostgreSQL's
     * commit_delay with commit_siblings, in effect).
     */
    static volatile long gatherNanos = Long.getLong("yidan.h2.gather-micros", 2_000) * 1_000;

    /** Commits made durable and the checkpoints that did it since start (H2; zero on PostgreSQL). */
    static Databases.Durability counts(DataSource ds) {
        DurableCommits d = of(ds);
        d.mon.lock();
        try {
            return new Databases.Durability(d.flushed, d.checkpoints);
        } finally {
            d.mon.unlock();
        }
    }

    private void await() {
        if (!h2 || open.getReadHoldCount() > 0) return;
        long ticket;
        mon.lock();
        try {
            if (flusher == null) start();
            ticket = ++requested;
            changed.signalAll();
            while (flushed < ticket && failedUpTo < ticket) {
                changed.awaitUninterruptibly();   // the answer must not go out before the write
            }
            if (flushed < ticket) throw failure;
        } finally {
            mon.unlock();
        }
    }

    private void start() {
        flusher = new Thread(this::run, "h2-durable-commits");
        flusher.setDaemon(true);
        flusher.start();
    }

    private void run() {
        while (true) {
            long upTo;
            mon.lock();
            try {
                while (requested == flushed) {
                    try {
                        changed.await();
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                // units still running commit soon: gather their commits into this checkpoint, a little while at most
                long left = gatherNanos;
                while (running > 0 && left > 0) {
                    try {
                        left = changed.awaitNanos(left);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                upTo = requested;   // every commit whose writer asked by now is committed: this checkpoint holds it
            } finally {
                mon.unlock();
            }
            StoreException failed = null;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                // no commit is in progress while the maps are written; the ones that begin meanwhile wait here
                open.writeLock().lock();
                try {
                    st.execute("CHECKPOINT");
                } finally {
                    open.writeLock().unlock();
                }
            } catch (SQLException | RuntimeException ex) {
                failed = new StoreException("database: committed changes could not be written to the file: " + ex.getMessage(), ex);
            }
            mon.lock();
            try {
                if (failed == null) {
                    flushed = upTo;
                    checkpoints++;
                } else {
                    // these writers are told their work may not be kept; the next checkpoint tries again for later ones
                    failure = failed;
                    failedUpTo = upTo;
                }
                changed.signalAll();
            } finally {
                mon.unlock();
            }
        }
    }
}
