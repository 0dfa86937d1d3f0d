package org.yidan.settlement.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * The inbound message log in the database (table message_log, db/migration/V2__visits_and_messages.sql). The ACK
 * is kept as the bytes sent (BYTEA). The first answer recorded for a control id stays: a later one, also one
 * recorded at the same moment by another instance, is ignored.
 */
public final class JdbcMessageLog implements MessageLog {
    private final DataSource ds;
    /** The counts by type|ack once first asked for (see {@link #counts}); null before. */
    private volatile Map<String, LongAdder> live;
    /**
     * Recording (insert, then add in memory) holds the read lock; the first count holds the write lock while it
     * counts the table, so each answer is counted exactly once: by the query, or in memory, never both.
     */
    private final ReadWriteLock seeding = new ReentrantReadWriteLock();

    public JdbcMessageLog(DataSource ds) {
        this.ds = ds;
    }

    private <T> T auto(Databases.Sql<T> body) {
        return Databases.auto(ds, "message log", body);
    }

    @Override
    public Optional<Entry> find(String controlId) {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT control_id, message_type, ack_code, ack, answered_at "
                    + "FROM message_log WHERE control_id = ?")) {
                ps.setString(1, controlId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Entry(rs.getString("control_id"), rs.getString("message_type"),
                            rs.getString("ack_code"), rs.getBytes("ack"), Databases.instant(rs, "answered_at")));
                }
            }
        });
    }

    @Override
    public boolean record(Entry e) {
        seeding.readLock().lock();
        try {
            if (!insert(e)) return false;
            // counted once the answer is committed with what the message did (inside a unit of work: at its commit)
            count(e, 1);
            return true;
        } finally {
            seeding.readLock().unlock();
        }
    }

    @Override
    public void replace(Entry e) {
        seeding.readLock().lock();
        try {
            Optional<Entry> before = find(e.controlId());
            if (before.isEmpty()) {
                if (insert(e)) count(e, 1);
                else replace(e);   // answered meanwhile by another thread: replace that answer
                return;
            }
            Databases.write(ds, "message log", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE message_log SET message_type = ?, ack_code = ?, ack = ?, "
                        + "answered_at = ? WHERE control_id = ?")) {
                    ps.setString(1, e.messageType());
                    ps.setString(2, e.ackCode());
                    ps.setBytes(3, e.ack());
                    ps.setObject(4, Databases.time(java.util.Objects.requireNonNull(e.at(), "answered_at")));
                    ps.setString(5, e.controlId());
                    return ps.executeUpdate();
                }
            });
            count(before.get(), -1);
            count(e, 1);
        } finally {
            seeding.readLock().unlock();
        }
    }

    /** Adds {@code n} to the in-memory count of the entry's type and code once the unit of work has committed. */
    private void count(Entry e, int n) {
        Databases.afterCommit(ds, () -> {
            Map<String, LongAdder> m = live;
            if (m != null) m.computeIfAbsent(e.messageType() + "|" + e.ackCode(), k -> new LongAdder()).add(n);
        });
    }

    private boolean insert(Entry e) {
        try {
            // a savepoint inside a unit of work: a duplicate key must not abort the unit (PostgreSQL would)
            return Databases.transaction(ds, "message log", c -> {
                // the primary key keeps the first answer: a second one for the same control id (a resend answered at
                // the same moment, here or by another instance) fails on the key and is not kept
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_log "
                        + "(control_id, message_type, ack_code, ack, answered_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, e.controlId());
                    ps.setString(2, e.messageType());
                    ps.setString(3, e.ackCode());
                    ps.setBytes(4, e.ack());
                    ps.setObject(5, Databases.time(java.util.Objects.requireNonNull(e.at(), "answered_at")));
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (StoreException ex) {
            if (ex.getCause() instanceof SQLException s && Databases.isDuplicateKey(s)) return false;
            throw ex;
        }
    }

    /**
     * Counts keyed {@code "<message type>|<ack code>"}, e.g. {@code "ADT^A03|AA" → 12}, sorted by key. The table is
     * counted once (the first call), then the answers this instance records are added in memory: health checks
     * poll this, and a GROUP BY over the whole log on every poll grows with the log. With several instances on one
     * database, another instance's answers since the first call are not included.
     */
    @Override
    public Map<String, Long> counts() {
        if (live == null) {
            seeding.writeLock().lock();   // recording waits while the table is counted (once)
            try {
                if (live == null) {
                    Map<String, LongAdder> m = new ConcurrentHashMap<>();
                    auto(c -> {
                        try (PreparedStatement ps = c.prepareStatement("SELECT message_type, ack_code, COUNT(*) AS n "
                                + "FROM message_log GROUP BY message_type, ack_code");
                             ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                m.computeIfAbsent(rs.getString("message_type") + "|" + rs.getString("ack_code"),
                                        k -> new LongAdder()).add(rs.getLong("n"));
                            }
                            return null;
                        }
                    });
                    live = m;
                }
            } finally {
                seeding.writeLock().unlock();
            }
        }
        Map<String, Long> out = new TreeMap<>();
        live.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
