package org.yidan.settlement.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log (table audit_log, V4__counter.sql): who did what, when and why. Append-only: this class inserts and
 * reads; nothing in the service updates or deletes a row.
 */
public final class JdbcAuditLog {
    /**
     * One entry.
     *
     * @param id        the order written (null before it is written)
     * @param at        when
     * @param actor     the account, or "mllp" for an HL7 message
     * @param actorRole the account's role (null for HL7)
     * @param action    login, login_failed, logout, cancel, resettle, print, account_created, password_set, ...
     * @param mdtrtId   the visit concerned (null: none)
     * @param reason    the reason given (required for cancel and resettle)
     * @param detail    anything else worth keeping (amounts before and after, the message's control id)
     */
    public record Entry(Long id, Instant at, String actor, String actorRole, String action, String mdtrtId,
                        String reason, String detail) {}

    private final DataSource ds;
    private final Clock clock;

    public JdbcAuditLog(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    public void append(String actor, String actorRole, String action, String mdtrtId, String reason, String detail) {
        Databases.auto(ds, "audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (logged_at, actor, actor_role, action, "
                    + "mdtrt_id, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, Databases.time(clock.instant()));
                ps.setString(2, actor);
                ps.setString(3, actorRole);
                ps.setString(4, action);
                ps.setString(5, mdtrtId);
                ps.setString(6, reason);
                ps.setString(7, detail);
                ps.executeUpdate();
                return null;
            }
        });
    }

    /** The entries written in [from, to), oldest first. */
    public List<Entry> between(Instant from, Instant to) {
        return select("logged_at >= ? AND logged_at < ?", Databases.time(from), Databases.time(to));
    }

    /** The entries about one visit, oldest first. */
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
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong("id"), Databases.instant(rs, "logged_at"), rs.getString("actor"),
                                rs.getString("actor_role"), rs.getString("action"), rs.getString("mdtrt_id"),
                                rs.getString("reason"), rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }
}
