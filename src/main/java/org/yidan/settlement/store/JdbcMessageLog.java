package org.yidan.settlement.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The inbound message log in the database (table message_log, db/migration/V2__visits_and_messages.sql). The ACK
 * is kept as the bytes sent (BYTEA). The first answer recorded for a control id stays: a later one, also one
 * recorded at the same moment by another instance, is ignored.
 */
public final class JdbcMessageLog implements MessageLog {
    private final DataSource ds;

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
    public void record(Entry e) {
        auto(c -> {
            // insert if absent; if another transaction inserts the same id between the check and the insert, the
            // insert fails on the key (autocommit: only this statement) and the first answer stays
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_log "
                    + "(control_id, message_type, ack_code, ack, answered_at) SELECT ?, ?, ?, ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM message_log WHERE control_id = ?)")) {
                ps.setString(1, e.controlId());
                ps.setString(2, e.messageType());
                ps.setString(3, e.ackCode());
                ps.setBytes(4, e.ack());
                ps.setObject(5, Databases.time(e.at() == null ? java.time.Instant.now() : e.at()));
                ps.setString(6, e.controlId());
                ps.executeUpdate();
            } catch (SQLException ex) {
                if (!Databases.isDuplicateKey(ex)) throw ex;
            }
            return null;
        });
    }

    /** Counts keyed {@code "<message type>|<ack code>"}, e.g. {@code "ADT^A03|AA" → 12}, sorted by key. */
    @Override
    public Map<String, Long> counts() {
        return auto(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_type, ack_code, COUNT(*) AS n FROM message_log "
                    + "GROUP BY message_type, ack_code");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Long> out = new TreeMap<>();
                while (rs.next()) out.put(rs.getString("message_type") + "|" + rs.getString("ack_code"), rs.getLong("n"));
                return out;
            }
        });
    }
}
