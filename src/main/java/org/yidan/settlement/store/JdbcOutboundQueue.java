package org.yidan.settlement.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The outbound queue in the database (table outbound_queue, db/migration/V8__outbound_queue.sql). A claim is an
 * UPDATE that only one instance wins (its condition still holds for one of them), so several instances on one
 * database send each message once while they live; a claim outliving its lease is due again.
 */
public final class JdbcOutboundQueue implements OutboundQueue {
    private static final String DUE = "(status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until < ?)";

    private final DataSource ds;
    private final MessageStore store;

    public JdbcOutboundQueue(DataSource ds, MessageStore store) {
        this.ds = ds;
        this.store = store;
    }

    @Override
    public long enqueue(MessageStore.Stored m) {
        return Databases.inUnit(ds, "outbound queue", () -> {
            long id = store.add(m);
            Databases.auto(ds, "outbound queue", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_queue (message_id, status, attempts, "
                        + "next_attempt_at) VALUES (?, 'queued', 0, ?)")) {
                    ps.setLong(1, id);
                    ps.setObject(2, Databases.time(m.at()));
                    return ps.executeUpdate();
                }
            });
            return id;
        });
    }

    @Override
    public Optional<Entry> claim(String instance, Instant now, Duration lease) {
        return Databases.write(ds, "outbound queue", c -> {
            for (int tries = 0; tries < 5; tries++) {
                Long id = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM outbound_queue WHERE " + DUE
                        + " ORDER BY next_attempt_at, message_id")) {
                    ps.setObject(1, Databases.time(now));
                    ps.setObject(2, Databases.time(now));
                    ps.setMaxRows(1);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) id = rs.getLong(1);
                    }
                }
                if (id == null) return Optional.<Entry>empty();
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_queue SET status = 'sending', claimed_by = ?, "
                        + "claimed_until = ? WHERE message_id = ? AND (" + DUE + ")")) {
                    ps.setString(1, instance);
                    ps.setObject(2, Databases.time(now.plus(lease)));
                    ps.setLong(3, id);
                    ps.setObject(4, Databases.time(now));
                    ps.setObject(5, Databases.time(now));
                    if (ps.executeUpdate() == 1) return entry(c, id);
                }
                // another instance claimed it between the two statements: look again
            }
            return Optional.<Entry>empty();
        });
    }

    @Override
    public void sent(long messageId, Instant at, String ackCode, byte[] ack, String outcome) {
        Databases.inUnit(ds, "outbound queue", () -> {
            Databases.auto(ds, "outbound queue", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_queue SET status = 'sent', attempts = attempts + 1, "
                        + "sent_at = ?, last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE message_id = ?")) {
                    ps.setObject(1, Databases.time(at));
                    ps.setLong(2, messageId);
                    return ps.executeUpdate();
                }
            });
            store.answered(messageId, ackCode, ack, outcome);
            return null;
        });
    }

    @Override
    public void failed(long messageId, String error, Instant next, boolean dead, String ackCode, byte[] ack, String outcome) {
        Databases.inUnit(ds, "outbound queue", () -> {
            Databases.auto(ds, "outbound queue", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_queue SET status = ?, attempts = attempts + 1, "
                        + "next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE message_id = ?")) {
                    ps.setString(1, dead ? DEAD : QUEUED);
                    ps.setObject(2, Databases.time(next));
                    ps.setString(3, error == null || error.length() <= 1000 ? error : error.substring(0, 1000));
                    ps.setLong(4, messageId);
                    return ps.executeUpdate();
                }
            });
            store.answered(messageId, ackCode, ack, outcome);
            return null;
        });
    }

    @Override
    public boolean requeue(long messageId, Instant now) {
        return Databases.write(ds, "outbound queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_queue SET status = 'queued', attempts = 0, "
                    + "next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, sent_at = NULL WHERE message_id = ?")) {
                ps.setObject(1, Databases.time(now));
                ps.setLong(2, messageId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Entry> find(long messageId) {
        return Databases.auto(ds, "outbound queue", c -> entry(c, messageId));
    }

    @Override
    public List<Entry> list(String status, int limit) {
        return Databases.auto(ds, "outbound queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, status, attempts, next_attempt_at, last_error, sent_at "
                    + "FROM outbound_queue" + (status == null ? "" : " WHERE status = ?") + " ORDER BY message_id DESC")) {
                if (status != null) ps.setString(1, status);
                ps.setMaxRows(Math.max(1, Math.min(limit, 1000)));
                return rows(ps);
            }
        });
    }

    @Override
    public long[] depth() {
        return Databases.auto(ds, "outbound queue", c -> {
            long[] out = new long[2];
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbound_queue WHERE status <> 'sent' GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (DEAD.equals(rs.getString(1))) out[1] += rs.getLong(2);
                    else out[0] += rs.getLong(2);
                }
            }
            return out;
        });
    }

    private static Optional<Entry> entry(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, status, attempts, next_attempt_at, last_error, sent_at "
                + "FROM outbound_queue WHERE message_id = ?")) {
            ps.setLong(1, id);
            List<Entry> found = rows(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<Entry> rows(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), Databases.instant(rs, "next_attempt_at"),
                        rs.getString(5), Databases.instant(rs, "sent_at")));
            }
        }
        return out;
    }
}
