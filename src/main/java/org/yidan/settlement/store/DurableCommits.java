package org.yidan.settlement.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A commit is in the database's file before the answer that reports it goes out (an AA, a 200).
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
 * <p>PostgreSQL commits durably already (synchronous_commit on): {@link #await} returns at once.
 */
final class DurableCommits {
    private static final Map<DataSource, DurableCommits> BY_SOURCE = new ConcurrentHashMap<>();

    private final DataSource ds;
    private final boolean h2;
    private long requested;
    private long flushed;
    /** The last checkpoint that failed, and the tickets it was to hold: their writers fail. */
    private StoreException failure;
    private long failedUpTo;
    private Thread flusher;

    private DurableCommits(DataSource ds, boolean h2) {
        this.ds = ds;
        this.h2 = h2;
    }

    /**
     * Waits until every commit this thread made on {@code ds} is in the database's file. Call it after the connection
     * went back to the pool (the checkpoint takes one).
     */
    static void await(DataSource ds) {
        BY_SOURCE.computeIfAbsent(ds, DurableCommits::of).await();
    }

    private static DurableCommits of(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return new DurableCommits(ds, Databases.Dialect.of(c) == Databases.Dialect.H2);
        } catch (SQLException ex) {
            throw new StoreException("database: " + ex.getMessage(), ex);
        }
    }

    private void await() {
        if (!h2) return;
        long ticket;
        synchronized (this) {
            if (flusher == null) start();
            ticket = ++requested;
            notifyAll();
            boolean interrupted = false;
            while (flushed < ticket && failedUpTo < ticket) {
                try {
                    wait();
                } catch (InterruptedException ex) {
                    interrupted = true;   // finish waiting: the answer must not go out before the write
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (flushed < ticket) throw failure;
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
            synchronized (this) {
                while (requested == flushed) {
                    try {
                        wait();
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                upTo = requested;   // every commit whose writer asked by now is committed: this checkpoint holds it
            }
            StoreException failed = null;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            } catch (SQLException | RuntimeException ex) {
                failed = new StoreException("database: committed changes could not be written to the file: " + ex.getMessage(), ex);
            }
            synchronized (this) {
                if (failed == null) {
                    flushed = upTo;
                } else {
                    // these writers are told their work may not be kept; the next checkpoint tries again for later ones
                    failure = failed;
                    failedUpTo = upTo;
                }
                notifyAll();
            }
        }
    }
}
