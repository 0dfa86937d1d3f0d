package org.yidan.settlement.store;

import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.sql.DataSource;

/**
 * The message store in the database (table message_store, db/migration/V7__message_store.sql). A message's bytes are
 * kept deflated: HL7 text shrinks five to ten times, and every message is kept. A message whose deflated bytes would
 * pass what a column holds keeps its head only ({@code message_complete} false).
 */
public final class JdbcMessageStore implements MessageStore {
    /** The most deflated bytes kept for one message (an H2 BYTEA holds up to 1,000,000). */
    static final int MAX_STORED = 900_000;
    private static final String COLUMNS = "id, direction, received_at, control_id, message_type, ack_code, sending_app, "
            + "sending_facility, peer, charset, mdtrt_id, psn_no, error_code, outcome, message_bytes, message_complete, "
            + "reprocess_of, actor";

    private final DataSource ds;

    public JdbcMessageStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public long add(Stored m) {
        byte[] packed = deflate(m.message());
        boolean complete = m.complete();
        if (packed.length > MAX_STORED) {
            // keep the head: enough to find it and read its header, never a column overflow that would fail the message
            byte[] head = java.util.Arrays.copyOf(m.message(), Math.min(m.message().length, 64 * 1024));
            packed = deflate(head);
            complete = false;
        }
        byte[] stored = packed;
        boolean whole = complete;
        return Databases.write(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_store (direction, received_at, control_id, "
                    + "message_type, ack_code, sending_app, sending_facility, peer, charset, mdtrt_id, psn_no, error_code, "
                    + "outcome, message, message_bytes, message_complete, ack, reprocess_of, actor) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, m.direction());
                ps.setObject(2, Databases.time(m.at()));
                ps.setString(3, cut(m.controlId(), 200));
                ps.setString(4, cut(m.messageType(), 64));
                ps.setString(5, m.ackCode());
                ps.setString(6, cut(m.sendingApp(), 200));
                ps.setString(7, cut(m.sendingFacility(), 200));
                ps.setString(8, cut(m.peer(), 100));
                ps.setString(9, cut(m.charset(), 60));
                ps.setString(10, cut(m.mdtrtId(), 100));
                ps.setString(11, cut(m.psnNo(), 64));
                if (m.errorCode() == null) ps.setNull(12, Types.INTEGER);
                else ps.setInt(12, m.errorCode());
                ps.setString(13, cut(m.outcome(), 2000));
                ps.setBytes(14, stored);
                ps.setInt(15, m.messageBytes());
                ps.setBoolean(16, whole);
                ps.setBytes(17, m.ack());
                if (m.reprocessOf() == null) ps.setNull(18, Types.BIGINT);
                else ps.setLong(18, m.reprocessOf());
                ps.setString(19, cut(m.actor(), 100));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public void answered(long id, String ackCode, byte[] ack, String outcome) {
        Databases.write(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE message_store SET ack_code = ?, ack = ?, outcome = ? WHERE id = ?")) {
                ps.setString(1, ackCode);
                ps.setBytes(2, ack);
                ps.setString(3, cut(outcome, 2000));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Stored> search(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM message_store WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        eq(sql, args, "direction", q.direction());
        eq(sql, args, "mdtrt_id", q.mdtrtId());
        eq(sql, args, "psn_no", q.psnNo());
        eq(sql, args, "control_id", q.controlId());
        eq(sql, args, "message_type", q.messageType());
        eq(sql, args, "ack_code", q.ackCode());
        eq(sql, args, "sending_app", q.sendingApp());
        eq(sql, args, "sending_facility", q.sendingFacility());
        if (q.from() != null) {
            sql.append(" AND received_at >= ?");
            args.add(Databases.time(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND received_at < ?");
            args.add(Databases.time(q.to()));
        }
        if (q.beforeId() != null) {
            sql.append(" AND id < ?");
            args.add(q.beforeId());
        }
        sql.append(" ORDER BY id DESC");
        int limit = Math.max(1, Math.min(q.limit(), 1000));
        return Databases.auto(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                ps.setMaxRows(limit);
                return rows(ps, false);
            }
        });
    }

    @Override
    public Optional<Stored> find(long id) {
        return Databases.auto(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", message, ack FROM message_store WHERE id = ?")) {
                ps.setLong(1, id);
                List<Stored> found = rows(ps, true);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<Stored> reprocessesOf(long id) {
        return Databases.auto(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message_store WHERE reprocess_of = ? ORDER BY id")) {
                ps.setLong(1, id);
                return rows(ps, false);
            }
        });
    }

    @Override
    public List<Tally> tally(java.time.Instant from, java.time.Instant to) {
        return Databases.auto(ds, "message store", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_type, ack_code, error_code, COUNT(*) FROM message_store "
                    + "WHERE direction = ? AND received_at >= ? AND received_at < ? GROUP BY message_type, ack_code, error_code")) {
                ps.setString(1, IN);
                ps.setObject(2, Databases.time(from));
                ps.setObject(3, Databases.time(to));
                List<Tally> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int code = rs.getInt(3);
                        Integer errorCode = rs.wasNull() ? null : code;
                        out.add(new Tally(rs.getString(1), rs.getString(2), errorCode, rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    private static void eq(StringBuilder sql, List<Object> args, String column, String value) {
        if (value == null || value.isEmpty()) return;
        sql.append(" AND ").append(column).append(" = ?");
        args.add(value);
    }

    private static List<Stored> rows(PreparedStatement ps, boolean bytes) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int code = rs.getInt("error_code");
                Integer errorCode = rs.wasNull() ? null : code;
                long rep = rs.getLong("reprocess_of");
                Long reprocessOf = rs.wasNull() ? null : rep;
                out.add(new Stored(rs.getLong("id"), rs.getString("direction"), Databases.instant(rs, "received_at"),
                        rs.getString("control_id"), rs.getString("message_type"), rs.getString("ack_code"),
                        rs.getString("sending_app"), rs.getString("sending_facility"), rs.getString("peer"),
                        rs.getString("charset"), rs.getString("mdtrt_id"), rs.getString("psn_no"), errorCode,
                        rs.getString("outcome"), bytes ? inflate(rs.getBytes("message")) : null, rs.getInt("message_bytes"),
                        rs.getBoolean("message_complete"), bytes ? rs.getBytes("ack") : null, reprocessOf, rs.getString("actor")));
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length / 4));
            byte[] buf = new byte[8192];
            while (!d.finished()) out.write(buf, 0, d.deflate(buf));
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] inflate(byte[] in) {
        Inflater f = new Inflater(true);
        try {
            f.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 4);
            byte[] buf = new byte[8192];
            while (!f.finished()) {
                int n = f.inflate(buf);
                if (n == 0 && (f.needsInput() || f.needsDictionary())) break;
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new StoreException("message store: a stored message cannot be inflated: " + ex.getMessage(), ex);
        } finally {
            f.end();
        }
    }
}
