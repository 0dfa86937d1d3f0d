package org.yidan.settlement.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log (table audit_log, V4__counter.sql and V5__audit_chain.sql): who did what, when and why. Append-only:
 * this class inserts and reads; nothing in the service updates or deletes a row. Each entry is chained to the one
 * before by SHA-256 hashes, so an entry changed, removed or inserted in the database afterwards shows up in
 * {@link #verify()}.
 */
public final class JdbcAuditLog implements AuditLog {
    private final DataSource ds;
    private final Clock clock;

    public JdbcAuditLog(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    @Override
    public void append(String actor, String actorRole, String action, String mdtrtId, String reason, String detail) {
        // microseconds: what both databases keep, so the hash read back is the hash written
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Databases.transaction(ds, "audit log", c -> {
            String prev;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new java.sql.SQLException("audit_head has no row (V5__audit_chain.sql not applied?)");
                prev = rs.getString(1);
            }
            String hash = hash(prev, new Entry(null, at, actor, actorRole, action, mdtrtId, reason, detail));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (logged_at, actor, actor_role, action, "
                    + "mdtrt_id, reason, detail, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, Databases.time(at));
                ps.setString(2, actor);
                ps.setString(3, actorRole);
                ps.setString(4, action);
                ps.setString(5, mdtrtId);
                ps.setString(6, reason);
                ps.setString(7, detail);
                ps.setString(8, prev);
                ps.setString(9, hash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_hash = ? WHERE id = 1")) {
                ps.setString(1, hash);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** SHA-256 over the previous hash and every field, each length-prefixed (no two entries hash alike by shifting text). */
    static String hash(String prev, Entry e) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String f : new String[] {prev, e.at().toString(), e.actor(), e.actorRole(), e.action(), e.mdtrtId(),
                    e.reason(), e.detail()}) {
                byte[] b = f == null ? new byte[0] : f.getBytes(StandardCharsets.UTF_8);
                md.update((f == null ? "-1" : String.valueOf(b.length)).getBytes(StandardCharsets.UTF_8));
                md.update((byte) ':');
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Walks the whole log in order and checks every link of the chain and the head. */
    @Override
    public Verification verify() {
        return Databases.auto(ds, "audit log", c -> {
            long entries = 0;
            long chained = 0;
            String last = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, logged_at, actor, actor_role, action, mdtrt_id, "
                    + "reason, detail, prev_hash, entry_hash FROM audit_log ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries++;
                    Entry e = entry(rs);
                    String prev = rs.getString("prev_hash");
                    String stored = rs.getString("entry_hash");
                    if (stored == null) {
                        if (chained > 0) return new Verification(entries, chained, e.id(), "entry without a hash after chained entries");
                        continue;   // written before V5
                    }
                    if (chained > 0 && !java.util.Objects.equals(prev, last)) {
                        return new Verification(entries, chained, e.id(), "does not follow the entry before it (one removed or inserted)");
                    }
                    if (!hash(prev, e).equals(stored)) {
                        return new Verification(entries, chained, e.id(), "its content does not match its hash (edited)");
                    }
                    chained++;
                    last = stored;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT last_hash FROM audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                String head = rs.next() ? rs.getString(1) : null;
                if (!java.util.Objects.equals(head, last)) {
                    return new Verification(entries, chained, -1L, "the newest entries are missing (the head names another hash)");
                }
            }
            return new Verification(entries, chained, null, null);
        });
    }

    /** The entries written in [from, to), oldest first. */
    @Override
    public List<Entry> between(Instant from, Instant to) {
        return select("logged_at >= ? AND logged_at < ?", Databases.time(from), Databases.time(to));
    }

    /** The entries about one visit, oldest first. */
    @Override
    public List<Entry> forVisit(String mdtrtId) {
        return select("mdtrt_id = ?", mdtrtId);
    }

    private List<Entry> select(String where, Object... args) {
        return Databases.auto(ds, "audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, logged_at, actor, actor_role, action, mdtrt_id, "
                    + "reason, detail FROM audit_log WHERE " + where + " ORDER BY id")) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(entry(rs));
                }
                return out;
            }
        });
    }

    private static Entry entry(ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), Databases.instant(rs, "logged_at"), rs.getString("actor"),
                rs.getString("actor_role"), rs.getString("action"), rs.getString("mdtrt_id"),
                rs.getString("reason"), rs.getString("detail"));
    }
}
